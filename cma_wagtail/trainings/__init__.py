"""Trainings: a Qualiopi-ready catalogue, sessions with seats, registrations and a waiting list."""
