"""Publishing an initiative purges its index and the map's data."""

import pytest
from django.test import override_settings

from tests import cache_helpers
from tests.factories import InitiativePageFactory

pytestmark = pytest.mark.django_db
ROOT = "http://localhost"


def test_an_initiative_purges_the_index_and_map_json(
    index_page, django_capture_on_commit_callbacks
):
    page = InitiativePageFactory(parent=index_page, title="Trimadel", slug="trimadel")
    cache_helpers.PURGED.clear()
    with override_settings(WAGTAILFRONTENDCACHE=cache_helpers.FAKE_FRONTEND_CACHE):
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
    index = f"{ROOT}{index_page.url}"
    assert {f"{ROOT}{page.url}", index, index + "map.json"} <= set(cache_helpers.PURGED)
