"""A DRF field for the capabilities' API v2 ``api_fields``, importable from their
serializers (which the page models import: no model, no view here)."""

from __future__ import annotations

from rest_framework import serializers


class PageField(serializers.Field):
    """A read-only field given the whole page (``source="*"``): its
    ``to_representation(page)`` says what the serializer module's data function says."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)
