"""``POST /cma/initiatives/proposals/``: the proposal form as ``multipart/form-data`` (so that
the optional photo travels with the fields), same rules as the HTML form.

Same form (:class:`~cma_wagtail.initiatives.forms.InitiativeProposalForm`: validation, photo
checks, honeypot, time trap), same rate limits (per address, then per contact) and the same
service (:func:`~cma_wagtail.initiatives.services.submit_proposal`: a draft page in
moderation, the contact kept private, emails through the outbox).
"""

from typing import Literal

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Router, Schema, Status, UploadedFile
from wagtail.api.v3.errors import problem_response
from wagtail.models import Site

from cma_wagtail.api.v3 import RateLimited, idempotent, raise_form_errors
from cma_wagtail.api.v3_tools import SUBMISSION_PROBLEMS
from cma_wagtail.ratelimit import client_ip, hash_value

from ..forms import InitiativeProposalForm
from ..services import ProposalsClosed, contact_allowed, ip_allowed, submit_proposal

router = Router(tags=["initiatives"])

TOO_MANY = _("You have sent several proposals in a short time. Please try again later.")


class ProposalIn(Schema):
    """``category`` is the id of a category (``GET /cma/initiatives/categories/``);
    ``photo_alt`` is required with a ``photo``. ``website`` (leave empty) and
    ``form_started`` (from ``GET /cma/form-token/``) are the form's spam defences."""

    business_name: str = ""
    siret: str = ""
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    town: str = ""
    postcode: str = ""
    category: int | None = None
    description: str = ""
    photo_alt: str = ""
    consent: bool = False
    website: str = ""
    form_started: str = ""


class ProposalOut(Schema):
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
    ip = client_ip(request)
    limited = ip_allowed(ip)
    if not limited.allowed:
        raise RateLimited(limited.retry_after, TOO_MANY)
    data = payload.dict()
    data["category"] = data["category"] or ""
    files = MultiValueDict({"photo": [photo]} if photo is not None else {})
    form = InitiativeProposalForm(data=data, files=files, request=request)
    if not form.is_valid():
        raise_form_errors(form)
    limited = contact_allowed(form.cleaned_data)
    if not limited.allowed:
        raise RateLimited(limited.retry_after, TOO_MANY)
    try:
        submit_proposal(form.cleaned_data, Site.find_for_request(request), hash_value(ip))
    except ProposalsClosed:
        return problem_response(
            status=503,
            detail=str(_("Proposals are closed for now. Please write to the chamber instead.")),
        )
    return Status(201, {"status": "received"})
