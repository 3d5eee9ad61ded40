"""Kept only for ``apps.py`` (owned by another change): the emails live in :mod:`.emails`."""

from .emails import queue_missing_notifications  # noqa: F401
