"""``POST /cma/callback-requests/``: the callback form as JSON, through the HTML form's flow.

Routing only: :func:`~cma_wagtail.callbacks.flows.submit_callback` applies the same rules
as the HTML form (the page visible on the requesting site, rate limits per address and per
number, intake, validation, storing and notifications) and
:func:`~cma_wagtail.api.v3.outcome_response` renders its outcome.
"""

import datetime as dt
from typing import Literal

from ninja import Router, Schema

from cma_wagtail.api.form_fields import FormBody, form_field, form_started_field, honeypot_field
from cma_wagtail.api.v3 import idempotent, outcome_response
from cma_wagtail.api.v3_tools import SUBMISSION_PROBLEMS, DbId, one_of
from cma_wagtail.blocks.callback import TOPIC_CHOICES

from ..constants import Slot
from ..flows import submit_callback
from ..forms import CallbackRequestForm as Form

router = Router(tags=["callback requests"])


class CallbackRequestIn(FormBody):
    """``page_id`` + ``block_id`` (the ``id`` of a ``callback_request`` block in that page's
    body) apply that block's settings (topics, team); without them, the default block's
    (every topic, no team). ``website`` (leave empty) and ``form_started`` (from
    ``GET /cma/form-token/``) are the form's spam defences."""

    page_id: DbId | None = None
    block_id: str = ""
    name: str = form_field(Form, "name")
    business_name: str = form_field(Form, "business_name")
    phone: str = form_field(Form, "phone")
    email: str = form_field(Form, "email")
    trade: str = form_field(Form, "trade")
    postcode: str = form_field(Form, "postcode")
    siret: str = form_field(Form, "siret")
    topic: one_of(TOPIC_CHOICES) = form_field(Form, "topic")  # type: ignore[valid-type]
    preferred_slot: one_of(Slot.choices) = form_field(Form, "preferred_slot")  # type: ignore[valid-type]
    preferred_date: dt.date | None = form_field(Form, "preferred_date")
    message: str = form_field(Form, "message")
    consent: bool = form_field(Form, "consent")
    website: str = honeypot_field()
    form_started: str = form_started_field()


class CallbackRequestOut(Schema):
    #: Always ``sent``: a number that already had an open request gets the same answer as
    #: a new one (the repeat is added to that request's history for the agents).
    result: Literal["sent"]
    expected_call: str


@router.post(
    "/",
    response={201: CallbackRequestOut, **SUBMISSION_PROBLEMS},
    auth=None,
    summary="Ask to be called back",
)
@idempotent("cma_callbacks.requests")
def create_callback_request(request, payload: CallbackRequestIn):
    """201 ``sent`` once stored, also when this number already had an open request (the
    agents see the repeat there). 404 for an unknown form or a page not visible on this
    site; 503 while the chamber does not take requests (switched off, outside opening
    hours, daily quota reached): ``detail`` says why."""
    data = payload.dict(exclude={"page_id", "block_id"})
    data["preferred_date"] = data["preferred_date"].isoformat() if data["preferred_date"] else ""
    outcome = submit_callback(
        request, page_id=payload.page_id, block_id=payload.block_id, data=data
    )
    return outcome_response(outcome)


def site_choices() -> dict:
    """The callback form's choices, for ``GET /cma/site/``."""
    from cma_wagtail.blocks.callback import TOPIC_CHOICES

    from ..constants import Slot

    return {"callback_topic": TOPIC_CHOICES, "callback_preferred_slot": Slot.choices}
