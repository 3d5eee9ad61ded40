"""``/cma/initiatives/``: the artisans' initiatives, typed, with the index page's filters,
and the proposal submission.

Routing only: the queries of :mod:`..queries`, the shapes of :mod:`..serializers`, the
flows of :mod:`..flows`.
"""

from typing import Literal

from django.utils.datastructures import MultiValueDict
from ninja import File, Form, Query, Router, Schema, UploadedFile
from ninja.pagination import paginate

from cma_wagtail.api.form_fields import FormBody, form_field, form_started_field, honeypot_field
from cma_wagtail.api.v3 import idempotent, outcome_response
from cma_wagtail.api.v3_tools import (
    PUBLIC_READ,
    SUBMISSION_PROBLEMS,
    DbId,
    SerializingPagination,
    add_detail_routes,
    public_pages,
    under_index,
)

from ..flows import propose
from ..forms import InitiativeProposalForm
from ..models import InitiativeCategory, InitiativePage
from ..serializers import category_data, serialize_initiatives
from ..serializers.schemas import Initiative, InitiativeCategoryOut
from . import initiatives_queryset

router = Router(tags=["initiatives"])


class InitiativeFilters(Schema):
    category: str | None = None
    departement: str | None = None
    q: str | None = None
    index: int | None = None


@router.get("/", response=list[Initiative], auth=PUBLIC_READ, summary="List initiatives")
@paginate(SerializingPagination, serializer=serialize_initiatives, item_schema=Initiative)
def list_initiatives(request, filters: Query[InitiativeFilters]):
    """Published initiatives, newest first (by relevance with ``q``), like the index page.

    ``category`` (a category slug), ``departement`` (a code such as ``25``) and ``q`` (free
    text) narrow the list; unknown values are ignored, as on the page. ``index`` keeps the
    initiatives below one index page.
    """
    base = under_index(public_pages(InitiativePage, request), filters.index, descendants=True)
    params = {"category": filters.category, "departement": filters.departement, "q": filters.q}
    return initiatives_queryset(base, params, search_scope=InitiativePage.objects.live())


@router.get(
    "/categories/", response=list[InitiativeCategoryOut], auth=PUBLIC_READ, summary="Categories"
)
def list_categories(request):
    return [category_data(c) for c in InitiativeCategory.objects.all()]


add_detail_routes(
    router,
    model=InitiativePage,
    schema=Initiative,
    serialize=serialize_initiatives,
    ordering=lambda queryset: queryset.order_by("-first_published_at", "-pk"),
    name="initiative",
    label="an initiative",
)

#: The operation ids and tags these operations had when mounted from ``api/submissions.py``
#: as a sub-router (its module path, its tag twice): pinned, so that the OpenAPI document
#: and the clients generated from it stay as they were.
SUBMISSION_TAGS = ["initiatives", "initiatives"]


# Submissions ----------------------------------------------------------------------
#
# ``POST /cma/initiatives/proposals/``: the proposal form as ``multipart/form-data`` (so that
# the optional photo travels with the fields), through the same flow as the HTML form.
#
# The endpoint builds :class:`~cma_wagtail.initiatives.forms.InitiativeProposalForm` from the
# payload and renders the outcome of :func:`cma_wagtail.initiatives.flows.propose` (visible
# index, rate limits per address then per contact, validation, a draft page in moderation, the
# photo kept private, the contact never published, emails through the outbox).


ProposalForm = InitiativeProposalForm


class ProposalIn(FormBody):
    """``category`` is the id of a category (``GET /cma/initiatives/categories/``);
    ``photo_alt`` is required with a ``photo``. ``website`` (leave empty) and
    ``form_started`` (from ``GET /cma/form-token/``) are the form's spam defences."""

    business_name: str = form_field(ProposalForm, "business_name")
    siret: str = form_field(ProposalForm, "siret")
    contact_name: str = form_field(ProposalForm, "contact_name")
    email: str = form_field(ProposalForm, "email")
    phone: str = form_field(ProposalForm, "phone")
    town: str = form_field(ProposalForm, "town")
    postcode: str = form_field(ProposalForm, "postcode")
    category: DbId | None = form_field(ProposalForm, "category")
    description: str = form_field(ProposalForm, "description")
    photo_alt: str = form_field(ProposalForm, "photo_alt")
    consent: bool = form_field(ProposalForm, "consent")
    website: str = honeypot_field()
    form_started: str = form_started_field()


class ProposalOut(Schema):
    """``status`` repeats ``result`` for the clients written before ``result`` existed."""

    result: Literal["received"]
    status: Literal["received"]


@router.post(
    "/proposals/",
    response={201: ProposalOut, **SUBMISSION_PROBLEMS},
    auth=None,
    summary="Propose an initiative",
    operation_id="cma_wagtail_initiatives_api_submissions_create_proposal",
    tags=SUBMISSION_TAGS,
)
@idempotent("cma_initiatives.proposals")
def create_proposal(
    request,
    payload: Form[ProposalIn],
    photo: UploadedFile | None = File(None),  # noqa: B008 (django-ninja's way)
):
    """The initiative is reviewed by the chamber before anything is published; the contact
    details are never published."""
    data = payload.dict()
    data["category"] = data["category"] or ""
    files = MultiValueDict({"photo": [photo]} if photo is not None else {})
    form = InitiativeProposalForm(data=data, files=files, request=request)
    return outcome_response(propose(request, form))
