"""``LatestNewsBlock`` with the crisis news app installed: HTML, JSON, filters, queries."""

import datetime as dt

import pytest
import swapper
from django.test import RequestFactory

from cma_wagtail.blocks import BodyBlock, LatestNewsBlock
from cma_wagtail.crisis_news.queries import latest_news, news_queryset
from tests.factories import CrisisNewsPageFactory

from .conftest import TODAY


@pytest.fixture
def request_(site):
    return RequestFactory().get("/", HTTP_HOST=site.hostname, SERVER_PORT=site.port)


@pytest.fixture
def news(make_news, topics):
    day = dt.timedelta(days=1)
    return {
        "pinned": make_news(
            title="Cellule de crise : un conseiller vous rappelle",
            urgency="important",
            pinned=True,
            published_on=TODAY - 40 * day,
            last_reviewed_at=TODAY - 2 * day,
            topics=[topics["banque"]],
        ),
        "urgent": make_news(
            title="Fonds de solidarité : déposez votre demande",
            urgency="urgent",
            published_on=TODAY - 3 * day,
            topics=[topics["aides"]],
        ),
        "old": make_news(
            title="Activité partielle simplifiée",
            published_on=TODAY - 45 * day,
            valid_until=TODAY - day,
        ),
        "info": make_news(title="Masques : les artisans se mobilisent", published_on=TODAY - day),
    }


def render(block, value, request):
    return block.render(block.to_python(value), context={"request": request})


@pytest.mark.django_db
def test_latest_news_shows_dates_badges_and_update(news, request_):
    block = LatestNewsBlock()
    html = render(block, {"heading": "Dernières actualités", "number": 10}, request_)
    assert '<h2 class="cma-listing__heading"' in html and "Dernières actualités" in html
    # Pinned first, then newest; the expired measure is hidden by default.
    titles = ["Cellule de crise", "Masques", "Fonds de solidarité"]
    positions = [html.index(t) for t in titles]
    assert positions == sorted(positions)
    assert "Activité partielle" not in html
    assert '<span class="cma-badge cma-badge--urgent">Urgent</span>' in html
    assert '<span class="cma-badge cma-badge--pinned">' in html
    reviewed = news["pinned"].last_reviewed_at
    assert f'<strong>Mis à jour le <time datetime="{reviewed:%Y-%m-%d}">' in html
    assert f'href="{news["urgent"].url}"' in html


@pytest.mark.django_db
def test_latest_news_number_topic_urgency_and_expired(news, request_):
    block = LatestNewsBlock()
    two = block.get_api_representation(block.to_python({"number": 2}), {"request": request_})
    assert [i["title"][:8] for i in two["items"]] == ["Cellule ", "Masques "]
    topic = block.to_python({"number": 5, "topic": "aides-financieres"})
    assert [i["id"] for i in block.get_api_representation(topic)["items"]] == [news["urgent"].pk]
    urgent = block.to_python({"number": 5, "urgency": "urgent"})
    assert [i["id"] for i in block.get_api_representation(urgent)["items"]] == [news["urgent"].pk]
    with_expired = block.to_python({"number": 5, "hide_expired": False})
    items = block.get_api_representation(with_expired)["items"]
    assert news["old"].pk in [i["id"] for i in items]
    assert next(i for i in items if i["id"] == news["old"].pk)["expired"] is True


@pytest.mark.django_db
def test_latest_news_json(news, request_):
    block = LatestNewsBlock()
    api = block.get_api_representation(
        block.to_python({"heading": "Actus", "number": 1}), {"request": request_}
    )
    pinned = news["pinned"]
    assert api == {
        "heading": "Actus",
        "available": True,
        "items": [
            {
                "id": pinned.pk,
                "title": pinned.title,
                "url": pinned.get_url(request_),
                "summary": pinned.summary,
                "urgency": "important",
                "urgency_label": "Important",
                "pinned": True,
                "published_on": pinned.published_on.isoformat(),
                "last_reviewed_at": pinned.last_reviewed_at.isoformat(),
                "valid_until": None,
                "expired": False,
                "topics": [
                    {
                        "id": pinned.topic_list[0].pk,
                        "name": "Banque et trésorerie",
                        "slug": "banque-et-tresorerie",
                    }
                ],
            }
        ],
    }
    pydantic = pytest.importorskip("pydantic")
    assert pydantic
    block.get_api_schema().model_validate(api)  # the schema describes what is returned


@pytest.mark.django_db
def test_latest_news_of_another_site_are_left_out(news, request_, home_page):
    from wagtail.models import Site

    Page = swapper.load_model("wagtailcore", "Page")

    other_home = Page.get_first_root_node().add_child(title="Autre CMA", slug="autre-cma")
    Site.objects.create(hostname="autre.example", root_page=other_home)
    other_request = RequestFactory().get("/", HTTP_HOST="autre.example")
    block = LatestNewsBlock()
    value = block.to_python({"number": 5})
    assert block.get_api_representation(value, {"request": other_request})["items"] == []
    assert len(block.get_api_representation(value, {"request": request_})["items"]) == 3


@pytest.mark.django_db
def test_empty_list_says_so(news_index, request_):
    html = render(LatestNewsBlock(), {"number": 3}, request_)
    assert "Aucune actualité pour le moment." in html


@pytest.mark.django_db
def test_index_page_and_block_share_the_query(news, news_index):
    assert list(news_index.get_news_queryset()) == list(news_queryset(parent=news_index))
    assert [p.pk for p in latest_news(2)] == [news["pinned"].pk, news["info"].pk]


@pytest.mark.django_db
def test_topic_choices_come_from_the_topics(topics):
    block = LatestNewsBlock().child_blocks["topic"]
    values = [value for value, _label in block.field.choices]
    assert {"aides-financieres", "banque-et-tresorerie", "formation"} <= set(values)
    with pytest.raises(Exception, match="choix valide|valid choice"):
        block.clean("inconnu")


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 10])
def test_constant_queries(news_index, topics, request_, count, django_assert_max_num_queries):
    for n in range(count):
        CrisisNewsPageFactory(
            parent=news_index,
            slug=f"mesure-{n}",
            published_on=TODAY - dt.timedelta(days=n),
            topics=[topics["aides"], topics["banque"]],
        )
    body = BodyBlock()
    value = body.to_python([{"type": "latest_news", "value": {"number": count}}])
    request_.user = None
    # Rendered and serialised, measured 8 at 2 and at 10 news: the site (then the site root
    # paths, for the URLs), the view restrictions, the news, their topics; twice.
    with django_assert_max_num_queries(8):
        html = body.render(value, context={"request": request_})
        api = body.get_api_representation(value, context={"request": request_})
    assert html.count("cma-news-card__title") == count
    assert len(api[0]["value"]["items"]) == count
