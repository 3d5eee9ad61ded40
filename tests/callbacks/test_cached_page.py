"""The callback form works from a page a shared cache kept: no cookie, the token of the
cached HTML, checked as same-origin; cross-site posts are refused in French."""

import json
import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client

from cma_wagtail.callbacks.models import CallbackRequest
from tests.cache_helpers import CROSS_SITE, SAME_ORIGIN, assert_shared, token_from
from tests.callbacks.conftest import form_data

SUBMIT = "/cma/callbacks/submit/"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def cached_html(client, callback_page):
    """The page as the cache stored it, once."""
    response = client.get(callback_page.url)
    assert_shared(response)
    return response.content.decode()


def submit(blocks, page, token, *, ip="192.0.2.10", headers=SAME_ORIGIN, **overrides):
    """A visitor without any cookie posting the form of the cached copy."""
    data = form_data(blocks[0], page, **overrides)
    data[f"cb-{blocks[0].id}-form_started"] = token
    browser = Client(enforce_csrf_checks=True)
    return browser.post(SUBMIT, data, HTTP_HOST="localhost", REMOTE_ADDR=ip, **headers)


def test_the_page_with_the_form_is_shared(cached_html, blocks):
    assert f'name="cb-{blocks[0].id}-form_started"' in cached_html


def test_a_form_from_the_cached_copy_is_accepted_without_cookies(
    cached_html, blocks, callback_page
):
    token = token_from(cached_html, f"cb-{blocks[0].id}-form_started")
    later = time.time() + 50 * 60  # the artisan took the page from the cache, read, typed
    with mock.patch("time.time", return_value=later):
        response = submit(blocks, callback_page, token)
    assert response.status_code == 303, response.content.decode()[:500]
    assert CallbackRequest.objects.count() == 1
    # another visitor of the same cached copy
    other = submit(blocks, callback_page, token, ip="192.0.2.11", phone="06 98 76 54 32")
    assert other.status_code == 303
    assert CallbackRequest.objects.count() == 2


def test_without_any_origin_header_it_is_accepted(cached_html, blocks, callback_page):
    token = token_from(cached_html, f"cb-{blocks[0].id}-form_started")
    assert submit(blocks, callback_page, token, headers={}).status_code == 303


def test_the_token_cannot_be_replayed_from_one_address(cached_html, blocks, callback_page):
    token = token_from(cached_html, f"cb-{blocks[0].id}-form_started")
    assert submit(blocks, callback_page, token).status_code == 303
    replay = submit(blocks, callback_page, token, phone="06 98 76 54 32", name="Robot")
    assert replay.status_code == 200
    assert "Ce formulaire a expiré" in replay.content.decode()
    assert CallbackRequest.objects.count() == 1
    assert "public" not in replay.get("Cache-Control", "")


@pytest.mark.parametrize(
    "headers",
    [
        CROSS_SITE,
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_REFERER": "https://evil.example/piege.html"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
    ],
    ids=["fetch-site+origin", "origin", "referer", "fetch-site"],
)
def test_a_cross_site_post_is_refused_in_french(cached_html, blocks, callback_page, headers):
    token = token_from(cached_html, f"cb-{blocks[0].id}-form_started")
    response = submit(blocks, callback_page, token, headers=headers)
    assert response.status_code == 403
    text = response.content.decode()
    assert "envoyé depuis un autre site" in text and "CSRF" not in text
    assert CallbackRequest.objects.count() == 0


def test_a_cross_site_json_client_gets_a_problem(cached_html, blocks, callback_page):
    token = token_from(cached_html, f"cb-{blocks[0].id}-form_started")
    headers = {**CROSS_SITE, "HTTP_ACCEPT": "application/json"}
    response = submit(blocks, callback_page, token, headers=headers)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "autre site" in json.loads(response.content)["detail"]


def test_the_result_box_is_shared_too(client, callback_page, blocks):
    """The redirect's target (?cma_result=…) is the same for everyone who sent a form."""
    from cma_wagtail.forms import timestamp_token

    response = submit(blocks, callback_page, timestamp_token())
    assert response.status_code == 303
    assert_shared(client.get(response["Location"]))


def test_a_form_shown_again_with_its_errors_is_never_stored(cached_html, blocks, callback_page):
    token = token_from(cached_html, f"cb-{blocks[0].id}-form_started")
    response = submit(blocks, callback_page, token, phone="06 12")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
