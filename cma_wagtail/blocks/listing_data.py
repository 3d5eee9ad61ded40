"""What the listing blocks ask their capabilities: choices, items and the items' JSON.

Every import of a capability happens inside a function, called only when
:func:`cma_wagtail.capabilities.is_installed` says the app is there (DESIGN.md rule 1 and 2).
The queries themselves are the capabilities' own public ones
(``crisis_news.queries``, ``initiatives.queries``, ``trainings.queries``).
"""

from __future__ import annotations

import functools
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..capabilities import is_installed
from .representation import image_data

#: The urgencies of crisis news (the values of ``cma_crisis_news.Urgency``), fixed here so
#: that the block definition does not depend on the app.
URGENCY_CHOICES = [
    ("info", _("Information")),
    ("important", _("Important")),
    ("urgent", _("Urgent")),
]


def session_time_zone() -> ZoneInfo:
    """Sessions are shown and serialised in the trainings' time zone (``Europe/Paris`` by
    default, ``CMA_WAGTAIL_TRAININGS_TIME_ZONE``), whatever the server's ``TIME_ZONE``."""
    from ..conf import settings as cma_settings

    return ZoneInfo(cma_settings.TRAININGS_TIME_ZONE)


def is_editor_view(context) -> bool:
    """True in the block picker's preview, a page preview, or for a user of the admin."""
    context = context or {}
    if context.get("block_def") is not None:  # Wagtail's block preview
        return True
    request = context.get("request")
    if request is None:
        return False
    if getattr(request, "is_preview", False):
        return True
    user = getattr(request, "user", None)
    return bool(
        user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin")
    )


def site_for(request):
    """The Wagtail site of the request (cached on it by Wagtail), or None."""
    if request is None:
        return None
    from wagtail.models import Site

    return Site.find_for_request(request)


def _iso(value):
    return value.isoformat() if value else None


# Choices of the filters (read when the editor's form is shown) -------------------------


def news_topic_choices() -> list[tuple[str, str]]:
    if not is_installed("cma_crisis_news"):
        return []
    from cma_wagtail.crisis_news.models import NewsTopic

    return list(NewsTopic.objects.order_by("name").values_list("slug", "name"))


def initiative_category_choices() -> list[tuple[str, str]]:
    if not is_installed("cma_initiatives"):
        return []
    from cma_wagtail.initiatives.models import InitiativeCategory

    return list(InitiativeCategory.objects.values_list("slug", "name"))


def training_choices() -> list[tuple[str, str]]:
    if not is_installed("cma_trainings"):
        return []
    from cma_wagtail.trainings.models import TrainingPage

    return [
        (str(pk), title)
        for pk, title in TrainingPage.objects.order_by("title").values_list("pk", "title")
    ]


# Items ----------------------------------------------------------------------------------


def latest_news(value, request=None) -> list:
    from cma_wagtail.crisis_news.queries import latest_news

    return latest_news(
        value.get("number") or 3,
        site=site_for(request),
        topic=value.get("topic") or None,
        urgency=value.get("urgency") or "",
        include_expired=not value.get("hide_expired"),
    )


def latest_initiatives(value, request=None) -> list:
    from cma_wagtail.initiatives.queries import latest_initiatives

    return latest_initiatives(
        value.get("number") or 3, site=site_for(request), category=value.get("category") or ""
    )


def upcoming_sessions(value, request=None) -> list:
    from cma_wagtail.trainings.queries import upcoming_sessions

    training_ids = None
    if value.get("training"):
        try:
            training_ids = [int(value["training"])]
        except (TypeError, ValueError):
            return []
    return upcoming_sessions(
        limit=value.get("number") or 3, training_ids=training_ids, site=site_for(request)
    )


# JSON of one item: public facts only (no artisan's name, no contact, no visio link) -----


def news_item_data(page, request=None) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.get_url(request),
        "summary": page.summary,
        "urgency": page.urgency,
        "urgency_label": str(page.get_urgency_display()),
        "pinned": page.pinned,
        "published_on": _iso(page.published_on),
        "updated_on": _iso(page.last_reviewed_at),
        "valid_until": _iso(page.valid_until),
        "expired": page.is_expired,
        "topics": [{"slug": t.slug, "name": t.name} for t in page.topic_list],
    }


def initiative_item_data(page, request=None) -> dict:
    from cma_wagtail.initiatives.models.pages import CARD_RENDITION

    photo = page.first_image
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.get_url(request),
        "business_name": page.business_name,
        "trade": page.trade,
        "town": page.town,
        "departement": page.departement,
        "departement_name": page.departement_name,
        "summary": page.summary,
        "categories": [
            {"slug": c.slug, "name": c.name, "icon": c.icon} for c in page.categories.all()
        ],
        "image": image_data(photo.image, photo.alt_text, CARD_RENDITION) if photo else None,
    }


def session_item_data(session, request=None) -> dict:
    training, zone = session.page, session_time_zone()
    return {
        "id": session.pk,
        "training": {"id": training.pk, "title": training.title, "url": training.get_url(request)},
        "start": timezone.localtime(session.start, zone).isoformat(),
        "end": timezone.localtime(session.end, zone).isoformat(),
        "format": session.format,
        "format_label": str(session.get_format_display()),
        "place": session.public_place,
        "seats_left": session.seats_left,
        "full": session.is_full,
        "register_url": session.get_register_url(),
        "ics_url": session.get_ics_url(),
    }


@functools.cache
def schemas() -> dict:
    """The pydantic models of the blocks' API output (pydantic is imported only here)."""
    from . import listing_schemas

    return {
        "news": listing_schemas.LatestNewsBlockValue,
        "initiatives": listing_schemas.InitiativesBlockValue,
        "sessions": listing_schemas.UpcomingSessionsBlockValue,
        "proposal": listing_schemas.InitiativeProposalBlockValue,
    }
