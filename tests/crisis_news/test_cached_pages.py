"""Crisis news pages and feeds are shared; the alerts form works from a cached copy."""

import pytest
from django.core.cache import cache
from django.test import Client

from cma_wagtail.crisis_news.models import Subscriber
from tests.cache_helpers import (
    CROSS_SITE,
    SAME_ORIGIN,
    assert_not_shared,
    assert_shared,
    token_from,
)
from tests.factories import SuperUserFactory

from .alerts.conftest import form_data

pytestmark = pytest.mark.django_db
ALERTS = "/cma/news/alerts/"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_index_news_and_feeds_are_shared(client, news_index, make_news, chamber):
    news = make_news(title="Fonds de solidarité")
    news.save_revision().publish()
    for url in (news_index.url, news_index.url + "?page=1", news.url):
        assert_shared(client.get(url))
    for feed in ("feed/", "atom/"):
        assert_shared(client.get(news_index.url + feed))


def test_an_editor_reads_them_privately(client, news_index):
    client.force_login(SuperUserFactory())
    assert_not_shared(client.get(news_index.url))


def test_the_alerts_form_from_a_cached_copy(client, topics, chamber):
    page = client.get(ALERTS)
    assert_shared(page)
    token = token_from(page.content.decode())
    data = form_data(form_started=token, consent="on")
    response = Client(enforce_csrf_checks=True).post(ALERTS, data, **SAME_ORIGIN)
    assert response.status_code == 302, response.content.decode()[:300]
    assert Subscriber.objects.count() == 1


def test_a_cross_site_subscription_is_refused(client, topics):
    token = token_from(client.get(ALERTS).content.decode())
    data = form_data(form_started=token, consent="on")
    response = Client().post(ALERTS, data, **CROSS_SITE)
    assert response.status_code == 403
    assert "envoyé depuis un autre site" in response.content.decode()
    assert Subscriber.objects.count() == 0
