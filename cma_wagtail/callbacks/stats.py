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
    attempts = reached_calls().filter(at__gte=_start_of(since))
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
    # The report's own query, on the requests received in the last 90 days.
    delays = first_call_delays(queryset.filter(created_at__gte=now - dt.timedelta(days=90)))
    return {
        "waiting": waiting.count(),
        "oldest": oldest,
        "handled_this_week": handled,
        "median_first_call": _delta(statistics.median(delays) if delays else None),
    }


# --- Reports ---------------------------------------------------------------------------


def reached_calls(queryset=None):
    """The "reached" call attempts (of the requests in ``queryset``): what the key-figures
    block counts (:func:`artisans_called_back_since`) and the reports' "reached"."""
    attempts = CallbackAttempt.objects.filter(action=Action.CALL, outcome=CallOutcome.REACHED)
    if queryset is not None:
        attempts = attempts.filter(request__in=queryset.values("pk"))
    return attempts


def first_call_delays(queryset) -> list[float]:
    """Seconds from reception to first call of the requests in ``queryset`` that were
    called: the report's median and 90th percentile, and the dashboard's median."""
    return [
        (first - created).total_seconds()
        for created, first in queryset.filter(first_called_at__isnull=False).values_list(
            "created_at", "first_called_at"
        )
    ]


def nearest_rank(values: list[float], p: float) -> float | None:
    """The ``p``-th percentile by the nearest-rank method (a value that was measured)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))  # ceil(n × p / 100)
    return ordered[int(rank) - 1]


def report_figures(queryset) -> dict:
    """What the reports show for the requests in ``queryset`` (already scoped to a team, a
    site and a period): counts, time to first call, by topic, by agent, by day."""
    from django.db.models import Count, Exists, OuterRef, Q
    from django.db.models.functions import TruncDate

    from .constants import CloseOutcome, Status
    from .models import CallbackRequest

    reached_exists = Exists(reached_calls().filter(request=OuterRef("pk")))
    scoped = queryset.annotate(was_reached=reached_exists)
    totals = scoped.aggregate(
        received=Count("pk"),
        reached=Count("pk", filter=Q(was_reached=True)),
        unreachable=Count(
            "pk",
            filter=Q(status=Status.UNREACHABLE)
            | Q(status=Status.CLOSED, outcome=CloseOutcome.UNREACHABLE),
        ),
        closed_without_contact=Count("pk", filter=Q(status=Status.CLOSED, was_reached=False)),
    )
    delays = first_call_delays(queryset)
    topics = dict(CallbackRequest._meta.get_field("topic").choices)
    by_topic = [
        {"topic": str(topics.get(row["topic"], row["topic"] or "—")), "received": row["n"]}
        for row in queryset.order_by().values("topic").annotate(n=Count("pk")).order_by("-n")
    ]
    by_agent = [
        {
            "agent": " ".join(filter(None, [row["agent__first_name"], row["agent__last_name"]]))
            or row["agent__username"]
            or "—",
            "calls": row["calls"],
            "reached": row["reached"],
        }
        for row in CallbackAttempt.objects.filter(
            action=Action.CALL, request__in=queryset.values("pk")
        )
        .values("agent__first_name", "agent__last_name", "agent__username")
        .annotate(calls=Count("pk"), reached=Count("pk", filter=Q(outcome=CallOutcome.REACHED)))
        .order_by("-calls")
    ]
    by_day = list(
        scoped.order_by()
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(received=Count("pk"), reached=Count("pk", filter=Q(was_reached=True)))
        .order_by("day")
    )
    return {
        **totals,
        "median_first_call": _delta(statistics.median(delays) if delays else None),
        "p90_first_call": _delta(nearest_rank(delays, 90)),
        "by_topic": by_topic,
        "by_agent": by_agent,
        "by_day": by_day,
    }


def _delta(seconds):
    return None if seconds is None else dt.timedelta(seconds=seconds)
