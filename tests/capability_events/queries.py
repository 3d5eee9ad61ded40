"""The public querysets of events: every list, block and API of the app uses them."""

from django.utils import timezone

from .models import Event


def upcoming_events(limit: int | None = None, town: str = ""):
    events = Event.objects.filter(public=True, starts_on__gte=timezone.localdate())
    if town:
        events = events.filter(town=town)
    return list(events[:limit]) if limit else events
