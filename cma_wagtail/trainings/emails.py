"""The emails of a registration, written to the core outbox (sent after commit, retried).

Only confirmed participants receive the private visio link and the session's ``.ics``
with it; the confirmation request, the waiting-list and cancellation notices never carry
the link.
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from cma_wagtail.outbox import queue_email

from .ical import session_calendar


def _absolute(page, path: str) -> str:
    """An absolute URL on the training's own site (several chambers may share one install)."""
    site = page.get_site()
    base = site.root_url if site else getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return base.rstrip("/") + path


def _context(registration) -> dict:
    session = registration.session
    return {
        "registration": registration,
        "session": session,
        "training": session.page,
        "cancel_url": _absolute(session.page, registration.get_cancel_url()),
        "training_url": session.page.full_url or "",
    }


def _queue(registration, kind: str, subject: str, template: str, attachments=(), extra=None):
    context = {**_context(registration), **(extra or {})}
    return queue_email(
        to=[registration.email],
        subject=subject,
        body=render_to_string(f"cma_trainings/emails/{template}.txt", context),
        related=registration,
        attachments=attachments,
        kind=f"cma_trainings.{kind}",
        reply_to=[registration.session.page.contact_email]
        if registration.session.page.contact_email
        else (),
    )


def _ics_attachment(registration):
    calendar = session_calendar(registration.session, include_private=True)
    return [("session.ics", calendar.to_ical().decode(), "text/calendar")]


def queue_confirmation_request(registration):
    """The first email: a link to confirm the address. No visio link, no seat yet."""
    from django.utils.timezone import localtime

    from cma_wagtail.typography import format_date

    deadline = localtime(registration.created + registration.confirmation_delay())
    return _queue(
        registration,
        "confirm_request",
        _("Confirm your registration: %(title)s") % {"title": registration.session.page.title},
        "confirm_request",
        extra={
            "confirm_url": _absolute(registration.session.page, registration.get_confirm_url()),
            "confirm_before": format_date(deadline, "j F Y, H:i"),
        },
    )


def queue_already_registered_notice(registration):
    """Someone registered this address again: its owner is told, the visitor is not."""
    return _queue(
        registration,
        "already_registered",
        _("You are already registered: %(title)s") % {"title": registration.session.page.title},
        "already_registered",
    )


def queue_confirmation(registration):
    return _queue(
        registration,
        "confirmed",
        _("Registration confirmed: %(title)s") % {"title": registration.session.page.title},
        "confirmed",
        attachments=_ics_attachment(registration),
    )


def queue_waiting_list_notice(registration):
    return _queue(
        registration,
        "waiting",
        _("You are on the waiting list: %(title)s") % {"title": registration.session.page.title},
        "waiting",
    )


def queue_promotion_notice(registration):
    return _queue(
        registration,
        "promoted",
        _("A seat is free for you: %(title)s") % {"title": registration.session.page.title},
        "promoted",
        attachments=_ics_attachment(registration),
    )


def queue_cancellation_notice(registration):
    return _queue(
        registration,
        "cancelled",
        _("Registration cancelled: %(title)s") % {"title": registration.session.page.title},
        "cancelled",
    )


def queue_session_cancelled_notice(registration):
    return _queue(
        registration,
        "session_cancelled",
        _("Session cancelled: %(title)s") % {"title": registration.session.page.title},
        "session_cancelled",
    )
