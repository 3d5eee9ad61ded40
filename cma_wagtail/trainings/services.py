"""Registration and cancellation: the one place where seats are given, for the web and the API.

Every function runs in one transaction that locks the session row
(``select_for_update``), so that two people can never take the last seat together;
emails go to the outbox in the same transaction and signals are sent after commit.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cma_wagtail import ratelimit
from cma_wagtail.conf import settings as cma_settings

from . import emails, signals
from .models import Registration, TrainingSession


def ip_allowed(ip: str, limit: tuple[int, int] | None = None) -> ratelimit.RateLimitResult:
    """Count one registration from this address (wizard and JSON API alike)."""
    limit = limit or tuple(cma_settings.TRAININGS_RATE_LIMIT_PER_IP)
    return ratelimit.hit("cma_trainings.register", ip, limit)


PARTICIPANT_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "business_name",
    "siret",
    "trade",
    "legal_form",
    "employees",
)


def registration_data(participant: dict, diagnostic: dict, consent: dict) -> dict:
    """What :func:`register` takes, from the cleaned data of the three forms (wizard or API)."""
    return {
        **{k: v for k, v in participant.items() if k in PARTICIPANT_FIELDS},
        "diagnostic": {
            "difficulties": diagnostic["difficulties"],
            "cash_position": diagnostic["cash_position"],
            "expectations": diagnostic["expectations"],
        },
        "consent": consent["consent"],
    }


class RegistrationRefused(Exception):
    """The registration cannot be taken; ``message`` says why in words an artisan understands."""

    def __init__(self, message, code: str):
        super().__init__(str(message))
        self.message = message
        self.code = code


def _send_after_commit(signal, registration: Registration) -> None:
    transaction.on_commit(
        lambda: signal.send(sender=Registration, registration=registration), robust=True
    )


def _lock_session(session_id: int) -> TrainingSession:
    try:
        return (
            TrainingSession.objects.select_for_update(of=("self",))
            .select_related("page")
            .get(pk=session_id)
        )
    except TrainingSession.DoesNotExist as exc:
        raise RegistrationRefused(_("This session does not exist."), "not_found") from exc


def _confirmed_count(session: TrainingSession) -> int:
    return session.registrations.filter(status=Registration.Status.CONFIRMED).count()


def register(session_id: int, data: dict[str, Any], now=None) -> Registration:
    """Register a participant: confirmed if a seat is left, else on the waiting list.

    ``data`` holds the participant fields (:data:`PARTICIPANT_FIELDS`, already
    validated), ``diagnostic`` (a dict) and ``consent`` (bool). Raises
    :class:`RegistrationRefused` when the session is cancelled, closed, or when the
    same email already holds a registration for it.
    """
    now = now or timezone.now()
    email = (data.get("email") or "").strip()
    with transaction.atomic():
        session = _lock_session(session_id)
        if session.is_cancelled():
            raise RegistrationRefused(_("This session has been cancelled."), "cancelled")
        if not session.page.live or not session.registration_is_open(now):
            raise RegistrationRefused(_("Registrations for this session are closed."), "closed")
        if (
            session.registrations.exclude(status=Registration.Status.CANCELLED)
            .filter(email__iexact=email)
            .exists()
        ):
            raise RegistrationRefused(_duplicate_message(), "duplicate")
        has_seat = _confirmed_count(session) < session.effective_capacity
        registration = Registration(
            session=session,
            status=Registration.Status.CONFIRMED if has_seat else Registration.Status.WAITING,
            created=now,
            status_changed_at=now,
            diagnostic=data.get("diagnostic") or {},
            consent_at=now if data.get("consent") else None,
            **{name: data.get(name) for name in PARTICIPANT_FIELDS if name in data},
        )
        registration.email = email
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as exc:  # the same person, twice at the same instant
            raise RegistrationRefused(_duplicate_message(), "duplicate") from exc
        if has_seat:
            emails.queue_confirmation(registration)
            _send_after_commit(signals.registration_confirmed, registration)
        else:
            emails.queue_waiting_list_notice(registration)
            _send_after_commit(signals.registration_waitlisted, registration)
    return registration


def _duplicate_message():
    return _(
        "You are already registered for this session with this email address. "
        "Check your inbox: the confirmation email has a link to cancel."
    )


def cancel(registration_id: int, now=None) -> tuple[Registration | None, Registration | None]:
    """Cancel a registration and promote the first waiting person (FIFO) to the freed seat.

    Returns ``(cancelled registration, promoted registration or None)``; cancelling an
    already cancelled registration changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        session_id = (
            Registration.objects.filter(pk=registration_id).values_list("session_id", flat=True)
        ).first()
        if session_id is None:
            return None, None
        session = _lock_session(session_id)
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if registration.status == Registration.Status.CANCELLED:
            return registration, None
        registration.status = Registration.Status.CANCELLED
        registration.status_changed_at = now
        registration.save(update_fields=["status", "status_changed_at"])
        emails.queue_cancellation_notice(registration)
        _send_after_commit(signals.registration_cancelled, registration)
        promoted = promote_waiting(session, now=now)
    return registration, promoted[0] if promoted else None


def promote_waiting(session: TrainingSession, now=None) -> list[Registration]:
    """Give the free seats of a locked session to the waiting list, first come first served.

    Call it inside a transaction holding the session's lock (as :func:`cancel` does),
    e.g. after raising a session's capacity.
    """
    now = now or timezone.now()
    if session.is_cancelled() or session.start <= now:
        return []
    free = session.effective_capacity - _confirmed_count(session)
    if free <= 0:
        return []
    waiting = list(
        session.registrations.select_for_update()
        .filter(status=Registration.Status.WAITING)
        .order_by("created", "pk")[:free]
    )
    for registration in waiting:
        registration.status = Registration.Status.CONFIRMED
        registration.status_changed_at = now
        registration.save(update_fields=["status", "status_changed_at"])
        emails.queue_promotion_notice(registration)
        _send_after_commit(signals.registration_promoted, registration)
    return waiting


def sync_after_publish(page, now=None) -> tuple[list[Registration], list[Registration]]:
    """After a training is published, apply its sessions' changes to the registrations.

    A session set to *cancelled* cancels its active registrations and tells the people;
    a session with free seats (capacity raised) promotes its waiting list. Connected to
    Wagtail's ``page_published`` signal; each session is locked in turn. Returns
    ``(promoted, cancelled)``.
    """
    now = now or timezone.now()
    promoted: list[Registration] = []
    cancelled: list[Registration] = []
    active = [Registration.Status.CONFIRMED, Registration.Status.WAITING]
    session_ids = (
        TrainingSession.objects.filter(
            page_id=page.pk, start__gt=now, registrations__status__in=active
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    for session_id in list(session_ids):
        with transaction.atomic():
            session = _lock_session(session_id)
            if not session.is_cancelled():
                promoted += promote_waiting(session, now=now)
                continue
            for registration in session.registrations.select_for_update().filter(status__in=active):
                registration.status = Registration.Status.CANCELLED
                registration.status_changed_at = now
                registration.save(update_fields=["status", "status_changed_at"])
                emails.queue_session_cancelled_notice(registration)
                _send_after_commit(signals.registration_cancelled, registration)
                cancelled.append(registration)
    return promoted, cancelled
