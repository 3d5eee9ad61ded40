"""Publishing a training purges its catalogue (and its iCal feed) and its sessions' .ics."""

import pytest
from django.test import override_settings

from tests import cache_helpers

pytestmark = pytest.mark.django_db
ROOT = "http://localhost"


def test_a_training_purges_catalogue_and_ics(
    catalogue, training, session, django_capture_on_commit_callbacks
):
    cache_helpers.PURGED.clear()
    with override_settings(WAGTAILFRONTENDCACHE=cache_helpers.FAKE_FRONTEND_CACHE):
        with django_capture_on_commit_callbacks(execute=True):
            training.save_revision().publish()
    assert {
        f"{ROOT}{training.url}",
        f"{ROOT}{catalogue.url}",
        f"{ROOT}{catalogue.url}sessions/ical/",
        f"{ROOT}/cma/trainings/sessions/{session.pk}.ics",
    } <= set(cache_helpers.PURGED)
