"""The catalogue, trainings and .ics are shared; the wizard is private and keeps its CSRF."""

import re

import pytest
from django.test import Client

from tests.cache_helpers import assert_not_shared, assert_shared

from .conftest import PARTICIPANT

pytestmark = pytest.mark.django_db


def test_catalogue_training_and_ics_are_shared(client, catalogue, training, session, chamber):
    for url in (catalogue.url, training.url, f"/cma/trainings/sessions/{session.pk}.ics"):
        assert_shared(client.get(url))
    register = f"/cma/trainings/sessions/{session.pk}/register/"
    assert register in client.get(training.url).content.decode()


def test_the_wizard_is_never_cached_and_needs_its_csrf_token(session):
    url = f"/cma/trainings/sessions/{session.pk}/register/"
    browser = Client(enforce_csrf_checks=True)
    first = browser.get(url)
    assert_not_shared(first)
    assert "no-store" in first["Cache-Control"]
    html = first.content.decode()
    assert "csrfmiddlewaretoken" in html
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    step = {f"participant-{k}": v for k, v in PARTICIPANT.items()}
    prefix = f"cma_trainings_register_{session.pk}"
    step[f"{prefix}-current_step"] = "participant"
    assert browser.post(url, step).status_code == 403  # no token: Django's CSRF refusal
    from cma_wagtail.forms import timestamp_token

    step["participant-form_started"] = timestamp_token()
    second = browser.post(url, {**step, "csrfmiddlewaretoken": csrf})
    assert second.status_code == 200
    assert 'name="diagnostic-' in second.content.decode()
    assert_not_shared(second)
