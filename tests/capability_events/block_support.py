"""What core's listing block asks this app (kind ``events``, filter ``towns``)."""

from cma_wagtail.blocks.support import BlockSupport


class EventsBlockSupport(BlockSupport):
    card_templates = {"events": "cma_test_events/event_card.html"}
    card_item_names = {"events": "event"}

    def choices(self, kind):
        from .models import Event

        if kind != "towns":
            return []
        towns = Event.objects.exclude(town="").order_by("town").values_list("town", flat=True)
        return [(town, town) for town in towns.distinct()]

    def items(self, kind, value, request=None):
        from .queries import upcoming_events

        return upcoming_events(limit=value.get("number") or 3, town=value.get("town") or "")

    def item_data(self, kind, item, request=None):
        from .serializers import event_data

        return event_data(item)
