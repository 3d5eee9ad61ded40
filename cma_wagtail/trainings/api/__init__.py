"""Trainings in Wagtail's APIs: typed v3 endpoints and the registrations (:mod:`.v3`), and a
read-only v2 endpoint (:mod:`.v2`), in the shapes of :mod:`cma_wagtail.trainings.serializers`."""
