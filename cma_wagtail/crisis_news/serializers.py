"""API serializers of crisis news (Wagtail API v2 ``api_fields``)."""

from rest_framework import serializers

from .models.topics import NewsTopic


class NewsTopicSerializer(serializers.ModelSerializer):
    """A topic as ``{"id", "name", "slug"}``; reads the page's prefetched topics."""

    class Meta:
        model = NewsTopic
        fields = ["id", "name", "slug"]
