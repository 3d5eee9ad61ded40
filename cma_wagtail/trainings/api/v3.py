"""``/cma/trainings/``: the catalogue, typed, with upcoming sessions and live seats left."""

import datetime as dt
from typing import Literal

from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate

from cma_wagtail.api.form_fields import FormBody, form_field, form_started_field, honeypot_field
from cma_wagtail.api.prefetch import prefetch_stream_fields
from cma_wagtail.api.v3 import idempotent, outcome_response
from cma_wagtail.api.v3_tools import (
    MAX_DB_INT,
    PUBLIC_READ,
    SUBMISSION_PROBLEMS,
    CmaProblem,
    PageFields,
    SerializingPagination,
    add_detail_routes,
    body_schema,
    one_of,
    page_fields,
    public_pages,
    stream_data,
    under_index,
)
from cma_wagtail.blocks.representation import rich_text_html

from .. import flows
from ..diagnostic import CASH_POSITIONS, DIFFICULTIES
from ..forms import ConsentForm as Consent
from ..forms import DiagnosticForm as Diagnostic
from ..forms import ParticipantForm as Participant
from ..models import Registration, TrainingPage
from ..queries import filter_trainings, parse_filters, prefetch_upcoming, trainings_for_listing

router = Router(tags=["trainings"])


class ThemeOut(Schema):
    id: int
    name: str
    slug: str


class Session(Schema):
    """A session still taking registrations; ``seats_left`` is counted live."""

    id: int
    start: dt.datetime
    end: dt.datetime
    format: str
    place: str
    status: str
    registration_deadline: dt.datetime | None = None
    capacity: int
    seats_left: int
    is_full: bool


class Training(PageFields):
    summary: str
    theme: ThemeOut | None = None
    objectives: str
    programme: body_schema()  # type: ignore[valid-type]
    duration_hours: float
    format: str
    audience: str
    prerequisites: str
    teaching_methods: str
    assessment_methods: str
    is_free: bool
    price: float | None = None
    funders: list[str]
    access_delay: str
    accessibility: str
    accessibility_contact: str
    contact_name: str
    contact_email: str
    contact_phone: str
    certification_code: str
    satisfaction_rate: float | None = None
    satisfaction_date: dt.date | None = None
    last_reviewed_at: dt.date | None = None
    sessions: list[Session]
    seats_left: int


class TrainingFilters(Schema):
    theme: str | None = None
    format: str | None = None
    available: bool = False
    index: int | None = None


def session_data(session) -> dict:
    return {
        "id": session.pk,
        "start": session.start,
        "end": session.end,
        "format": session.format,
        "place": session.public_place,
        "status": session.status,
        "registration_deadline": session.registration_deadline,
        "capacity": session.effective_capacity,
        "seats_left": session.seats_left,
        "is_full": session.is_full,
    }


def _number(value):
    return float(value) if value is not None else None


def training_data(page: TrainingPage, request) -> dict:
    sessions = page.get_upcoming_sessions()
    theme = page.theme
    return {
        **page_fields(page, request),
        "summary": page.summary,
        "theme": {"id": theme.pk, "name": theme.name, "slug": theme.slug} if theme else None,
        "objectives": rich_text_html(page.objectives),
        "programme": stream_data(page.programme, request),
        "duration_hours": float(page.duration_hours),
        "format": page.format,
        "audience": page.audience,
        "prerequisites": page.prerequisites,
        "teaching_methods": page.teaching_methods,
        "assessment_methods": page.assessment_methods,
        "is_free": page.is_free,
        "price": _number(page.price),
        "funders": page.funders,
        "access_delay": page.access_delay,
        "accessibility": page.accessibility,
        "accessibility_contact": page.accessibility_contact,
        "contact_name": page.contact_name,
        "contact_email": page.contact_email,
        "contact_phone": page.contact_phone,
        "certification_code": page.certification_code,
        "satisfaction_rate": _number(page.satisfaction_rate),
        "satisfaction_date": page.satisfaction_date,
        "last_reviewed_at": page.last_reviewed_at,
        "sessions": [session_data(s) for s in sessions],
        "seats_left": sum(s.seats_left for s in sessions),
    }


def serialize_trainings(pages: list, request) -> list[dict]:
    prefetch_upcoming(pages)
    prefetch_stream_fields(pages, ("programme",))
    return [training_data(page, request) for page in pages]


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
