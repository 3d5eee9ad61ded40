"""``/cma/crisis-news/``: the crisis news of the site, typed, with the index page's filters,
and the news alerts' subscriptions (``/cma/crisis-news/subscriptions/``).

Routing only: the queries of :mod:`..queries`, the shapes of :mod:`..serializers`, the
flows of :mod:`..flows`.
"""

from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from cma_wagtail.api.form_fields import FormBody, form_field, form_started_field, honeypot_field
from cma_wagtail.api.http_cache import personal
from cma_wagtail.api.v3 import idempotent, outcome_response
from cma_wagtail.api.v3_tools import (
    PUBLIC_READ,
    SUBMISSION_PROBLEMS,
    CmaProblem,
    SerializingPagination,
    add_detail_routes,
    one_of,
    public_pages,
    under_index,
)
from cma_wagtail.flows import Outcome

from .. import flows
from ..forms import SubscriptionForm
from ..models import CrisisNewsPage, NewsTopic, Pace
from ..queries import parse_filters
from ..serializers import serialize_news, topic_data
from ..serializers.schemas import CrisisNews, NewsTopicOut

router = Router(tags=["crisis news"])


class NewsFilters(Schema):
    topic: str | None = None
    urgency: str | None = None
    expired: bool = False
    index: int | None = None


@router.get("/", response=list[CrisisNews], auth=PUBLIC_READ, summary="List crisis news")
@paginate(SerializingPagination, serializer=serialize_news, item_schema=CrisisNews)
def list_news(request, filters: Query[NewsFilters]):
    """Current news, pinned first then newest, like the index page.

    ``topic`` (a topic slug) and ``urgency`` narrow the list (unknown values are ignored,
    as on the page); ``expired=true`` adds the news whose measure has expired; ``index``
    keeps the news of one index page.
    """
    parsed = parse_filters(
        {"topic": filters.topic, "urgency": filters.urgency, "expired": "1" * filters.expired}
    )
    queryset = public_pages(CrisisNewsPage, request)
    queryset = under_index(queryset, filters.index)
    return queryset.filtered(
        topic=parsed.topic, urgency=parsed.urgency, include_expired=parsed.show_expired
    ).pinned_then_newest()


@router.get("/topics/", response=list[NewsTopicOut], auth=PUBLIC_READ, summary="List topics")
def list_topics(request):
    return [topic_data(topic) for topic in NewsTopic.objects.all()]


add_detail_routes(
    router,
    model=CrisisNewsPage,
    schema=CrisisNews,
    serialize=serialize_news,
    ordering=lambda queryset: queryset.pinned_then_newest(),
    name="news",
    label="news",
)


def site_choices() -> dict:
    """The subscription form's choices, for ``GET /cma/site/``."""
    return {"news_alert_pace": Pace.choices}


# Submissions ----------------------------------------------------------------------
#
# ``/cma/crisis-news/subscriptions/``: news alerts as JSON, through the HTML pages' flows.
#
# Subscribing answers ``201 {"result": "pending"}`` for any valid address, subscribed or
# not (the owner gets an email); ``website`` (leave empty) and ``form_started`` (from
# ``GET /cma/form-token/``) are the spam defences of the HTML form. The other operations take
# the ``token`` of an email's link: a tampered one answers 400, an expired confirmation 410.

#: The tags these operations had when mounted from ``api/subscriptions.py`` as a sub-router
#: (this router's tag, then its own); their operation ids, below, keep that module's path
#: too: pinned, so that the OpenAPI document and the clients generated from it stay as they
#: were.
SUBSCRIPTION_TAGS = ["crisis news", "crisis news alerts"]
SUBSCRIPTION_IDS = "cma_wagtail_crisis_news_api_subscriptions_"

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
    "/subscriptions/",
    response={201: ResultOut, **SUBMISSION_PROBLEMS},
    auth=None,
    summary="Subscribe to crisis news alerts",
    operation_id=SUBSCRIPTION_IDS + "subscribe",
    tags=SUBSCRIPTION_TAGS,
)
@idempotent("cma_crisis_news.subscriptions")
def subscribe(request, payload: SubscriptionIn):
    """Always ``pending``: the address receives a confirmation link (or, if it is already
    subscribed, an email saying so). Nothing is sent before the link is followed."""
    return outcome_response(flows.subscribe(request, _form_data(payload)))


@router.post(
    "/subscriptions/confirm/",
    response={200: ResultOut, **LINK_PROBLEMS},
    auth=None,
    summary="Confirm a subscription",
    operation_id=SUBSCRIPTION_IDS + "confirm",
    tags=SUBSCRIPTION_TAGS,
)
def confirm(request, payload: TokenIn):
    return outcome_response(flows.confirm(payload.token), status=200)


@router.get(
    "/subscriptions/preferences/",
    response={200: PreferencesOut, **LINK_PROBLEMS},
    auth=None,
    summary="Read a subscriber's choices",
    operation_id=SUBSCRIPTION_IDS + "read_preferences",
    tags=SUBSCRIPTION_TAGS,
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
    "/subscriptions/preferences/",
    response={200: ResultOut, **LINK_PROBLEMS},
    auth=None,
    summary="Change a subscriber's topics and pace",
    operation_id=SUBSCRIPTION_IDS + "update_preferences",
    tags=SUBSCRIPTION_TAGS,
)
def update_preferences(request, payload: PreferencesIn):
    return outcome_response(
        flows.update_preferences(payload.token, _form_data(payload)), status=200
    )


@router.post(
    "/subscriptions/unsubscribe/",
    response={200: ResultOut, **LINK_PROBLEMS},
    auth=None,
    summary="Unsubscribe (the address is deleted)",
    operation_id=SUBSCRIPTION_IDS + "unsubscribe",
    tags=SUBSCRIPTION_TAGS,
)
def unsubscribe(request, payload: TokenIn):
    return outcome_response(flows.unsubscribe(payload.token), status=200)
