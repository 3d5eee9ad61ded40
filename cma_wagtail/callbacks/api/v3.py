"""``POST /cma/callback-requests/``: the callback form as JSON, same rules as the HTML form.

Same form (:class:`~cma_wagtail.callbacks.forms.CallbackRequestForm`: validation, honeypot,
time trap), same rate limits (per address, then per phone number), same intake rules
(switched off, opening hours, team quota: 503) and the same service
(:func:`~cma_wagtail.callbacks.services.submit_callback_request`: merging by phone number,
notifications through the outbox).
"""

import datetime as dt
from typing import Literal

from django.http import Http404
from ninja import Router, Schema, Status
from wagtail.api.v3.errors import problem_response
from wagtail.models import Site

from cma_wagtail import ratelimit
from cma_wagtail.api.v3 import RateLimited, idempotent, raise_form_errors
from cma_wagtail.api.v3_tools import SUBMISSION_PROBLEMS
from cma_wagtail.blocks.callback import CallbackRequestBlock
from cma_wagtail.models import ChamberSettings

from ..block_support import build_form
from ..intake import expected_call_text, intake_status
from ..services import ip_allowed, phone_allowed, resolve_team, submit_callback_request
from ..targets import get_target
from ..views import _rate_limit_message

router = Router(tags=["callback requests"])


class CallbackRequestIn(Schema):
    """``page_id`` + ``block_id`` (the ``id`` of a ``callback_request`` block in that page's
    body) apply that block's settings (topics, team); without them, the default block's
    (every topic, no team). ``website`` (leave empty) and ``form_started`` (from
    ``GET /cma/form-token/``) are the form's spam defences."""

    page_id: int | None = None
    block_id: str = ""
    name: str = ""
    business_name: str = ""
    phone: str = ""
    email: str = ""
    trade: str = ""
    postcode: str = ""
    siret: str = ""
    topic: str = ""
    preferred_slot: str = ""
    preferred_date: dt.date | None = None
    message: str = ""
    consent: bool = False
    website: str = ""
    form_started: str = ""


class CallbackRequestOut(Schema):
    result: Literal["sent", "merged"]
    expected_call: str


def _block_value(request, payload: CallbackRequestIn):
    """(block value, block id, page id, site, chamber) for the submission; 404 for an
    unknown form or a page not open to everyone."""
    if payload.page_id is None:
        if payload.block_id:
            raise Http404("block_id needs page_id.")
        site = Site.find_for_request(request)
        chamber = ChamberSettings.for_site(site) if site is not None else None
        return CallbackRequestBlock().get_default(), "", None, site, chamber
    target = get_target(payload.page_id, payload.block_id)
    if target is None or target.restricted:
        raise Http404("Unknown form.")
    return target.value, target.block_id, target.page_id, target.site, target.chamber


@router.post(
    "/",
    response={201: CallbackRequestOut, **SUBMISSION_PROBLEMS},
    auth=None,
    summary="Ask to be called back",
)
@idempotent("cma_callbacks.requests")
def create_callback_request(request, payload: CallbackRequestIn):
    """``merged`` when this number already had an open request (it is updated, not
    duplicated). 503 while the chamber does not take requests (switched off, outside
    opening hours, daily quota reached): ``detail`` says why."""
    value, block_id, page_id, site, chamber = _block_value(request, payload)
    ip = ratelimit.client_ip(request)
    limited = ip_allowed(ip)
    if not limited.allowed:
        raise RateLimited(limited.retry_after, _rate_limit_message(limited.retry_after))
    status = intake_status(chamber, resolve_team(value.get("team")))
    if not status.open:
        return problem_response(
            status=503, detail=str(status.message), errors=[{"type": status.reason}]
        )
    data = payload.dict(exclude={"page_id", "block_id"})
    data["preferred_date"] = data["preferred_date"].isoformat() if data["preferred_date"] else ""
    form = build_form(value, data=data, chamber=chamber, request=request)
    if not form.is_valid():
        raise_form_errors(form)
    limited = phone_allowed(form.cleaned_data["phone"])
    if not limited.allowed:
        raise RateLimited(limited.retry_after, _rate_limit_message(limited.retry_after))
    _obj, merged = submit_callback_request(
        value,
        form.cleaned_data,
        site,
        {"ip": ip, "page_id": page_id, "block_id": block_id, "chamber": chamber},
    )
    return Status(
        201,
        {
            "result": "merged" if merged else "sent",
            "expected_call": str(expected_call_text(chamber) or ""),
        },
    )
