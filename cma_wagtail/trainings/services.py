"""Registration and cancellation: the one place where seats are given, for the web and the API.

A submission is stored *pending* (:func:`request_registration`): it holds no seat until
the participant follows the signed link of their email (:func:`confirm`), so throw-away
addresses cannot fill a session. Every function that gives or frees a seat runs in one
transaction that locks the session row (``select_for_update``), so that two people can
never take the last seat together; emails go to the outbox in the same transaction and
signals are sent after commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models, transaction
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


ACTIVE = (Registration.Status.CONFIRMED, Registration.Status.WAITING)


def _refuse_if_closed(session: TrainingSession, now) -> None:
    if session.is_cancelled():
        raise RegistrationRefused(_("This session has been cancelled."), "cancelled")
    if not session.page.live or not session.registration_is_open(now):
        raise RegistrationRefused(_("Registrations for this session are closed."), "closed")


def _active_registration(session: TrainingSession, email: str) -> Registration | None:
    """The seat or waiting-list place this address already holds for the session."""
    return session.registrations.filter(status__in=ACTIVE, email__iexact=email).first()


def request_registration(
    session_id: int, data: dict[str, Any], now=None
) -> tuple[Registration, bool]:
    """Store a registration waiting for its email address to be confirmed: no seat yet.

    ``data`` holds the participant fields (:data:`PARTICIPANT_FIELDS`, already
    validated), ``diagnostic`` (a dict) and ``consent`` (bool). The participant gets a
    signed link; :func:`confirm` gives the seat when they follow it. When the address
    already holds a seat or a waiting-list place for the session, nothing is stored and
    its owner is told by email instead: returns ``(that registration, False)``, else
    ``(the pending registration, True)``. Raises :class:`RegistrationRefused` when the
    session is cancelled or closed.
    """
    now = now or timezone.now()
    email = (data.get("email") or "").strip()
    with transaction.atomic():
        try:
            session = TrainingSession.objects.select_related("page").get(pk=session_id)
        except TrainingSession.DoesNotExist as exc:
            raise RegistrationRefused(_("This session does not exist."), "not_found") from exc
        _refuse_if_closed(session, now)
        existing = _active_registration(session, email)
        if existing is not None:
            emails.queue_already_registered_notice(existing)
            return existing, False
        registration = Registration(
            session=session,
            status=Registration.Status.PENDING,
            created=now,
            status_changed_at=now,
            diagnostic=data.get("diagnostic") or {},
            consent_at=now if data.get("consent") else None,
            **{name: data.get(name) for name in PARTICIPANT_FIELDS if name in data},
        )
        registration.email = email
        registration.save()
        emails.queue_confirmation_request(registration)
    return registration, True


def confirm(registration_id: int, now=None) -> Registration:
    """The participant confirmed their address: confirmed if a seat is left, else waiting.

    The session row is locked (``select_for_update``) while the seats are counted, so
    that two confirmations never take the last seat together. Confirming twice changes
    nothing. When the address took a seat meanwhile (two submissions, two links), the
    pending duplicate is deleted and the registration already held is returned. Raises
    :class:`RegistrationRefused` when the link expired, or the session is cancelled or
    closed.
    """
    now = now or timezone.now()
    with transaction.atomic():
        session_id = (
            Registration.objects.filter(pk=registration_id).values_list("session_id", flat=True)
        ).first()
        if session_id is None:
            raise RegistrationRefused(_expired_message(), "expired")
        session = _lock_session(session_id)
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if not registration.is_pending:
            return registration
        if registration.created + Registration.confirmation_delay() <= now:
            raise RegistrationRefused(_expired_message(), "expired")
        _refuse_if_closed(session, now)
        existing = _active_registration(session, registration.email)
        if existing is not None:
            registration.delete()
            return existing
        has_seat = _confirmed_count(session) < session.effective_capacity
        registration.status = (
            Registration.Status.CONFIRMED if has_seat else Registration.Status.WAITING
        )
        registration.status_changed_at = now
        registration.save(update_fields=["status", "status_changed_at"])
        if has_seat:
            emails.queue_confirmation(registration)
            _send_after_commit(signals.registration_confirmed, registration)
        else:
            emails.queue_waiting_list_notice(registration)
            _send_after_commit(signals.registration_waitlisted, registration)
    return registration


def _expired_message():
    return _("This confirmation link has expired. Please register again.")


def purge_unconfirmed(now=None) -> int:
    """Delete the pending registrations whose confirmation delay is over (and their emails).

    They never held a seat; nothing else refers to them. Run daily by
    ``manage.py purge_unconfirmed_registrations``. Returns how many were deleted.
    """
    from django.contrib.contenttypes.models import ContentType

    from cma_wagtail.outbox.models import OutgoingEmail

    now = now or timezone.now()
    cutoff = now - Registration.confirmation_delay()
    with transaction.atomic():
        ids = list(
            Registration.objects.filter(
                status=Registration.Status.PENDING, created__lte=cutoff
            ).values_list("pk", flat=True)
        )
        OutgoingEmail.objects.filter(
            content_type=ContentType.objects.get_for_model(Registration),
            object_id__in=[str(pk) for pk in ids],
        ).delete()
        Registration.objects.filter(pk__in=ids, status=Registration.Status.PENDING).delete()
    return len(ids)


def purge_past(older_than: dt.timedelta, *, now=None, dry_run: bool = False) -> int:
    """Delete the registrations of sessions that ended before ``now - older_than`` (GDPR:
    the retention period the privacy notice announces), with their emails and the business
    identity looked up for them; a registration whose session was deleted counts from its
    own date. Run daily by ``manage.py purge_past_registrations``. Returns how many."""
    from django.contrib.contenttypes.models import ContentType

    from cma_wagtail import companies
    from cma_wagtail.outbox.models import OutgoingEmail

    cutoff = (now or timezone.now()) - older_than
    past = Registration.objects.filter(
        models.Q(session__end__lt=cutoff) | models.Q(session__isnull=True, created__lt=cutoff)
    )
    if dry_run:
        return past.count()
    with transaction.atomic():
        ids = list(past.values_list("pk", flat=True))
        if not ids:
            return 0
        OutgoingEmail.objects.filter(
            content_type=ContentType.objects.get_for_model(Registration),
            object_id__in=[str(pk) for pk in ids],
        ).delete()
        companies.forget(Registration, ids)
        Registration.objects.filter(pk__in=ids).delete()
    return len(ids)


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
