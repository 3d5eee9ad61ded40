"""API serializers of crisis news (Wagtail API v2 ``api_fields``)."""

from rest_framework import serializers


def topic_data(topic) -> dict:
    """The one shape of a topic (v2, v3 and the listing block's items alike)."""
    return {"id": topic.pk, "name": topic.name, "slug": topic.slug}


class NewsTopicSerializer(serializers.Serializer):
    """A topic as ``{"id", "name", "slug"}``; reads the page's prefetched topics.

    Declared field by field rather than as a ``ModelSerializer`` of ``NewsTopic``: the page
    models import this module, so it must not import the models package (an import loop).
    """

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    slug = serializers.SlugField(read_only=True)
