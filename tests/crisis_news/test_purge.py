"""Publishing a news purges its index with its feeds, and the pages listing the news."""

import pytest
from django.test import override_settings

from tests import cache_helpers
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db
ROOT = "http://localhost"


@pytest.fixture(autouse=True)
def purged():
    cache_helpers.PURGED.clear()
    with override_settings(WAGTAILFRONTENDCACHE=cache_helpers.FAKE_FRONTEND_CACHE):
        yield cache_helpers.PURGED


def test_a_news_purges_its_index_feeds_and_listing_pages(
    home_page, news_index, make_news, purged, django_capture_on_commit_callbacks
):
    listing = StandardPageFactory(parent=home_page, slug="a-la-une", title="À la une")
    listing.body = [("latest_news", {})]
    listing.save_revision().publish()
    elsewhere = StandardPageFactory(parent=home_page, slug="contact", title="Contact")
    news = make_news(title="Fonds de solidarité", slug="fonds")
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    index = f"{ROOT}{news_index.url}"
    assert set(purged) >= {
        f"{ROOT}{news.url}",
        index,
        index + "feed/",
        index + "atom/",
        f"{ROOT}/a-la-une/",
        f"{ROOT}/",
    }
    assert f"{ROOT}{elsewhere.url}" not in purged
    assert len(purged) == len(set(purged))  # one purge per URL


def test_the_listing_pages_found_are_bounded(
    home_page, news_index, make_news, purged, django_capture_on_commit_callbacks
):
    for n in range(5):
        page = StandardPageFactory(parent=home_page, slug=f"liste-{n}", title=f"Liste {n}")
        page.body = [("latest_news", {})]
        page.save_revision().publish()
    news = make_news(title="Activité partielle", slug="activite")
    purged.clear()
    with (
        override_settings(CMA_WAGTAIL_PURGE_MAX_PAGES=3),
        django_capture_on_commit_callbacks(execute=True),
    ):
        news.save_revision().publish()
    listings = [url for url in purged if "/liste-" in url]
    assert len(listings) <= 3


def test_an_unpublished_news_leaves_the_feeds(
    news_index, make_news, purged, django_capture_on_commit_callbacks
):
    news = make_news(title="Masques", slug="masques")
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    assert f"{ROOT}{news_index.url}feed/" in purged


def test_a_banner_switch_purges_the_alerts_page_too(
    news_index, chamber, purged, django_capture_on_commit_callbacks
):
    from cma_wagtail.models import ChamberSettings

    settings_obj = ChamberSettings.objects.get()
    settings_obj.crisis_mode = True
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        settings_obj.save()
    assert {f"{ROOT}/cma/news/alerts/", f"{ROOT}{news_index.url}feed/"} <= set(purged)
