"""Read endpoints (v3 and v2): filters, pagination, 404s, typed bodies, constant queries."""

import datetime as dt

import pytest
from pydantic import TypeAdapter

from cma_wagtail.api.v3_tools import body_schema
from tests.factories import (
    CrisisNewsIndexPageFactory,
    CrisisNewsPageFactory,
    DocumentFactory,
    ImageFactory,
    InitiativeCategoryFactory,
    InitiativeIndexPageFactory,
    InitiativePageFactory,
    NewsTopicFactory,
    RegistrationFactory,
    StandardPageFactory,
    TrainingIndexPageFactory,
    TrainingPageFactory,
    TrainingSessionFactory,
    TrainingThemeFactory,
)

from .helpers import V3, body_with_blocks

pytestmark = pytest.mark.django_db


def _bodies(home_page, n):
    target = StandardPageFactory(parent=home_page)
    return [body_with_blocks(ImageFactory(), DocumentFactory(), target) for _ in range(n)]


def build(kind: str, home_page, n: int):
    bodies = _bodies(home_page, n)
    if kind == "crisis-news":
        index = CrisisNewsIndexPageFactory(parent=home_page)
        topic = NewsTopicFactory(name="Aides")
        for body in bodies:
            CrisisNewsPageFactory(parent=index, body=body, topics=[topic])
    elif kind == "initiatives":
        index = InitiativeIndexPageFactory(parent=home_page)
        category = InitiativeCategoryFactory()
        for body in bodies:
            InitiativePageFactory(parent=index, story=body, categories=[category])
    else:
        index = TrainingIndexPageFactory(parent=home_page)
        theme = TrainingThemeFactory()
        for body in bodies:
            training = TrainingPageFactory(parent=index, programme=body, theme=theme)
            session = TrainingSessionFactory(page=training, capacity=2)
            RegistrationFactory(session=session)
    return index


# Listing queries: the same maximum for 5 and 60 items --------------------------------------

#: Measured: v3 10-11 and v2 12-13 queries for 5 as for 60 items (auth, site, count, items,
#: relations, one bulk load per chosen kind in the bodies, renditions).
MAX_QUERIES = {"v3": 11, "v2": 13}


@pytest.mark.parametrize("kind", ["crisis-news", "initiatives", "trainings"])
@pytest.mark.parametrize("n", [5, 60])
@pytest.mark.parametrize("version", ["v3", "v2"])
def test_listing_queries_do_not_grow(
    client, home_page, settings, django_assert_max_num_queries, kind, n, version
):
    settings.WAGTAILAPI_LIMIT_MAX = 100
    build(kind, home_page, n)
    if version == "v3":
        url = f"{V3}/{kind}/?limit=100"
    else:
        url = f"/api/v2/{kind}/?fields=*&limit=100"
    client.get(url)  # renditions are created on first use: measure the steady state
    with django_assert_max_num_queries(MAX_QUERIES[version]):
        response = client.get(url)
    assert response.status_code == 200
    data = response.json()
    items = data["items"]
    assert len(items) == n
    body_name = {"crisis-news": "body", "initiatives": "story", "trainings": "programme"}[kind]
    body = items[-1][body_name]
    image = body[0]["value"]["image"]
    assert image["srcset"] == f"{image['sources'][0]['url']} {image['sources'][0]['width']}w"
    assert image["sources"][0]["url"].endswith(".webp") and image["url"] and image["width"] > 0
    assert body[1]["value"]["link"]["page"]["title"].startswith("Page")
    assert body[2]["value"]["documents"][0]["url"]


@pytest.mark.parametrize("n", [5, 60])
@pytest.mark.parametrize(
    "path, factory", [("crisis-news/topics/", "topic"), ("initiatives/categories/", "category")]
)
def test_taxonomies_are_one_query(
    client, home_page, django_assert_max_num_queries, path, factory, n
):
    make = {"topic": NewsTopicFactory, "category": InitiativeCategoryFactory}[factory]
    for i in range(n):
        make(name=f"Nom {i:02d}")
    client.get(f"{V3}/{path}")
    # Measured: 1 (the taxonomy, unpaginated); anonymous, so no token is looked up.
    with django_assert_max_num_queries(1):
        response = client.get(f"{V3}/{path}")
    assert response.status_code == 200
    assert len(response.json()) == n


def test_a_body_with_every_block_matches_its_openapi_schema(client, home_page, chamber, linked):
    index = CrisisNewsIndexPageFactory(parent=home_page)
    news = CrisisNewsPageFactory(parent=index, body=body_with_blocks(*linked, every_block=True))
    data = client.get(f"{V3}/crisis-news/{news.pk}/").json()
    types = [block["type"] for block in data["body"]]
    assert set(types) == set(news.body.stream_block.child_blocks)
    TypeAdapter(body_schema()).validate_python(data["body"])
    paragraph = next(b for b in data["body"] if b["type"] == "paragraph")
    assert f'href="{linked[2].url}"' in paragraph["value"]  # internal link resolved
    contact = next(b for b in data["body"] if b["type"] == "contact")
    assert contact["value"]["phone"] == "+33381212223"  # the chamber's public number


# Crisis news --------------------------------------------------------------------------------


@pytest.fixture
def news_set(home_page):
    index = CrisisNewsIndexPageFactory(parent=home_page, slug="actualites")
    aides = NewsTopicFactory(name="Aides", slug="aides")
    other = NewsTopicFactory(name="Santé", slug="sante")
    current = CrisisNewsPageFactory(
        parent=index, title="Fonds de solidarité", slug="fonds", urgency="urgent", topics=[aides]
    )
    pinned = CrisisNewsPageFactory(parent=index, title="Cellule de crise", pinned=True)
    expired = CrisisNewsPageFactory(
        parent=index, title="Ancienne mesure", valid_until=dt.date(2020, 5, 1), topics=[other]
    )
    return index, current, pinned, expired


def _titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_crisis_news_filters_like_the_index_page(client, news_set):
    index, current, pinned, expired = news_set
    assert _titles(client.get(f"{V3}/crisis-news/")) == [pinned.title, current.title]
    assert _titles(client.get(f"{V3}/crisis-news/?topic=aides")) == [current.title]
    assert _titles(client.get(f"{V3}/crisis-news/?urgency=urgent")) == [current.title]
    assert expired.title in _titles(client.get(f"{V3}/crisis-news/?expired=true"))
    # unknown values are ignored, as on the page
    assert len(_titles(client.get(f"{V3}/crisis-news/?urgency=nope"))) == 2
    assert _titles(client.get(f"{V3}/crisis-news/?index={index.pk + 999}")) == []
    # v2: the same filters
    v2 = client.get("/api/v2/crisis-news/?topic=aides").json()["items"]
    assert [item["title"] for item in v2] == [current.title]


def test_crisis_news_pagination_detail_slug_and_404(client, news_set):
    _index, current, pinned, _expired = news_set
    page = client.get(f"{V3}/crisis-news/?limit=1&offset=1").json()
    assert page["count"] == 2 and [i["title"] for i in page["items"]] == [current.title]
    detail = client.get(f"{V3}/crisis-news/{current.pk}/").json()
    assert detail["urgency"] == "urgent" and detail["topics"][0]["slug"] == "aides"
    assert client.get(f"{V3}/crisis-news/slug/fonds/").json()["id"] == current.pk
    for url in (f"{V3}/crisis-news/999999/", f"{V3}/crisis-news/slug/nothing/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    assert client.get(f"{V3}/crisis-news/?limit=1000").status_code == 400


def test_unpublished_pages_are_not_served(client, news_set):
    _index, current, _pinned, _expired = news_set
    current.unpublish()
    assert client.get(f"{V3}/crisis-news/{current.pk}/").status_code == 404
    assert client.get(f"/api/v2/crisis-news/{current.pk}/").status_code == 404


# Initiatives --------------------------------------------------------------------------------


def test_initiatives_filters_pagination_and_404(client, home_page):
    index = InitiativeIndexPageFactory(parent=home_page)
    masks = InitiativeCategoryFactory(name="Masques", slug="masques")
    tricot = InitiativePageFactory(
        parent=index, title="Au Cœur du Tricot", slug="tricot", categories=[masks]
    )
    InitiativePageFactory(parent=index, title="Trimadel", postcode="39000", town="Lons")
    assert _titles(client.get(f"{V3}/initiatives/?category=masques")) == [tricot.title]
    assert _titles(client.get(f"{V3}/initiatives/?departement=39")) == ["Trimadel"]
    assert len(_titles(client.get(f"{V3}/initiatives/?category=unknown"))) == 2
    assert client.get(f"{V3}/initiatives/?limit=1").json()["count"] == 2
    detail = client.get(f"{V3}/initiatives/slug/tricot/").json()
    assert detail["place"]["departement"] == "25"
    assert detail["categories"][0]["name"] == "Masques"
    assert client.get(f"{V3}/initiatives/999999/").status_code == 404
    v2 = client.get("/api/v2/initiatives/?departement=39").json()["items"]
    assert [item["title"] for item in v2] == ["Trimadel"]


# Trainings ----------------------------------------------------------------------------------


def test_trainings_filters_and_live_seats(client, home_page):
    catalogue = TrainingIndexPageFactory(parent=home_page)
    theme = TrainingThemeFactory(slug="gestion")
    full = TrainingPageFactory(parent=catalogue, title="A complet", theme=theme, format="onsite")
    session = TrainingSessionFactory(page=full, capacity=1)
    RegistrationFactory(session=session)
    free = TrainingPageFactory(parent=catalogue, title="B places")
    TrainingSessionFactory(page=free, capacity=9)
    assert _titles(client.get(f"{V3}/trainings/")) == ["A complet", "B places"]
    assert _titles(client.get(f"{V3}/trainings/?theme=gestion")) == ["A complet"]
    assert _titles(client.get(f"{V3}/trainings/?format=onsite")) == ["A complet"]
    assert _titles(client.get(f"{V3}/trainings/?available=true")) == ["B places"]
    detail = client.get(f"{V3}/trainings/{full.pk}/").json()
    assert detail["sessions"][0]["seats_left"] == 0 and detail["sessions"][0]["is_full"]
    assert detail["seats_left"] == 0
    assert client.get(f"{V3}/trainings/slug/{free.slug}/").json()["seats_left"] == 9
    assert client.get(f"{V3}/trainings/999999/").status_code == 404
    v2 = client.get("/api/v2/trainings/?available=1").json()["items"]
    assert [item["title"] for item in v2] == ["B places"]
