"""``POST /cma/trainings/sessions/{id}/registrations/``: the registration wizard's three forms
validated at once, then :func:`cma_wagtail.trainings.services.register` (seat locking,
waiting list, emails through the outbox) — the same rules as the HTML wizard."""

from typing import Literal

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status
from wagtail.api.v3.errors import problem_response

from cma_wagtail.api.v3 import RateLimited, idempotent, raise_form_errors
from cma_wagtail.api.v3_tools import SUBMISSION_PROBLEMS
from cma_wagtail.ratelimit import client_ip

from .. import services
from ..forms import ConsentForm, DiagnosticForm, ParticipantForm
from ..models import TrainingSession

router = Router(tags=["trainings"])


class RegistrationIn(Schema):
    """The wizard's fields; ``website`` (leave empty) and ``form_started`` (from
    ``GET /cma/form-token/``) are the spam defences of the HTML form."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    business_name: str = ""
    siret: str = ""
    trade: str = ""
    legal_form: str = ""
    employees: int | None = None
    difficulties: list[str] = []
    cash_position: str = ""
    expectations: str = ""
    consent: bool = False
    website: str = ""
    form_started: str = ""


class RegistrationOut(Schema):
    status: Literal["confirmed", "waiting"]
    session_id: int


@router.post(
    "/sessions/{int:session_id}/registrations/",
    response={201: RegistrationOut, **SUBMISSION_PROBLEMS},
    auth=None,
    summary="Register for a session",
)
@idempotent("cma_trainings.registrations")
def create_registration(request, session_id: int, payload: RegistrationIn):
    """Confirmed when a seat is left, else on the waiting list (``status``). 409 when the
    session is cancelled or closed, or this email is already registered."""
    session = TrainingSession.objects.select_related("page").filter(pk=session_id).first()
    if session is None or not session.page.live:
        raise Http404("No session matches the given query.")
    limit = services.ip_allowed(client_ip(request))
    if not limit.allowed:
        raise RateLimited(
            limit.retry_after,
            str(_("Too many registrations from your connection. Please try again later.")),
        )
    data = payload.dict()
    if data["employees"] is None:
        data["employees"] = ""
    forms = (
        ParticipantForm(data=data, request=request),
        DiagnosticForm(data=data),
        ConsentForm(data=data),
    )
    if not all([form.is_valid() for form in forms]):  # noqa: C419 (validate every form)
        raise_form_errors(*forms)
    try:
        registration = services.register(
            session.pk, services.registration_data(*(form.cleaned_data for form in forms))
        )
    except services.RegistrationRefused as refused:
        message = str(refused.message)
        return problem_response(
            status=409, detail=message, errors=[{"type": refused.code, "msg": message}]
        )
    confirmed = registration.status == registration.Status.CONFIRMED
    return Status(
        201,
        {
            "status": "confirmed" if confirmed else "waiting",
            "session_id": session.pk,
        },
    )
