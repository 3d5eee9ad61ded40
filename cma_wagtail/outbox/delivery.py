"""Delivering the outbox: enqueue after commit, claim under a row lock, send, retry.

A public submission calls :func:`~cma_wagtail.outbox.queue_email` inside its ``transaction.atomic()``; the
row commits with the submission, then a django-tasks task sends it. A failing mail
server (or webhook receiver) marks the row ``failed`` with the error and never touches
the submission; ``manage.py cma_send_outbox`` (run it every few minutes from cron)
retries what is pending or failed. Each item is claimed under a row lock before it is
sent, so two workers never send it twice.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
from collections import Counter

from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import Delivery, FrontendCachePurge, OutgoingEmail, WebhookDelivery

logger = logging.getLogger(__name__)

#: Every outbox model, retried by :func:`retry_pending`.
OUTBOXES: tuple[type[Delivery], ...] = (OutgoingEmail, WebhookDelivery, FrontendCachePurge)

#: Sent by :func:`retry_pending` before it sends anything: an app whose submissions are
#: their own outbox (a stored row waiting for its emails to be written, as callback
#: requests) writes what is still missing. Receivers take ``stale_before`` (a datetime).
retry_requested = Signal()


def enqueue_on_commit(item: Delivery) -> None:
    """Have the outbox's task send ``item`` once the current transaction commits."""
    enqueue_task_on_commit("cma_wagtail.outbox.tasks.deliver", item._meta.label, item.pk)


def enqueue_task_on_commit(task_path: str, *args) -> None:
    """Enqueue the django-tasks task ``task_path`` once the current transaction commits.

    A queue that is down is logged, never raised: what the task would do stays pending in
    the database, and ``cma_send_outbox`` does it (see :data:`retry_requested`).
    """
    transaction.on_commit(lambda: _enqueue(task_path, args))


def _enqueue(task_path: str, args: tuple) -> None:
    try:
        import_string(task_path).enqueue(*args)
    except Exception:  # the queue is down: cma_send_outbox will pick it up
        logger.exception("Could not enqueue %s%r", task_path, args)


class Attempt(enum.Enum):
    """What one call of :func:`attempt` did with an item."""

    SENT = "sent"
    FAILED = "failed"
    #: Not ours to send: already sent, claimed by another worker or run, or (for a retry run)
    #: attempted since the run started.
    SKIPPED = "skipped"


def send(model: type[Delivery], pk: int) -> bool:
    """Send one item if nobody has sent it yet; return True when it went out."""
    return attempt(model, pk) is Attempt.SENT


def attempt(
    model: type[Delivery],
    pk: int,
    *,
    max_attempts: int | None = None,
    not_attempted_since: dt.datetime | None = None,
) -> Attempt:
    """Claim one item under a row lock, then deliver it, unless someone else has it.

    A row another worker is claiming is skipped, not waited for (``skip_locked`` where the
    database has it, as PostgreSQL does), so two retry runs share the work instead of
    queueing behind each other. ``not_attempted_since`` keeps a run from retrying what it
    (or a run started after it) already tried in this round.
    """
    claimable = model.objects.filter(pk=pk, status__in=model.SENDABLE)
    if max_attempts is not None:
        claimable = claimable.filter(attempts__lt=max_attempts)
    if not_attempted_since is not None:
        claimable = claimable.filter(
            Q(last_attempt_at__isnull=True) | Q(last_attempt_at__lt=not_attempted_since)
        )
    with transaction.atomic():
        item = claimable.select_for_update(skip_locked=True).first()
        if item is None:
            return Attempt.SKIPPED
        item.status = model.Status.SENDING
        item.attempts += 1
        item.last_attempt_at = timezone.now()
        item.save(update_fields=["status", "attempts", "last_attempt_at"])
    try:
        item.deliver()
    except Exception as exc:
        logger.warning("Delivering %s %s failed: %s", model._meta.label, pk, exc)
        item.status, item.last_error = model.Status.FAILED, f"{type(exc).__name__}: {exc}"[:1000]
        model.objects.filter(pk=pk).update(status=item.status, last_error=item.last_error)
        try:
            item.on_failure()
        except Exception:  # the failure is recorded: a retry run will pick it up
            logger.exception("After the failure of %s %s", model._meta.label, pk)
        return Attempt.FAILED
    model.objects.filter(pk=pk).update(
        status=model.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return Attempt.SENT


def retry_pending(max_attempts: int = 10, stale_after_minutes: int = 15) -> tuple[int, int]:
    """Send every pending or failed item of every outbox; return (sent, still failing).

    The counts are this run's own: an item sent or claimed meanwhile by a worker or by
    another run (two crons overlapping) is left to it and counted there, and each item is
    tried at most once per run. An item stuck in ``sending`` for ``stale_after_minutes`` (a
    worker died mid-send) is retried too; only below ``max_attempts``.
    """
    started = timezone.now()
    stale = started - dt.timedelta(minutes=stale_after_minutes)
    # Submissions whose own task has had a minute to write their emails (or as long as a
    # send may take, when that is shorter: 0 after a crash, every worker stopped).
    retry_requested.send(
        sender=None, stale_before=started - dt.timedelta(minutes=min(1, stale_after_minutes))
    )
    counts = Counter()
    for model in OUTBOXES:
        model.objects.filter(status=model.Status.SENDING, last_attempt_at__lt=stale).update(
            status=model.Status.FAILED, last_error="interrupted while sending"
        )
        limit = model.attempt_limit(max_attempts)
        pks = model.retryable(limit, started).values_list("pk", flat=True)
        for pk in list(pks):
            counts[attempt(model, pk, max_attempts=limit, not_attempted_since=started)] += 1
    return counts[Attempt.SENT], counts[Attempt.FAILED]
