"""The agents' queue: which requests are to be called now, in which order, and
"Prendre la suivante" (take the next one), safe when a whole team presses it at once.

A request is *to do* when it is open and due: a new request (as soon as the artisan's
preferred slot allows: "in the morning" waits for a morning, "on a day of my choice" for
that day), or one whose :attr:`~CallbackRequest.next_attempt_at` has come (a call agreed
with the artisan, or the next attempt after a call with no answer). Oldest due first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading

from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from cma_wagtail.conf import settings as cma_settings

from .constants import Action, Slot, Status
from .models import CallbackAttempt, CallbackRequest

#: Past noon (local time), "in the morning" requests wait for the next morning.
NOON = dt.time(12, 0)
#: Candidates looked at per "take next" before giving up (each one lost to a colleague
#: costs one more try; skipped locks cost none on PostgreSQL).
MAX_TRIES = 50


def slot_filter(now: dt.datetime) -> Q:
    """The requests without an agreed time whose preferred slot allows a call ``now``."""
    local = timezone.localtime(now)
    q = Q(preferred_slot=Slot.MORNING) if local.time() < NOON else Q(preferred_slot=Slot.AFTERNOON)
    q |= Q(preferred_slot__in=[Slot.ASAP, ""])
    q |= Q(preferred_slot=Slot.DAY) & (
        Q(preferred_date__isnull=True) | Q(preferred_date__lte=local.date())
    )
    return q


def due_filter(now: dt.datetime) -> Q:
    """Open requests to be called ``now`` (whoever holds them)."""
    new = Q(next_attempt_at__isnull=True, status__in=[Status.NEW, Status.ASSIGNED]) & slot_filter(
        now
    )
    scheduled = Q(next_attempt_at__lte=now) & ~Q(status=Status.CLOSED)
    return new | scheduled


#: When a request became due: its agreed time or next attempt, else its reception.
DUE_AT = Coalesce(F("next_attempt_at"), F("created_at"))


def with_due_at(queryset):
    """Annotate ``due_at`` (for "oldest first")."""
    return queryset.annotate(due_at=DUE_AT)


def to_do(queryset=None, now: dt.datetime | None = None):
    """The "à traiter" view: due requests, oldest due first."""
    now = now or timezone.now()
    queryset = CallbackRequest.objects.all() if queryset is None else queryset
    return with_due_at(queryset.filter(due_filter(now))).order_by("due_at", "pk")


def idle_filter(now: dt.datetime) -> Q:
    """Requests taken and left untouched for ``CMA_WAGTAIL_CALLBACK_RELEASE_AFTER_MINUTES``:
    "take next" offers them as if nobody held them (evaluated when the queue is read; the
    cron command :func:`release_idle` also clears their holder and journals it)."""
    minutes = cma_settings.CALLBACK_RELEASE_AFTER_MINUTES
    if not minutes:
        return Q(pk__in=[])
    limit = now - dt.timedelta(minutes=minutes)
    return Q(status=Status.ASSIGNED, assigned_at__lt=limit, updated_at__lt=limit)


def release_idle(now: dt.datetime | None = None, queryset=None) -> int:
    """Put back in the queue the requests taken and left untouched for
    ``CMA_WAGTAIL_CALLBACK_RELEASE_AFTER_MINUTES``; return how many.

    "Untouched": nothing recorded since it was taken (its ``updated_at`` is its
    ``assigned_at``'s, or older than the limit). Run lazily when the queue is read and by
    ``manage.py release_idle_callback_requests`` (cron).
    """
    now = now or timezone.now()
    minutes = cma_settings.CALLBACK_RELEASE_AFTER_MINUTES
    if not minutes:
        return 0
    limit = now - dt.timedelta(minutes=minutes)
    queryset = CallbackRequest.objects.all() if queryset is None else queryset
    idle = queryset.filter(
        status=Status.ASSIGNED,
        assigned_to__isnull=False,
        assigned_at__lt=limit,
        updated_at__lt=limit,
    )
    released = 0
    for pk, agent_id in idle.values_list("pk", "assigned_to_id")[:500]:
        # Compare-and-set: a request touched meanwhile is left to its agent.
        changed = CallbackRequest.objects.filter(
            pk=pk, status=Status.ASSIGNED, assigned_to_id=agent_id, updated_at__lt=limit
        ).update(assigned_to=None, assigned_at=None, status=Status.NEW, updated_at=now)
        if changed:
            CallbackAttempt.objects.create(
                request_id=pk, action=Action.RELEASED, at=now, agent_id=None
            )
            released += changed
    return released


def _free(now) -> Q:
    return Q(assigned_to__isnull=True) | idle_filter(now)


def _candidates(user, now):
    from .visibility import visible_requests

    # Not a request this agent already holds, unless its agreed time has come.
    mine_due = Q(assigned_to=user, next_attempt_at__lte=now)
    queryset = visible_requests(user).filter(_free(now) | mine_due)
    return to_do(queryset, now)


def take_next(user, now: dt.datetime | None = None) -> CallbackRequest | None:
    """Assign the oldest due request of ``user``'s teams to ``user``; None when the queue
    is empty.

    PostgreSQL: the candidate row is locked with ``SKIP LOCKED``, so that colleagues
    pressing at the same moment each get the next unlocked one instead of waiting. Every
    database: the assignment itself is a compare-and-set (``UPDATE … WHERE assigned_to IS
    NULL``), so two agents never hold the same request even where locks are not
    available (SQLite serialises writes; the loser moves on to the next candidate).
    """
    now = now or timezone.now()
    with _serialised():
        return _take_next(user, now)


_sqlite_lock = threading.Lock()


def _serialised():
    """SQLite has no row locks and answers "table is locked" to concurrent writers of a
    shared in-memory database: its "take next" calls of one process run one at a time
    (across processes, SQLite's own database lock serialises them)."""
    if connection.vendor == "sqlite":
        return _sqlite_lock
    return contextlib.nullcontext()


def _take_next(user, now):
    skipped: list[int] = []
    for _try in range(MAX_TRIES):
        with transaction.atomic():
            candidates = _candidates(user, now).exclude(pk__in=skipped)
            candidate = (
                candidates.select_for_update(skip_locked=True, of=("self",))
                .values_list("pk", flat=True)
                .first()
            )
            if candidate is None:
                return None
            changed = (
                CallbackRequest.objects.filter(pk=candidate)
                .filter(_free(now) | Q(assigned_to=user))
                .exclude(status=Status.CLOSED)
                .update(
                    assigned_to=user,
                    assigned_at=now,
                    next_attempt_at=None,
                    status=_taken_status(),
                    updated_at=now,
                )
            )
            if changed:
                CallbackAttempt.objects.create(
                    request_id=candidate, action=Action.ASSIGNED, agent=user, at=now
                )
                return CallbackRequest.objects.get(pk=candidate)
        skipped.append(candidate)
    return None


def _taken_status():
    """A new request becomes "assigned"; an unreachable one stays unreachable (its history
    says so) — as a database expression, read in the same UPDATE."""
    from django.db.models import Case, Value, When

    return Case(
        When(status=Status.NEW, then=Value(Status.ASSIGNED)),
        default=F("status"),
    )


def next_retry(chamber, after: dt.datetime) -> dt.datetime:
    """When to call again after a call with no answer: the configured delay later, moved
    to the next opening when that falls outside the chamber's opening hours."""
    at = after + dt.timedelta(minutes=cma_settings.CALLBACK_RETRY_AFTER_MINUTES)
    if chamber is None or not chamber.opening_hours or chamber.is_open(at):
        return at
    return chamber.next_opening(at) or at
