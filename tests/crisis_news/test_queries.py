"""Listing, feeds and API: the number of SQL queries does not grow with the number of news."""

import datetime as dt

import pytest
from django.test import override_settings

from tests.factories import CrisisNewsPageFactory

from .conftest import TODAY
from .test_api import FIELDS

# Measured: the same at 5 and 60 news (site, routing, view restrictions, chamber settings,
# the news with their topics prefetched, and for the index the topics and the expired count).
# index pages: + 1 for the site frame (main menu and breadcrumbs in one query, cma_wagtail.frame)
MAX_QUERIES = {"index": 13, "filtered": 13, "rss": 11, "atom": 11, "api": 7}


@pytest.fixture(params=[5, 60], ids=["5 news", "60 news"])
def many_news(request, news_index, topics):
    for n in range(request.param):
        CrisisNewsPageFactory(
            parent=news_index,
            title=f"Mesure {n}",
            slug=f"mesure-{n}",
            published_on=dt.date(2020, 3, 16) + dt.timedelta(days=n),
            pinned=n % 10 == 0,
            urgency=["info", "important", "urgent"][n % 3],
            valid_until=TODAY - dt.timedelta(days=1) if n % 7 == 0 else None,
            topics=[topics["aides"], topics["banque"]] if n % 2 else [topics["formation"]],
        )
    return request.param


@pytest.mark.django_db
@pytest.mark.urls("tests.crisis_news.api_urls")
@pytest.mark.parametrize(
    "name, path, params",
    [
        ("index", "", {}),
        ("filtered", "", {"topic": "aides-financieres", "urgency": "important", "expired": "1"}),
        ("rss", "feed/", {}),
        ("atom", "atom/", {"topic": "aides-financieres"}),
    ],
)
def test_index_and_feeds(
    client, news_index, many_news, django_assert_max_num_queries, name, path, params
):
    client.get(news_index.url)  # warm the site-root-paths cache, as in production
    with django_assert_max_num_queries(MAX_QUERIES[name]):
        response = client.get(news_index.url + path, params)
    assert response.status_code == 200
    assert b"Mesure " in response.content


@pytest.mark.django_db
@pytest.mark.urls("tests.crisis_news.api_urls")
@override_settings(WAGTAILAPI_LIMIT_MAX=100)
def test_api_listing(client, many_news, django_assert_max_num_queries):
    params = {"type": "cma_crisis_news.CrisisNewsPage", "fields": FIELDS, "limit": 100}
    client.get("/api/v2/pages/", params)
    with django_assert_max_num_queries(MAX_QUERIES["api"]):
        response = client.get("/api/v2/pages/", params)
    items = response.json()["items"]
    assert len(items) == many_news
    assert all(item["topics"] for item in items)


@pytest.mark.django_db
@pytest.mark.urls("tests.crisis_news.api_urls")
@override_settings(WAGTAILAPI_LIMIT_MAX=100)
def test_api_listing_with_every_field(client, many_news, django_assert_max_num_queries):
    """``fields=*`` adds ``meta.locale``: joined, not fetched once per news."""
    params = {"type": "cma_crisis_news.CrisisNewsPage", "fields": "*", "limit": 100}
    client.get("/api/v2/pages/", params)
    with django_assert_max_num_queries(MAX_QUERIES["api"]):
        response = client.get("/api/v2/pages/", params)
    items = response.json()["items"]
    assert len(items) == many_news
    assert all(item["meta"]["locale"] == "fr" for item in items)
