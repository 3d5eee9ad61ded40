"""``POST /cma/trainings/sessions/{id}/registrations/`` and ``…/registrations/confirmations/``:
routing only, to the flows the HTML wizard and confirmation page use
(:mod:`cma_wagtail.trainings.flows`)."""

from typing import Literal

from ninja import Path, Router, Schema

from cma_wagtail.api.form_fields import FormBody, form_field, form_started_field, honeypot_field
from cma_wagtail.api.v3 import idempotent, outcome_response
from cma_wagtail.api.v3_tools import MAX_DB_INT, SUBMISSION_PROBLEMS, CmaProblem, one_of

from .. import flows
from ..diagnostic import CASH_POSITIONS, DIFFICULTIES
from ..forms import ConsentForm as Consent
from ..forms import DiagnosticForm as Diagnostic
from ..forms import ParticipantForm as Participant
from ..models import Registration

router = Router(tags=["trainings"])


class RegistrationIn(FormBody):
    """The wizard's fields; ``website`` (leave empty) and ``form_started`` (from
    ``GET /cma/form-token/``) are the spam defences of the HTML form."""

    first_name: str = form_field(Participant, "first_name")
    last_name: str = form_field(Participant, "last_name")
    email: str = form_field(Participant, "email")
    phone: str = form_field(Participant, "phone")
    business_name: str = form_field(Participant, "business_name")
    siret: str = form_field(Participant, "siret")
    trade: str = form_field(Participant, "trade")
    legal_form: one_of(Registration.LegalForm.choices) = form_field(  # type: ignore[valid-type]
        Participant, "legal_form"
    )
    employees: int | None = form_field(Participant, "employees")
    difficulties: list[one_of(DIFFICULTIES, blank=False)] = form_field(  # type: ignore[valid-type]
        Diagnostic, "difficulties"
    )
    cash_position: one_of(CASH_POSITIONS) = form_field(  # type: ignore[valid-type]
        Diagnostic, "cash_position"
    )
    expectations: str = form_field(Diagnostic, "expectations")
    consent: bool = form_field(Consent, "consent")
    website: str = honeypot_field()
    form_started: str = form_started_field()


class RegistrationOut(Schema):
    """Every registration is ``pending`` until the participant follows the link of the
    email they receive: the answer is the same whether the address is new or already
    registered (the registered person is told by email)."""

    result: Literal["pending"]
    status: Literal["pending"]
    session_id: int


class ConfirmationIn(Schema):
    """The token of the confirmation link (the last part of its path)."""

    token: str


class ConfirmationOut(Schema):
    result: Literal["confirmed", "waiting"]
    status: Literal["confirmed", "waiting"]
    session_id: int


@router.post(
    "/sessions/{int:session_id}/registrations/",
    response={201: RegistrationOut, **SUBMISSION_PROBLEMS},
    auth=None,
    summary="Register for a session",
)
@idempotent("cma_trainings.registrations")
def create_registration(
    request, payload: RegistrationIn, session_id: int = Path(..., ge=1, le=MAX_DB_INT)
):
    """Always ``pending`` (201): the participant confirms by the link of their email, and
    only then takes a seat or a waiting-list place. 404 for a session of a training nobody
    may see on this site; 409 when the session is cancelled or closed."""
    data = payload.dict()
    if data["employees"] is None:
        data["employees"] = ""
    return outcome_response(flows.register(request, session_id, flows.bind_forms(data, request)))


@router.post(
    "/registrations/confirmations/",
    response={201: ConfirmationOut, 400: CmaProblem, 410: CmaProblem, **SUBMISSION_PROBLEMS},
    auth=None,
    summary="Confirm a registration",
)
def confirm_registration(request, payload: ConfirmationIn):
    """A confirmation is recorded (201), for a headless site that serves the email's link
    itself: ``confirmed`` (a seat is
    held, the email with the connection details follows) or ``waiting``. 400 for a link
    that was not issued by the site, 410 for an expired one, 409 when the session closed."""
    return outcome_response(flows.confirm(request, payload.token))
