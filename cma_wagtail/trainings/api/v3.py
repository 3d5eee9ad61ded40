"""``/cma/trainings/``: the catalogue, typed, with upcoming sessions and live seats left."""

import datetime as dt

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from cma_wagtail.api.prefetch import prefetch_stream_fields
from cma_wagtail.api.v3_tools import (
    PUBLIC_READ,
    PageFields,
    SerializingPagination,
    add_detail_routes,
    body_schema,
    page_fields,
    public_pages,
    stream_data,
    under_index,
)
from cma_wagtail.blocks.representation import rich_text_html

from ..models import TrainingPage
from ..queries import filter_trainings, parse_filters, prefetch_upcoming, trainings_for_listing
from .submissions import router as submissions_router

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

router.add_router("", submissions_router)
