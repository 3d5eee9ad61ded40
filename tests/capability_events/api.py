"""API v2 list of events (read-only), added by ``register_v2_endpoints``."""

from wagtail.api.v2.views import BaseAPIViewSet

from .models import Event


class EventsAPIViewSet(BaseAPIViewSet):
    model = Event
    body_fields = [*BaseAPIViewSet.body_fields, "title", "starts_on", "town"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "title", "starts_on"]
    name = "events"

    def get_queryset(self):
        from .queries import upcoming_events

        return upcoming_events()
