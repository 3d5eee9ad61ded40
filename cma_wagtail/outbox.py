"""Store first, notify after: an outbox of emails written in the submission's transaction.

A public submission calls :func:`queue_email` inside its ``transaction.atomic()``; the
message row commits with the submission, then a django-tasks task sends it. A failing
mail server marks the row ``failed`` (with the error) and never touches the submission;
``manage.py cma_send_outbox`` (run it every few minutes from cron or a scheduler)
retries what is pending or failed, and each message is sent at most once because a
sender claims the row under a lock before sending.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from .models_outbox import OutgoingEmail

logger = logging.getLogger(__name__)


def queue_email(
    *,
    to: Iterable[str],
    subject: str,
    body: str,
    related=None,
    reply_to: Iterable[str] = (),
    attachments: Iterable[tuple[str, str, str]] = (),
    kind: str = "",
) -> OutgoingEmail | None:
    """Record an email and have it sent once the current transaction commits.

    ``attachments`` are (filename, text content, mimetype) triples, e.g. an .ics file.
    """
    recipients = [address for address in to if address]
    if not recipients:
        return None
    message = OutgoingEmail.objects.create(
        to=recipients,
        reply_to=list(reply_to),
        subject=subject[:255],
        body=body,
        attachments=[list(a) for a in attachments],
        kind=kind,
        related_object=related,
    )
    transaction.on_commit(lambda: _enqueue(message.pk))
    return message


def _enqueue(pk: int) -> None:
    from .tasks import send_outgoing_email

    try:
        send_outgoing_email.enqueue(pk)
    except Exception:  # the queue is down: the retry command will pick it up
        logger.exception("Could not enqueue outgoing email %s", pk)


def send(pk: int) -> bool:
    """Send one message if nobody has sent it yet; return True when it went out."""
    with transaction.atomic():
        message = (
            OutgoingEmail.objects.select_for_update()
            .filter(pk=pk, status__in=OutgoingEmail.SENDABLE)
            .first()
        )
        if message is None:
            return False
        message.status = OutgoingEmail.Status.SENDING
        message.attempts += 1
        message.last_attempt_at = timezone.now()
        message.save(update_fields=["status", "attempts", "last_attempt_at"])
    try:
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=message.to,
            reply_to=message.reply_to or None,
        )
        for filename, content, mimetype in message.attachments:
            email.attach(filename, content, mimetype)
        email.send(fail_silently=False)
    except Exception as exc:
        logger.warning("Sending email %s failed: %s", pk, exc)
        OutgoingEmail.objects.filter(pk=pk).update(
            status=OutgoingEmail.Status.FAILED, last_error=f"{type(exc).__name__}: {exc}"[:1000]
        )
        return False
    OutgoingEmail.objects.filter(pk=pk).update(
        status=OutgoingEmail.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def retry_pending(max_attempts: int = 10, stale_after_minutes: int = 15) -> tuple[int, int]:
    """Send every pending or failed message; return (sent, still failing).

    A message stuck in ``sending`` for ``stale_after_minutes`` (a worker died mid-send)
    is retried too; below ``max_attempts`` only.
    """
    stale = timezone.now() - timezone.timedelta(minutes=stale_after_minutes)
    OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENDING, last_attempt_at__lt=stale
    ).update(status=OutgoingEmail.Status.FAILED, last_error="interrupted while sending")
    sent = failed = 0
    pks = OutgoingEmail.objects.filter(
        status__in=OutgoingEmail.SENDABLE, attempts__lt=max_attempts
    ).values_list("pk", flat=True)
    for pk in list(pks):
        if send(pk):
            sent += 1
        else:
            failed += 1
    return sent, failed
