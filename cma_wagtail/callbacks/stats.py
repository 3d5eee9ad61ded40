"""Figures of the callback service, for the dashboard and the key-figures block."""

from __future__ import annotations

import datetime as dt
import statistics

from django.utils import timezone

from .constants import Action, CallOutcome
from .models import CallbackAttempt


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def artisans_called_back_since(since: dt.date, site=None) -> int:
    """Distinct phone numbers with at least one "reached" call since ``since`` (a date).

    Used by the key-figures block: "plus de 600 artisans rappelés depuis le 16 mars".
    Anonymised requests have no number any more and are counted by request instead,
    so that the figure does not drop when old requests are purged.
    """
    attempts = CallbackAttempt.objects.filter(
        action=Action.CALL, outcome=CallOutcome.REACHED, at__gte=_start_of(since)
    )
    if site is not None:
        attempts = attempts.filter(request__site=site)
    with_phone = attempts.exclude(request__phone="").values("request__phone").distinct().count()
    anonymised = attempts.filter(request__phone="").values("request_id").distinct().count()
    return with_phone + anonymised


def dashboard_figures(queryset, now: dt.datetime | None = None) -> dict:
    """Waiting requests, the oldest waiting, handled this week, median time to first call."""
    now = now or timezone.now()
    waiting = queryset.waiting()
    oldest = (
        waiting.order_by("created_at")
        .only("pk", "created_at", "name", "business_name", "phone")
        .first()
    )
    local = timezone.localtime(now)
    week_start = _start_of(local.date() - dt.timedelta(days=local.weekday()))
    handled = (
        CallbackAttempt.objects.filter(
            request__in=queryset.values("pk"),
            action__in=[Action.CALL, Action.CLOSED],
            at__gte=week_start,
        )
        .values("request_id")
        .distinct()
        .count()
    )
    delays = [
        (first - created).total_seconds()
        for created, first in queryset.filter(
            first_called_at__isnull=False, created_at__gte=now - dt.timedelta(days=90)
        ).values_list("created_at", "first_called_at")
    ]
    median = dt.timedelta(seconds=statistics.median(delays)) if delays else None
    return {
        "waiting": waiting.count(),
        "oldest": oldest,
        "handled_this_week": handled,
        "median_first_call": median,
    }
