"""API serializers of crisis news (Wagtail API v2 ``api_fields``)."""

from rest_framework import serializers


class NewsTopicSerializer(serializers.Serializer):
    """A topic as ``{"id", "name", "slug"}``; reads the page's prefetched topics.

    Declared field by field rather than as a ``ModelSerializer`` of ``NewsTopic``: the page
    models import this module, so it must not import the models package (an import loop).
    """

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    slug = serializers.SlugField(read_only=True)
