"""One shape per object: a news page, an initiative, a training and its session say the same
thing, under the same names, in v3's detail and list, in v2, and as a listing block's item
(served in a page body by v3 and v2). A field added or computed differently in one of them
fails here, so the shapes cannot drift apart again.

What differs on purpose is named: ``url`` (absolute in the v3 items, as Wagtail's
``get_url`` in the blocks and ``meta.html_url`` in v2), and the block items' older names
for the same facts (``expired`` is ``is_expired``, ``full`` is ``is_full``).
"""

import datetime as dt
import json

import pytest

from tests.factories import (
    CrisisNewsIndexPageFactory,
    CrisisNewsPageFactory,
    ImageFactory,
    InitiativeCategoryFactory,
    InitiativeGalleryImageFactory,
    InitiativeIndexPageFactory,
    InitiativePageFactory,
    NewsTopicFactory,
    RegistrationFactory,
    TrainingIndexPageFactory,
    TrainingPageFactory,
    TrainingSessionFactory,
    TrainingThemeFactory,
)

from .helpers import V3

pytestmark = pytest.mark.django_db

#: Block item name → the name of the same fact in v3 and v2.
ALIASES = {"expired": "is_expired", "full": "is_full"}
#: Known to differ (see the module's docstring).
DIFFERENT = {"url"}


def _normal(value):
    """JSON values compared as what they mean: a date-time string as its instant (v3 sends
    UTC, the session block the trainings' time zone)."""
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def assert_same_facts(reference: dict, other: dict, where: str, *, minimum: int) -> None:
    """Every field ``other`` shares with ``reference`` (by name or alias) has its value."""
    shared = {
        name: ALIASES.get(name, name)
        for name in other
        if name not in DIFFERENT and ALIASES.get(name, name) in reference
    }
    assert len(shared) >= minimum, (where, sorted(shared))
    for name, reference_name in shared.items():
        assert _normal(other[name]) == _normal(reference[reference_name]), (where, name)


def _by_id(items: list, pk: int) -> dict:
    return next(item for item in items if item["id"] == pk)


def _block_items(body: list, block_type: str) -> list:
    return next(block["value"]["items"] for block in body if block["type"] == block_type)


@pytest.fixture
def objects(home_page):
    news_index = CrisisNewsIndexPageFactory(parent=home_page)
    news = CrisisNewsPageFactory(
        parent=news_index,
        topics=[NewsTopicFactory(name="Aides")],
        urgency="urgent",
        pinned=True,
        last_reviewed_at=dt.date(2020, 3, 20),
        valid_until=dt.date(2099, 6, 30),
        source_url="https://www.economie.gouv.fr/",
    )
    initiative = InitiativePageFactory(
        parent=InitiativeIndexPageFactory(parent=home_page),
        categories=[InitiativeCategoryFactory(icon="needle")],
        trade="Couturière",
        departement="25",
    )
    InitiativeGalleryImageFactory(page=initiative, image=ImageFactory(), caption="L'atelier")
    training = TrainingPageFactory(
        parent=TrainingIndexPageFactory(parent=home_page),
        theme=TrainingThemeFactory(),
        is_free=False,
        price="120.00",
        satisfaction_rate="92.5",
        satisfaction_date=dt.date(2020, 1, 31),
    )
    # A videoconference without a place: the public place is "Visioconférence" everywhere.
    session = TrainingSessionFactory(page=training, capacity=3, place="")
    RegistrationFactory(session=session)
    # A page whose body holds the three listing blocks (served by v3 and v2).
    host = CrisisNewsPageFactory(
        parent=news_index,
        title="Page hôte",
        body=[
            {"type": "latest_news", "value": {"heading": "Actualités", "number": 3}},
            {"type": "initiatives", "value": {"heading": "Initiatives", "number": 3}},
            {"type": "upcoming_sessions", "value": {"heading": "Sessions", "number": 3}},
        ],
    )
    return {
        "news": news,
        "initiative": initiative,
        "training": training,
        "session": session,
        "host": host,
    }


def _representations(client, kind: str, pk: int) -> dict:
    v3_detail = client.get(f"{V3}/{kind}/{pk}/").json()
    v3_list = _by_id(client.get(f"{V3}/{kind}/").json()["items"], pk)
    v2_detail = client.get(f"/api/v2/{kind}/{pk}/").json()
    v2_list = _by_id(client.get(f"/api/v2/{kind}/?fields=*").json()["items"], pk)
    return {"v3_detail": v3_detail, "v3_list": v3_list, "v2_detail": v2_detail, "v2_list": v2_list}


def _blocks(client, host, block_type: str, pk: int) -> dict:
    v3_body = client.get(f"{V3}/crisis-news/{host.pk}/").json()["body"]
    v2_body = client.get(f"/api/v2/crisis-news/{host.pk}/").json()["body"]
    return {
        "v3_block": _by_id(_block_items(v3_body, block_type), pk),
        "v2_block": _by_id(_block_items(v2_body, block_type), pk),
    }


def test_a_news_has_one_shape(client, objects):
    news = objects["news"]
    found = _representations(client, "crisis-news", news.pk)
    reference = found["v3_detail"]
    assert reference["topics"] == [{"id": news.topics.get().pk, "name": "Aides", "slug": "aides"}]
    assert reference["last_reviewed_at"] == "2020-03-20"
    for where in ("v3_list", "v2_detail", "v2_list"):
        # every v3 field but the page's own (slug, SEO, publication times) is in v2 too
        assert_same_facts(reference, found[where], where, minimum=12)
    for where, item in _blocks(client, objects["host"], "latest_news", news.pk).items():
        assert_same_facts(reference, item, where, minimum=10)
        assert item["urgency_label"] == "Urgent"


def test_an_initiative_has_one_shape(client, objects):
    initiative = objects["initiative"]
    found = _representations(client, "initiatives", initiative.pk)
    reference = found["v3_detail"]
    assert reference["categories"][0]["icon"] == "needle"
    assert reference["gallery"][0]["image"]["srcset"]
    for where in ("v3_list", "v2_detail", "v2_list"):
        assert_same_facts(reference, found[where], where, minimum=15)
    for where, item in _blocks(client, objects["host"], "initiatives", initiative.pk).items():
        assert_same_facts(reference, item, where, minimum=7)
        # the card's facts that v3 nests: the place and the first photo
        assert item["town"] == reference["place"]["town"], where
        assert item["departement_name"] == reference["place"]["departement_name"], where
        assert item["image"] == reference["gallery"][0]["image"], where


def test_a_training_and_its_session_have_one_shape(client, objects):
    training, session = objects["training"], objects["session"]
    found = _representations(client, "trainings", training.pk)
    reference = found["v3_detail"]
    assert reference["price"] == 120.0 and reference["satisfaction_rate"] == 92.5
    v3_session = reference["sessions"][0]
    assert v3_session["place"] == "Visioconférence" and v3_session["seats_left"] == 2
    for where in ("v3_list", "v2_detail", "v2_list"):
        assert_same_facts(reference, found[where], where, minimum=20)
        # v2's ``upcoming_sessions`` are v3's ``sessions``
        assert _normal(found[where].get("upcoming_sessions", found[where].get("sessions"))) == (
            _normal(reference["sessions"])
        ), where
    for where, item in _blocks(client, objects["host"], "upcoming_sessions", session.pk).items():
        assert_same_facts(v3_session, item, where, minimum=7)
        assert (
            item["training"]["id"] == training.pk
            and item["training"]["title"] == (reference["title"])
        )


def test_the_blocks_item_schemas_agree_with_the_endpoints(client, db):
    """The listing blocks' schemas are core's (a block exists without its capability), the
    objects' are the capabilities': the properties they share are typed alike."""
    schemas = client.get("/api/v3/openapi.json").json()["components"]["schemas"]
    pairs = [
        ("TopicSchema", "NewsTopicOut"),
        ("CategorySchema", "InitiativeCategoryOut"),
        ("NewsItemSchema", "CrisisNews"),
        ("InitiativeItemSchema", "Initiative"),
        ("SessionItemSchema", "Session"),
    ]
    refs = {"TopicSchema": "NewsTopicOut", "CategorySchema": "InitiativeCategoryOut"}
    for block_schema, endpoint_schema in pairs:
        block = schemas[block_schema]["properties"]
        endpoint = schemas[endpoint_schema]["properties"]
        shared = {ALIASES.get(n, n) for n in block} & set(endpoint) - DIFFERENT
        assert shared, block_schema
        for name in block:
            if ALIASES.get(name, name) not in shared:
                continue
            text = json.dumps(block[name])
            for old, new in refs.items():
                text = text.replace(f'/{old}"', f'/{new}"')
            got, expected = json.loads(text), dict(endpoint[ALIASES.get(name, name)])
            # the title follows the name; a default (``= None``) only changes "required";
            # a block's schema may be wider than the endpoint's (a string, not an enum)
            if "enum" not in got:
                expected.pop("enum", None)
            for schema in (got, expected):
                schema.pop("title", None)
                schema.pop("default", None)
            assert got == expected, (block_schema, name)
