"""``/cma/trainings/``: the catalogue, typed, with upcoming sessions and live seats left, and
the registrations.

Routing only: the queries of :mod:`..queries`, the shapes of :mod:`..serializers`, the
flows of :mod:`..flows`.
"""

from typing import Literal

from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate

from cma_wagtail.api.form_fields import FormBody, form_field, form_started_field, honeypot_field
from cma_wagtail.api.v3 import idempotent, outcome_response
from cma_wagtail.api.v3_tools import (
    MAX_DB_INT,
    PUBLIC_READ,
    SUBMISSION_PROBLEMS,
    CmaProblem,
    SerializingPagination,
    add_detail_routes,
    one_of,
    public_pages,
    under_index,
)

from .. import flows
from ..diagnostic import CASH_POSITIONS, DIFFICULTIES
from ..forms import ConsentForm as Consent
from ..forms import DiagnosticForm as Diagnostic
from ..forms import ParticipantForm as Participant
from ..models import Registration, TrainingPage
from ..queries import filter_trainings, parse_filters, trainings_for_listing
from ..serializers import serialize_trainings
from ..serializers.schemas import Training

router = Router(tags=["trainings"])


class TrainingFilters(Schema):
    theme: str | None = None
    format: str | None = None
    available: bool = False
    index: int | None = None


@router.get("/", response=list[Training], auth=PUBLIC_READ, summary="List trainings")
@paginate(SerializingPagination, serializer=serialize_trainings, item_schema=Training)
def list_trainings(request, filters: Query[TrainingFilters]):
    """The catalogue by title, like the index page: ``theme`` (a theme slug), ``format``
    (``remote``, ``onsite``, ``blended``), ``available=true`` (a session with a seat left);
    unknown values are ignored. ``index`` keeps the trainings of one catalogue page."""
    base = under_index(public_pages(TrainingPage, request), filters.index)
    parsed = parse_filters(
        {"theme": filters.theme, "format": filters.format, "available": filters.available}
    )
    return filter_trainings(trainings_for_listing(base), **parsed)


add_detail_routes(
    router,
    model=TrainingPage,
    schema=Training,
    serialize=serialize_trainings,
    ordering=lambda queryset: queryset.order_by("title", "pk"),
    name="training",
    label="a training",
)

#: The operation ids and tags these operations had when mounted from ``api/submissions.py``
#: as a sub-router (its module path, its tag twice): pinned, so that the OpenAPI document
#: and the clients generated from it stay as they were.
SUBMISSION_TAGS = ["trainings", "trainings"]


# Submissions ----------------------------------------------------------------------
#
# ``POST /cma/trainings/sessions/{id}/registrations/`` and ``…/registrations/confirmations/``:
# routing only, to the flows the HTML wizard and confirmation page use
# (:mod:`cma_wagtail.trainings.flows`).


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
    operation_id="cma_wagtail_trainings_api_submissions_create_registration",
    tags=SUBMISSION_TAGS,
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
    operation_id="cma_wagtail_trainings_api_submissions_confirm_registration",
    tags=SUBMISSION_TAGS,
)
def confirm_registration(request, payload: ConfirmationIn):
    """A confirmation is recorded (201), for a headless site that serves the email's link
    itself: ``confirmed`` (a seat is
    held, the email with the connection details follows) or ``waiting``. 400 for a link
    that was not issued by the site, 410 for an expired one, 409 when the session closed."""
    return outcome_response(flows.confirm(request, payload.token))


def site_choices() -> dict:
    """The registration wizard's choices, for ``GET /cma/site/``."""
    return {
        "training_legal_form": Registration.LegalForm.choices,
        "training_difficulties": DIFFICULTIES,
        "training_cash_position": CASH_POSITIONS,
    }
