"""``POST /cma/initiatives/proposals/``: the proposal form as ``multipart/form-data`` (so that
the optional photo travels with the fields), through the same flow as the HTML form.

The endpoint builds :class:`~cma_wagtail.initiatives.forms.InitiativeProposalForm` from the
payload and renders the outcome of :func:`cma_wagtail.initiatives.flows.propose` (visible
index, rate limits per address then per contact, validation, a draft page in moderation, the
photo kept private, the contact never published, emails through the outbox).
"""

from typing import Literal

from django.utils.datastructures import MultiValueDict
from ninja import File, Form, Router, Schema, UploadedFile

from cma_wagtail.api.form_fields import FormBody, form_field, form_started_field, honeypot_field
from cma_wagtail.api.v3 import idempotent, outcome_response
from cma_wagtail.api.v3_tools import SUBMISSION_PROBLEMS, DbId

from ..flows import propose
from ..forms import InitiativeProposalForm

ProposalForm = InitiativeProposalForm

router = Router(tags=["initiatives"])


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
