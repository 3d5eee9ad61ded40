"""The emails of a callback request, queued in the core outbox (sent after commit, retried).

A new request is its own outbox: it is stored alone (one INSERT, the whole cost of a
submission), with ``notified_at`` empty; once it is committed a task writes its emails to
the outbox and sets ``notified_at``, in one transaction. If the task never runs (queue
down, worker killed), ``cma_send_outbox`` writes them (:func:`queue_missing_notifications`,
connected to :data:`cma_wagtail.outbox.retry_requested`). A repeat submission, merged into
the open request, queues its emails in the merge's own transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cma_wagtail.outbox import enqueue_task_on_commit, queue_email

from .intake import expected_call_text

#: wagtail-modeladmin's URL name of the request's inspect view (see wagtail_hooks).
INSPECT_URL_NAME = "cma_callbacks_callbackrequest_modeladmin_inspect"


def admin_url(callback_request) -> str:
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    try:
        path = reverse(INSPECT_URL_NAME, args=[callback_request.pk])
    except NoReverseMatch:  # admin URLs not mounted (e.g. an API-only install)
        return ""
    return base + path


def team_recipients(callback_request, chamber) -> list[str]:
    if callback_request.team is not None and callback_request.team.email_list:
        return callback_request.team.email_list
    return [chamber.email] if chamber is not None and chamber.email else []


def queue_notifications(callback_request, *, merged: bool, chamber, new_message: str = "") -> None:
    """Queue the team's email and the artisan's acknowledgement.

    The bodies are rendered when they are sent (by the outbox's task, out of the request)
    from the stored request (``req``), the chamber settings of its site (``chamber``) and
    what is known only now: whether it was merged, this submission's message, the admin
    link and the sentence saying when to expect the call, as the artisan read it.
    """
    context = {
        "merged": merged,
        "new_message": new_message,
        "admin_url": admin_url(callback_request),
        "expected": str(expected_call_text(chamber)),
    }
    who = callback_request.business_name or callback_request.name
    topic = callback_request.get_topic_display()
    if merged:
        subject = _("Callback request sent again: %(who)s (%(topic)s)")
    else:
        subject = _("New callback request: %(who)s (%(topic)s)")
    queue_email(
        to=team_recipients(callback_request, chamber),
        subject=subject % {"who": who, "topic": topic},
        template_name="cma_callbacks/email/team_notification.txt",
        context=context,
        related=callback_request,
        reply_to=[callback_request.email] if callback_request.email else (),
        kind="callback_team",
    )
    if callback_request.email:
        queue_email(
            to=[callback_request.email],
            subject=_("We will call you back"),
            template_name="cma_callbacks/email/acknowledgement.txt",
            context=context,
            related=callback_request,
            reply_to=[chamber.email] if chamber is not None and chamber.email else (),
            kind="callback_ack",
        )


def notify_on_commit(callback_request) -> None:
    """Have the task write a new request's emails once the request is committed."""
    enqueue_task_on_commit("cma_wagtail.callbacks.tasks.notify", callback_request.pk)


def queue_request_notifications(pk: int) -> bool:
    """Write the emails of request ``pk`` to the outbox unless already done; True if done now."""
    from cma_wagtail.models import ChamberSettings

    from .models import CallbackRequest

    with transaction.atomic():
        obj = (
            CallbackRequest.objects.select_for_update(of=("self",))
            .select_related("site", "team")
            .filter(pk=pk, notified_at__isnull=True)
            .first()
        )
        if obj is None:
            return False
        chamber = ChamberSettings.for_site(obj.site) if obj.site is not None else None
        queue_notifications(obj, merged=False, chamber=chamber, new_message=obj.message)
        obj.notified_at = timezone.now()
        obj.save(update_fields=["notified_at"])
    return True


def queue_missing_notifications(sender=None, *, stale_before, **kwargs) -> int:
    """Write the emails of the requests stored before ``stale_before`` that have none yet."""
    from .models import CallbackRequest

    pks = CallbackRequest.objects.filter(
        notified_at__isnull=True, created_at__lt=stale_before
    ).values_list("pk", flat=True)
    return sum(queue_request_notifications(pk) for pk in list(pks))
