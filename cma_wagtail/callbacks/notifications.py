"""The emails of a callback request, queued in the core outbox (sent after commit, retried)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from cma_wagtail.outbox import queue_email

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
    context = {
        "req": callback_request,
        "merged": merged,
        "chamber": chamber,
        "new_message": new_message,
        "admin_url": admin_url(callback_request),
        "expected": expected_call_text(chamber),
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
        body=render_to_string("cma_callbacks/email/team_notification.txt", context),
        related=callback_request,
        reply_to=[callback_request.email] if callback_request.email else (),
        kind="callback_team",
    )
    if callback_request.email:
        queue_email(
            to=[callback_request.email],
            subject=_("We will call you back"),
            body=render_to_string("cma_callbacks/email/acknowledgement.txt", context),
            related=callback_request,
            reply_to=[chamber.email] if chamber is not None and chamber.email else (),
            kind="callback_ack",
        )
