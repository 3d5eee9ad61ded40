"""The one JSON shape of each public object of trainings: a training, a session and a theme.

Each object has one data function here, used by API v3 (:mod:`..api.v3`), the upcoming
sessions block's API value (:mod:`..block_support`) and API v2 (the page's ``api_fields``),
and one schema: the v3 pydantic model in :mod:`.schemas`, also importable from here
(``from cma_wagtail.trainings.serializers import Training``), and the DRF field of v2.
Public data only: never a visio link nor a registration.

Nothing here imports the models or pydantic when the module loads: the page models import
the DRF fields of this module (a loop otherwise), and Wagtail 7.4 has no django-ninja.

Wagtail's v2 ``PagesAPIViewSet`` serializes one page at a time; the v2 fields load the
upcoming sessions of *every* page of the listing the first time one of them is serialized
(``prefetch_upcoming``), so a listing costs the same number of queries for 5 or 60 trainings.
"""

from __future__ import annotations

from rest_framework.fields import Field, FloatField

from cma_wagtail.api.v2_fields import PageField

__all__ = [
    "STREAM_FIELDS",
    "NumberAPIField",
    "SessionsAPIField",
    "ThemeAPIField",
    "TrainingSeatsAPIField",
    "serialize_trainings",
    "session_card_data",
    "session_data",
    "theme_data",
    "training_data",
    # pydantic schemas (API v3), from .schemas on first use
    "Session",
    "ThemeOut",
    "Training",
]

#: StreamFields of a training, bound in bulk before serialising a listing.
STREAM_FIELDS = ("programme",)

#: The names :mod:`.schemas` defines, resolved lazily (see the module's docstring).
_SCHEMAS = {"Session", "ThemeOut", "Training"}


def __getattr__(name: str):
    if name in _SCHEMAS:
        from . import schemas

        return getattr(schemas, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _local(value):
    """A session's date and time in the trainings' time zone (as the pages show it)."""
    if value is None:
        return None
    from django.utils import timezone

    from ..block_support import session_time_zone

    return timezone.localtime(value, session_time_zone())


# Theme ------------------------------------------------------------------------------------


def theme_data(theme) -> dict | None:
    """A theme: ``{"id", "name", "slug"}`` (schema :class:`.schemas.ThemeOut`), or None."""
    if theme is None:
        return None
    return {"id": theme.pk, "name": theme.name, "slug": theme.slug}


# Session ----------------------------------------------------------------------------------


def session_data(session) -> dict:
    """A session still taking registrations (schema :class:`.schemas.Session`);
    ``seats_left`` is counted live (annotated in listings), ``place`` is the public one
    (never the visio link)."""
    return {
        "id": session.pk,
        "start": session.start,
        "end": session.end,
        "format": session.format,
        "place": session.public_place,
        "status": session.status,
        "registration_deadline": session.registration_deadline,
        "capacity": session.effective_capacity,
        "seats_left": session.seats_left,
        "is_full": session.is_full,
    }


def session_card_data(session, request=None) -> dict:
    """A session as an item of the upcoming sessions block's API value (schema
    ``UpcomingSessionsBlockValue`` of core's blocks): :func:`session_data`'s facts under the
    same names (``full`` is its ``is_full``), its training, the format's label and the
    HTML links; times as ISO strings in the trainings' time zone."""
    data = session_data(session)
    training = session.page
    return {
        "id": data["id"],
        "training": {"id": training.pk, "title": training.title, "url": training.get_url(request)},
        "start": _local(data["start"]).isoformat(),
        "end": _local(data["end"]).isoformat(),
        "format": data["format"],
        "format_label": str(session.get_format_display()),
        "place": data["place"],
        "seats_left": data["seats_left"],
        "full": data["is_full"],
        "register_url": session.get_register_url(),
        "ics_url": session.get_ics_url(),
    }


# Training ---------------------------------------------------------------------------------


def _number(value):
    return float(value) if value is not None else None


def training_data(page, request) -> dict:
    """A training in API v3 (schema :class:`.schemas.Training`), with its upcoming sessions."""
    from cma_wagtail.api.v3_tools import page_fields, stream_data
    from cma_wagtail.blocks.representation import rich_text_html

    sessions = page.get_upcoming_sessions()
    return {
        **page_fields(page, request),
        "summary": page.summary,
        "theme": theme_data(page.theme),
        "objectives": rich_text_html(page.objectives),
        "programme": stream_data(page.programme, request),
        "duration_hours": float(page.duration_hours),
        "format": page.format,
        "audience": page.audience,
        "prerequisites": page.prerequisites,
        "teaching_methods": page.teaching_methods,
        "assessment_methods": page.assessment_methods,
        "is_free": page.is_free,
        "price": _number(page.price),
        "funders": page.funders,
        "access_delay": page.access_delay,
        "accessibility": page.accessibility,
        "accessibility_contact": page.accessibility_contact,
        "contact_name": page.contact_name,
        "contact_email": page.contact_email,
        "contact_phone": page.contact_phone,
        "certification_code": page.certification_code,
        "satisfaction_rate": _number(page.satisfaction_rate),
        "satisfaction_date": page.satisfaction_date,
        "last_reviewed_at": page.last_reviewed_at,
        "sessions": [session_data(s) for s in sessions],
        "seats_left": sum(s.seats_left for s in sessions),
    }


def serialize_trainings(pages: list, request) -> list[dict]:
    """A listing (or one page) in API v3: :func:`training_data` of each, with the upcoming
    sessions and the programme's blocks loaded in bulk."""
    from cma_wagtail.api.prefetch import prefetch_stream_fields

    from ..queries import prefetch_upcoming

    prefetch_upcoming(pages)
    prefetch_stream_fields(pages, STREAM_FIELDS)
    return [training_data(page, request) for page in pages]


# API v2 fields ----------------------------------------------------------------------------


def _listing_pages(field: Field, instance) -> list:
    """All the pages being serialized with ``instance`` (the whole API listing page)."""
    root = field.root
    pages = getattr(root, "instance", None)
    if pages is None or pages is instance:
        return [instance]
    try:
        return list(pages)
    except TypeError:
        return [instance]


class _UpcomingMixin:
    def _prefetch(self, page) -> None:
        from django.db.models import prefetch_related_objects

        from ..queries import prefetch_upcoming

        if not hasattr(page, "upcoming"):
            pages = [*_listing_pages(self, page), page]
            prefetch_upcoming(pages)
            trainings = [p for p in pages if hasattr(p, "theme_id")]
            # Wagtail's meta serializes each page's locale: load them with the rest.
            prefetch_related_objects(trainings, "theme", "locale")

    def _upcoming(self, page) -> list:
        self._prefetch(page)
        return page.upcoming


class _PageField(_UpcomingMixin, PageField):
    pass


class NumberAPIField(FloatField):
    """A decimal of the page (``duration_hours``, ``price``, ``satisfaction_rate``) as a JSON
    number, as v3 sends it (DRF would send a string)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class SessionsAPIField(_PageField):
    """``upcoming_sessions``: :func:`session_data` of the sessions still taking
    registrations, with live seats."""

    def to_representation(self, page):
        return [session_data(s) for s in self._upcoming(page)]


class TrainingSeatsAPIField(_PageField):
    """``seats_left``: seats left in all the training's upcoming sessions."""

    def to_representation(self, page):
        return sum(s.seats_left for s in self._upcoming(page))


class ThemeAPIField(_PageField):
    """``theme``: :func:`theme_data` (loaded for the whole listing at once)."""

    def to_representation(self, page):
        self._prefetch(page)
        return theme_data(page.theme)
