"""``/cma/crisis-news/subscriptions/``: news alerts as JSON, through the HTML pages' flows.

Subscribing answers ``201 {"result": "pending"}`` for any valid address, subscribed or
not (the owner gets an email); ``website`` (leave empty) and ``form_started`` (from
``GET /cma/form-token/``) are the spam defences of the HTML form. The other endpoints take
the ``token`` of an email's link: a tampered one answers 400, an expired confirmation 410.
"""

from ninja import Query, Router, Schema, Status

from cma_wagtail.api.form_fields import FormBody, form_field, form_started_field, honeypot_field
from cma_wagtail.api.http_cache import personal
from cma_wagtail.api.v3 import idempotent, outcome_response
from cma_wagtail.api.v3_tools import SUBMISSION_PROBLEMS, CmaProblem, one_of
from cma_wagtail.flows import Outcome

from .. import flows
from ..forms import SubscriptionForm
from ..models import Pace

router = Router(tags=["crisis news alerts"])

LINK_PROBLEMS = {400: CmaProblem, 410: CmaProblem, 415: CmaProblem, 422: CmaProblem}


class SubscriptionIn(FormBody):
    email: str = form_field(SubscriptionForm, "email")
    #: Topic slugs (``GET /cma/crisis-news/topics/``); empty: every topic.
    topics: list[str] = form_field(SubscriptionForm, "topics")
    pace: one_of(Pace.choices, blank=False) = form_field(  # type: ignore[valid-type]
        SubscriptionForm, "pace", default=Pace.URGENT_AT_ONCE
    )
    consent: bool = form_field(SubscriptionForm, "consent")
    website: str = honeypot_field()
    form_started: str = form_started_field()


class ResultOut(Schema):
    result: str


class TokenIn(Schema):
    token: str


class PreferencesIn(Schema):
    token: str
    topics: list[str] = []
    pace: str = Pace.URGENT_AT_ONCE


class PreferencesOut(Schema):
    email: str
    all_topics: bool
    topics: list[str]
    pace: str


def _form_data(payload: Schema) -> dict:
    data = payload.dict(exclude={"token"})
    data["consent"] = "on" if data.get("consent") else ""
    return data


@router.post(
    "/",
    response={201: ResultOut, **SUBMISSION_PROBLEMS},
    auth=None,
    summary="Subscribe to crisis news alerts",
)
@idempotent("cma_crisis_news.subscriptions")
def subscribe(request, payload: SubscriptionIn):
    """Always ``pending``: the address receives a confirmation link (or, if it is already
    subscribed, an email saying so). Nothing is sent before the link is followed."""
    return outcome_response(flows.subscribe(request, _form_data(payload)))


@router.post(
    "/confirm/",
    response={200: ResultOut, **LINK_PROBLEMS},
    auth=None,
    summary="Confirm a subscription",
)
def confirm(request, payload: TokenIn):
    return outcome_response(flows.confirm(payload.token), status=200)


@router.get(
    "/preferences/",
    response={200: PreferencesOut, **LINK_PROBLEMS},
    auth=None,
    summary="Read a subscriber's choices",
)
@personal
def read_preferences(request, params: Query[TokenIn]):
    subscriber = flows.subscriber_for_link(params.token)
    if isinstance(subscriber, Outcome):
        return outcome_response(subscriber)
    return Status(
        200,
        {
            "email": subscriber.email,
            "all_topics": subscriber.all_topics,
            "topics": [] if subscriber.all_topics else [t.slug for t in subscriber.topics.all()],
            "pace": subscriber.pace,
        },
    )


@router.put(
    "/preferences/",
    response={200: ResultOut, **LINK_PROBLEMS},
    auth=None,
    summary="Change a subscriber's topics and pace",
)
def update_preferences(request, payload: PreferencesIn):
    return outcome_response(
        flows.update_preferences(payload.token, _form_data(payload)), status=200
    )


@router.post(
    "/unsubscribe/",
    response={200: ResultOut, **LINK_PROBLEMS},
    auth=None,
    summary="Unsubscribe (the address is deleted)",
)
def unsubscribe(request, payload: TokenIn):
    return outcome_response(flows.unsubscribe(payload.token), status=200)
