"""Listing queries with live seat counts, in a constant number of SQL queries.

Seats are counted from registrations with filtered ``Count`` annotations, never one
query per session; registrations still waiting for their email confirmation count for
nothing. Trainings are filtered by core's visibility rule (:mod:`cma_wagtail.visibility`).
:func:`upcoming_sessions` is the data helper of the block library's
``UpcomingSessionsBlock``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from cma_wagtail.pictures import picture_prefetch
from cma_wagtail.visibility import visible_pages

from .models import Registration, TrainingPage, TrainingSession

CONFIRMED = Registration.Status.CONFIRMED
WAITING = Registration.Status.WAITING


def with_seats(sessions: QuerySet) -> QuerySet:
    """Annotate sessions with ``annotated_confirmed``, ``annotated_waiting``, ``annotated_seats_left``."""
    return sessions.annotate(
        annotated_confirmed=Count("registrations", filter=Q(registrations__status=CONFIRMED)),
        annotated_waiting=Count("registrations", filter=Q(registrations__status=WAITING)),
        annotated_capacity=Coalesce("capacity", "page__default_capacity"),
    ).annotate(annotated_seats_left=Greatest(F("annotated_capacity") - F("annotated_confirmed"), 0))


def open_for_registration(now=None) -> Q:
    """Sessions still taking registrations: open, and before their deadline (or start)."""
    now = now or timezone.now()
    return Q(status=TrainingSession.Status.OPEN) & (
        Q(registration_deadline__gt=now) | Q(registration_deadline__isnull=True, start__gt=now)
    )


def upcoming_sessions_queryset(now=None) -> QuerySet:
    """Open sessions still taking registrations, soonest first, with their seats."""
    return with_seats(
        TrainingSession.objects.filter(open_for_registration(now)).select_related("page")
    ).order_by("start", "pk")


def visible_trainings(site=None) -> QuerySet:
    """Trainings anyone may see (live, no view restriction; of ``site`` when given)."""
    return visible_pages(TrainingPage.objects.all(), site)


def upcoming_sessions(
    limit: int | None = 5,
    training_ids: Iterable[int] | QuerySet | None = None,
    only_available: bool = False,
    site=None,
) -> list[TrainingSession]:
    """The next sessions of visible trainings, each with ``seats_left``: one SQL query.

    Sessions of a training behind a view restriction (on it or an ancestor) are never
    listed; ``site`` keeps one site's trainings. ``training_ids`` restricts to some
    trainings (ids or a ``values("pk")`` queryset); ``only_available`` drops full
    sessions. Each session's ``page`` is selected with it.
    """
    sessions = upcoming_sessions_queryset().filter(page__in=visible_trainings(site).values("pk"))
    if training_ids is not None:
        sessions = sessions.filter(page_id__in=training_ids)
    if only_available:
        sessions = sessions.filter(annotated_seats_left__gt=0)
    if limit is not None:
        sessions = sessions[:limit]
    return list(sessions)


def trainings_for_listing(trainings: QuerySet) -> QuerySet:
    """Trainings with their theme and upcoming sessions (``page.upcoming``): 2 queries in all."""
    return (
        trainings.select_related("theme", "listing_image")
        .prefetch_related(
            Prefetch("sessions", queryset=upcoming_sessions_queryset(), to_attr="upcoming"),
            picture_prefetch("listing_image"),
        )
        .order_by("title")
    )


def has_available_session() -> Exists:
    """``Exists`` expression: the training has an upcoming session with a seat left."""
    available = with_seats(
        TrainingSession.objects.filter(open_for_registration(), page=OuterRef("pk"))
    ).filter(annotated_seats_left__gt=0)
    return Exists(available)


def parse_filters(params) -> dict:
    """The catalogue filters read from query parameters (invalid values are ignored)."""
    from .models.themes import Format

    fmt = params.get("format") or ""
    return {
        "theme": params.get("theme") or "",
        "format": fmt if fmt in Format.values else "",
        "available": params.get("available") in ("1", "true", True),
    }


def filter_trainings(
    trainings: QuerySet, theme: str = "", format: str = "", available: bool = False
) -> QuerySet:
    if theme:
        trainings = trainings.filter(theme__slug=theme)
    if format:
        trainings = trainings.filter(format=format)
    if available:
        trainings = trainings.filter(has_available_session())
    return trainings


def prefetch_upcoming(pages: Iterable[TrainingPage]) -> None:
    """Give each page its ``upcoming`` sessions in one query (for the API serializers)."""
    from django.db.models import prefetch_related_objects

    missing = [p for p in pages if isinstance(p, TrainingPage) and not hasattr(p, "upcoming")]
    if missing:
        prefetch_related_objects(
            missing,
            Prefetch("sessions", queryset=upcoming_sessions_queryset(), to_attr="upcoming"),
        )
