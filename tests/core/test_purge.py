"""Publishing, unpublishing, moving a page and saving the chamber settings purge the shared
cache (through wagtail.contrib.frontend_cache), after the commit, never breaking a publish."""

import logging

import pytest
from django.test import override_settings

from tests import cache_helpers
from tests.cache_helpers import FAKE_FRONTEND_CACHE
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db
ROOT = "http://localhost"


@pytest.fixture(autouse=True)
def fake_cache():
    cache_helpers.PURGED.clear()
    with override_settings(WAGTAILFRONTENDCACHE=FAKE_FRONTEND_CACHE):
        yield cache_helpers.PURGED


@pytest.fixture
def sections(home_page):
    a = StandardPageFactory(parent=home_page, slug="aides", title="Aides")
    b = StandardPageFactory(parent=home_page, slug="formations-a-distance", title="Formations")
    page = StandardPageFactory(parent=a, slug="fonds", title="Fonds de solidarité")
    return {"a": a, "b": b, "page": page}


def test_a_publication_purges_the_page_its_parent_and_the_home_page(
    sections, fake_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sections["page"].save_revision().publish()
    assert set(fake_cache) >= {f"{ROOT}/aides/fonds/", f"{ROOT}/aides/", f"{ROOT}/"}
    assert f"{ROOT}/formations-a-distance/" not in fake_cache


def test_nothing_is_purged_before_the_commit(
    sections, fake_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sections["page"].save_revision().publish()
    assert fake_cache == []
    assert callbacks


def test_an_unpublication_purges_the_same(sections, fake_cache, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sections["page"].unpublish()
    assert set(fake_cache) >= {f"{ROOT}/aides/fonds/", f"{ROOT}/aides/", f"{ROOT}/"}


def test_a_move_purges_the_old_and_new_urls_and_both_parents(
    sections, fake_cache, django_capture_on_commit_callbacks
):
    from wagtail.actions.move_page import MovePageAction

    child = StandardPageFactory(parent=sections["page"], slug="dossier", title="Dossier")
    with django_capture_on_commit_callbacks(execute=True):
        MovePageAction(sections["page"], sections["b"], pos="last-child").execute()
    assert set(fake_cache) >= {
        f"{ROOT}/aides/fonds/",
        f"{ROOT}/aides/fonds/dossier/",
        f"{ROOT}/formations-a-distance/fonds/",
        f"{ROOT}/formations-a-distance/fonds/dossier/",
        f"{ROOT}/aides/",
        f"{ROOT}/formations-a-distance/",
    }
    assert child.pk


def test_a_page_with_a_listing_of_its_kind_is_purged(
    home_page, fake_cache, django_capture_on_commit_callbacks
):
    """A listing block of another capability does not make a standard page related."""
    listing = StandardPageFactory(parent=home_page, slug="a-la-une", title="À la une")
    listing.body = [("latest_news", {})]
    listing.save_revision().publish()
    page = StandardPageFactory(parent=home_page, slug="contact", title="Contact")
    fake_cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert f"{ROOT}/a-la-une/" not in fake_cache


def test_saving_the_chamber_settings_purges_every_page(
    sections, chamber, fake_cache, django_capture_on_commit_callbacks
):
    from cma_wagtail.models import ChamberSettings

    settings_obj = ChamberSettings.objects.get()
    settings_obj.crisis_mode = True
    settings_obj.crisis_banner_message = "Cellule de crise ouverte"
    fake_cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        settings_obj.save()
    assert set(fake_cache) >= {
        f"{ROOT}/",
        f"{ROOT}/aides/",
        f"{ROOT}/aides/fonds/",
        f"{ROOT}/formations-a-distance/",
    }


@override_settings(WAGTAILFRONTENDCACHE={})
def test_without_a_frontend_cache_nothing_is_computed(
    sections, fake_cache, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        sections["page"].save_revision().publish()
    assert fake_cache == []


@override_settings(
    WAGTAILFRONTENDCACHE={"down": {"BACKEND": "tests.cache_helpers.BrokenFrontendCache"}}
)
def test_a_cache_that_is_down_never_breaks_publishing(
    sections, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        revision = sections["page"].save_revision()
        revision.publish()
    sections["page"].refresh_from_db()
    assert sections["page"].live and sections["page"].live_revision_id == revision.pk
