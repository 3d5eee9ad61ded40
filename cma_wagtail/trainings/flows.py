"""The public submissions of trainings, shared by the HTML views and the JSON API.

:func:`register` takes the three forms of the wizard (bound by the wizard's steps or, for
the API, by :func:`bind_forms` from one JSON body) and :func:`confirm` the signed link of
the email that follows; both return a :class:`cma_wagtail.flows.Outcome` that the view
renders as a page and the endpoint as JSON. Every rule lives here once: the session must
belong to a training anyone may see on the requesting site, be open, the client within its
rate limit; the forms valid.

A registration never tells an anonymous client whether the address is already registered:
a repeat and a new registration both end ``DONE`` with the result ``pending`` ("check your
inbox"); the person already registered is told by email instead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cma_wagtail.conf import settings as cma_settings
from cma_wagtail.flows import Outcome
from cma_wagtail.ratelimit import client_ip
from cma_wagtail.visibility import request_site, visible_pages

from . import services
from .forms import ConsentForm, DiagnosticForm, ParticipantForm
from .models import Registration, TrainingPage, TrainingSession

PENDING = "pending"


def visible_session(request: HttpRequest | None, session_id: int) -> TrainingSession | None:
    """The session, if its training is live, public and of the requesting site (one query)."""
    pages = visible_pages(TrainingPage.objects.all(), request_site(request))
    return (
        TrainingSession.objects.select_related("page")
        .filter(pk=session_id, page__in=pages.values("pk"))
        .first()
    )


def catalogue(request: HttpRequest | None):
    """The requesting site's first visible training catalogue (a way back from a bad link)."""
    from .models import TrainingIndexPage

    return visible_pages(TrainingIndexPage.objects.all(), request_site(request)).first()


def closed_reason(session: TrainingSession, now=None) -> tuple[str, str] | None:
    """``(code, message)`` when the session takes no registration now, else None."""
    if session.is_cancelled():
        return "cancelled", _("This session has been cancelled.")
    if not session.registration_is_open(now or timezone.now()):
        return "closed", _("Registrations for this session are closed.")
    return None


def bind_forms(data: dict, request: HttpRequest) -> tuple:
    """The wizard's three forms bound to one flat dict (the JSON API's body)."""
    return (
        ParticipantForm(data=data, request=request),
        DiagnosticForm(data=data),
        ConsentForm(data=data),
    )


def register(
    request: HttpRequest,
    session_id: int,
    forms: Sequence,
    rate_limit: tuple[int, int] | None = None,
) -> Outcome:
    """Take a registration for a session: stored *pending*, confirmed by email.

    ``forms`` are the bound participant, diagnostic and consent forms. DONE (``pending``,
    the pending registration or None for a repeat) whatever the address; NOT_FOUND for a
    session nobody may see here; CLOSED (``cancelled``, ``closed``); RATE_LIMITED;
    INVALID with the forms' errors.
    """
    session = visible_session(request, session_id)
    if session is None:
        return Outcome.not_found()
    reason = closed_reason(session)
    if reason:
        return Outcome.closed(*reason)
    limit = services.ip_allowed(
        client_ip(request), rate_limit or tuple(cma_settings.TRAININGS_RATE_LIMIT_PER_IP)
    )
    if not limit.allowed:
        return Outcome.rate_limited(
            limit.retry_after,
            _("Too many registrations from your connection. Please try again later."),
        )
    if not all([form.is_valid() for form in forms]):  # noqa: C419 (validate every form)
        return Outcome.invalid(*forms)
    participant, diagnostic, consent = (form.cleaned_data for form in forms)
    data = services.registration_data(participant, diagnostic, consent)
    try:
        registration, created = services.request_registration(session.pk, data)
    except services.RegistrationRefused as refused:  # closed since the first check
        if refused.code == "not_found":
            return Outcome.not_found()
        return Outcome.closed(refused.code, refused.message)
    return Outcome.done(
        PENDING, registration if created else None, status=PENDING, session_id=session.pk
    )


def confirmation(request: HttpRequest | None, token: str) -> Outcome:
    """What a confirmation link leads to, without changing anything (its GET page).

    DONE ``pending`` (obj: the registration, waiting for the participant's click) or
    DONE ``confirmed``/``waiting`` when it was already confirmed; CLOSED ``invalid_link``
    (400) or ``expired`` (410), ``obj`` being the session when the link names one anyone
    may still register for; NOT_FOUND when the training is no longer visible here.
    """
    link = Registration.read_confirmation_token(token)
    if link is None:
        return Outcome.closed(
            "invalid_link",
            _("This confirmation link is not valid. Please register again."),
            status=400,
        )
    session = visible_session(request, link.session_id)
    if session is None:
        return Outcome.not_found()
    registration = (
        Registration.objects.filter(pk=link.registration_id, session=session)
        .select_related("session__page")
        .first()
    )
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return _expired(session)
    if registration.is_pending and (link.expired or _out_of_time(registration)):
        return _expired(session)
    reason = closed_reason(session) if registration.is_pending else None
    if reason:
        return dataclasses.replace(Outcome.closed(*reason), obj=session)
    return _done(registration)


def confirm(request: HttpRequest | None, token: str) -> Outcome:
    """Follow a confirmation link: the seat (or the waiting-list place) is taken now."""
    outcome = confirmation(request, token)
    if not outcome.ok or outcome.result != PENDING:
        return outcome
    registration = outcome.obj
    try:
        held = services.confirm(registration.pk)
    except services.RegistrationRefused as refused:
        if refused.code == "expired":
            return _expired(registration.session)
        return dataclasses.replace(
            Outcome.closed(refused.code, refused.message), obj=registration.session
        )
    return _done(held)


def _out_of_time(registration: Registration) -> bool:
    return registration.created + Registration.confirmation_delay() <= timezone.now()


def _done(registration: Registration) -> Outcome:
    return Outcome.done(
        registration.status,
        registration,
        status=registration.status,
        session_id=registration.session_id,
    )


def _expired(session: TrainingSession) -> Outcome:
    """The link is out of date; ``obj`` is the session when one may register again."""
    outcome = Outcome.closed(
        "expired",
        _("This confirmation link has expired. Please register again."),
        status=410,
    )
    return dataclasses.replace(outcome, obj=session if closed_reason(session) is None else None)
