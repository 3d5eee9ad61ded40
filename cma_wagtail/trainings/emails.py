"""The emails of a registration, through the core outbox (rendered when sent, retried).

Each is the template ``cma_trainings/emails/<kind>`` (``_subject.txt``, ``.txt``), rendered
with the registration as ``object``. Only confirmed participants receive the private visio
link and the session's ``.ics`` with it; the confirmation request, the waiting-list and
cancellation notices never carry the link.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.timezone import localtime

from cma_wagtail.outbox import queue_email
from cma_wagtail.typography import format_datetime

from .ical import session_calendar

TEMPLATES = "cma_trainings/emails/"


def _absolute(site, path: str) -> str:
    """An absolute URL on the training's own site (several chambers may share one install)."""
    base = site.root_url if site else getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return base.rstrip("/") + path


def _queue(registration, kind: str, *, ics: bool = False, context=None):
    page = registration.session.page
    site = page.get_site()
    return queue_email(
        template_name=f"{TEMPLATES}{kind}",
        to=[registration.email],
        context={
            "cancel_url": _absolute(site, registration.get_cancel_url()),
            "training_url": page.full_url or "",
            **(context or {}),
        },
        related=registration,
        site=site,
        reply_to=[page.contact_email] if page.contact_email else (),
        attachments=_ics_attachment(registration) if ics else (),
        kind=f"cma_trainings.{kind}",
    )


def _ics_attachment(registration):
    calendar = session_calendar(registration.session, include_private=True)
    return [("session.ics", calendar.to_ical().decode(), "text/calendar")]


def queue_confirmation_request(registration):
    """The first email: a link to confirm the address. No visio link, no seat yet."""
    deadline = localtime(registration.created + registration.confirmation_delay())
    site = registration.session.page.get_site()
    return _queue(
        registration,
        "confirm_request",
        context={
            "confirm_url": _absolute(site, registration.get_confirm_url()),
            "confirm_before": format_datetime(deadline),
        },
    )


def queue_already_registered_notice(registration):
    """Someone registered this address again: its owner is told, the visitor is not."""
    return _queue(registration, "already_registered")


def queue_confirmation(registration):
    return _queue(registration, "confirmed", ics=True)


def queue_waiting_list_notice(registration):
    return _queue(registration, "waiting")


def queue_promotion_notice(registration):
    return _queue(registration, "promoted", ics=True)


def queue_cancellation_notice(registration):
    return _queue(registration, "cancelled")


def queue_session_cancelled_notice(registration):
    return _queue(registration, "session_cancelled")
