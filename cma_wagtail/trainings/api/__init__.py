"""Wagtail API (v2) fields of training pages: public data and live seats, in constant queries.

Wagtail's ``PagesAPIViewSet`` serializes one page at a time; these fields load the
upcoming sessions of *every* page of the listing the first time one of them is
serialized (``prefetch_upcoming``), so a listing costs the same number of queries
for 5 or 60 trainings. The private visio link is never part of the output.
"""

from __future__ import annotations

from rest_framework.fields import Field

SESSION_FIELDS = ("id", "start", "end", "format", "place", "status", "registration_deadline")


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


def serialize_session(session) -> dict:
    data = {}
    for name in SESSION_FIELDS:
        value = getattr(session, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data["capacity"] = session.effective_capacity
    data["seats_left"] = session.seats_left
    data["is_full"] = session.is_full
    return data


class SessionsAPIField(_UpcomingMixin, Field):
    """``upcoming_sessions``: the sessions still taking registrations, with live seats."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, page):
        return [serialize_session(s) for s in self._upcoming(page)]


class TrainingSeatsAPIField(_UpcomingMixin, Field):
    """``seats_left``: seats left in all the training's upcoming sessions."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, page):
        return sum(s.seats_left for s in self._upcoming(page))


class ThemeAPIField(_UpcomingMixin, Field):
    """``theme``: ``{"id", "name", "slug"}`` or null (loaded for the whole listing at once)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, page):
        self._prefetch(page)
        theme = page.theme
        return {"id": theme.pk, "name": theme.name, "slug": theme.slug} if theme else None
