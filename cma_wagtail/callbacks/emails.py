"""The emails of the callbacks, through the core outbox (rendered when sent, retried).

Templates ``cma_callbacks/email/<name>`` (``_subject.txt``, ``.txt``), the request as
``object``: the team's notification, the artisan's acknowledgement, the team lead's alert.

A new request is its own outbox: it is stored alone (one INSERT, the whole cost of a
submission), with ``notified_at`` empty; once it is committed a task writes its emails to
the outbox and sets ``notified_at``, in one transaction. If the task never runs (queue
down, worker killed), ``cma_send_outbox`` writes them (:func:`queue_missing_notifications`,
connected to :data:`cma_wagtail.outbox.retry_requested`). A repeat submission, merged into
the open request, queues its emails in the merge's own transaction.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cma_wagtail.outbox import enqueue_task_on_commit, queue_email
from cma_wagtail.text import one_line

from .intake import expected_call_text

TEMPLATES = "cma_callbacks/email/"

#: wagtail-modeladmin's URL name of the request's inspect view (see wagtail_hooks).
INSPECT_URL_NAME = "cma_callbacks_callbackrequest_modeladmin_inspect"


def admin_url(callback_request) -> str:
    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    try:
        path = reverse(INSPECT_URL_NAME, args=[callback_request.pk])
    except NoReverseMatch:  # admin URLs not mounted (e.g. an API-only install)
        return ""
    return base + path


#: Length of the artisan's name in a subject: enough to recognise it in a list of emails.
SUBJECT_NAME_LENGTH = 60


def address(value) -> str:
    """``value`` if it is one valid email address (a recipient, a Reply-To), else ``""``."""
    value = (value or "").strip()
    if not value or any(char in value for char in "\r\n,"):
        return ""
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value


def team_recipients(callback_request, chamber) -> list[str]:
    if callback_request.team is not None and callback_request.team.email_list:
        candidates = callback_request.team.email_list
    else:
        candidates = [chamber.email] if chamber is not None else []
    return [email for email in map(address, candidates) if email]


def queue_notifications(
    callback_request, *, merged: bool, chamber, new_message: str = "", repeat_note: str = ""
) -> None:
    """Queue the team's email and the artisan's acknowledgement.

    The bodies are rendered when they are sent (by the outbox's task, out of the request)
    from the stored request (``req``), the chamber settings of its site (``chamber``) and
    what is known only now: whether it was merged, the admin link and the sentence saying
    when to expect the call, as the artisan read it. Only the team's email carries what a
    repeat said (``new_message``, ``repeat_note``): the acknowledgement goes to the address
    of the request, whose owner may not be the person who sent the repeat.
    """
    expected = str(expected_call_text(chamber))
    reply_to = address(callback_request.email)
    who = one_line(callback_request.business_name or callback_request.name, SUBJECT_NAME_LENGTH)
    queue_email(
        template_name=f"{TEMPLATES}team_notification",
        to=team_recipients(callback_request, chamber),
        site=callback_request.site,
        context={
            "who": who,
            "merged": merged,
            "new_message": new_message,
            "repeat_note": repeat_note,
            "admin_url": admin_url(callback_request),
            "expected": expected,
        },
        related=callback_request,
        reply_to=[reply_to] if reply_to else (),
        kind="callback_team",
    )
    if reply_to:
        chamber_address = address(chamber.email) if chamber is not None else ""
        queue_email(
            template_name=f"{TEMPLATES}acknowledgement",
            to=[reply_to],
            site=callback_request.site,
            context={"merged": merged, "expected": expected},
            related=callback_request,
            reply_to=[chamber_address] if chamber_address else (),
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


def queue_lead_alert(team, oldest, *, hours: int, target: int, waiting: int) -> None:
    """Tell the team's lead that its oldest waiting request has waited ``hours``."""
    queue_email(
        template_name=f"{TEMPLATES}lead_alert",
        to=[team.lead.email],
        site=oldest.site,
        context={
            "team": team.name,
            "hours": hours,
            "target": target,
            "waiting": waiting,
            "admin_url": admin_url(oldest),
        },
        related=oldest,
        kind="callback_lead_alert",
    )
