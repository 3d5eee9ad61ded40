"""What core's blocks ask this app: the upcoming sessions (``UpcomingSessionsBlock``, kind
``sessions``, filter ``trainings``)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from cma_wagtail.blocks.support import BlockSupport, site_for
from cma_wagtail.conf import settings as cma_settings


def session_time_zone() -> ZoneInfo:
    """Sessions are shown and serialised in the trainings' time zone (``Europe/Paris`` by
    default, ``CMA_WAGTAIL_TRAININGS_TIME_ZONE``), whatever the server's ``TIME_ZONE``."""
    return ZoneInfo(cma_settings.TRAININGS_TIME_ZONE)


class TrainingsBlockSupport(BlockSupport):
    card_templates = {"sessions": "cma_trainings/includes/session_card.html"}
    card_item_names = {"sessions": "session"}

    def choices(self, kind):
        if kind != "trainings":
            return []
        from .models import TrainingPage

        return [
            (str(pk), title)
            for pk, title in TrainingPage.objects.order_by("title").values_list("pk", "title")
        ]

    def items(self, kind, value, request=None):
        from .queries import upcoming_sessions

        training_ids = None
        if value.get("training"):
            try:
                training_ids = [int(value["training"])]
            except (TypeError, ValueError):
                return []
        return upcoming_sessions(
            limit=value.get("number") or 3, training_ids=training_ids, site=site_for(request)
        )

    def listing_context(self, kind, value, request=None):
        return {"time_zone": session_time_zone()}

    def item_data(self, kind, session, request=None):
        """Public facts only (no visio link), as ``UpcomingSessionsBlockValue``, in the
        shape of :func:`.serializers.session_card_data` (v3's names and values)."""
        from .serializers import session_card_data

        return session_card_data(session, request)
