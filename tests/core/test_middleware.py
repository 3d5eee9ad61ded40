"""The malformed-input middleware: 400 for NUL and non-UTF-8 input, 413 for oversize bodies."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from cma_wagtail import checks
from tests.markers import needs_v3

pytestmark = pytest.mark.django_db

UNREADABLE = "contient des caractères illisibles"
API = "/api/v3/cma/form-token/"


def _assert_plain_400(response):
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert UNREADABLE in response.content.decode()


def _assert_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["detail"]
    return body


@pytest.mark.parametrize(
    "url",
    [
        "/?q=%00",
        "/?q=a%00b&x=1",
        "/recherche%00/",
        "/?q=%ff",  # not UTF-8
        "/?q=%ED%A0%80",  # a lone surrogate, UTF-8 encoded
    ],
)
def test_nul_or_non_utf8_in_a_public_url_is_400(client, home_page, url):
    _assert_plain_400(client.get(url))


def test_under_the_api_the_answer_is_a_problem(client):
    body = _assert_problem(client.get(API + "?x=%00"), 400)
    assert UNREADABLE in body["detail"]


def test_ordinary_urls_pass(client, home_page):
    assert client.get("/?q=Besan%C3%A7on+p%C3%A2tisserie").status_code == 200


@needs_v3
def test_ordinary_api_urls_pass(client, home_page):
    assert client.get(API + "?q=%F0%9F%98%80").status_code == 200


def test_nul_in_a_form_value_is_400(client, home_page):
    _assert_plain_400(client.post("/", {"name": "Xavier\x00"}))
    _assert_plain_400(
        client.post("/", "name=a%00b", content_type="application/x-www-form-urlencoded")
    )


def test_nul_in_a_multipart_value_is_400(client, home_page):
    photo = SimpleUploadedFile("a.jpg", b"x", content_type="image/jpeg")
    _assert_plain_400(client.post("/", {"name": "a\x00b", "photo": photo}))


@pytest.mark.parametrize("text", ['"a\\u0000b"', '"\\ud800"', '{"\\u0000": 1}', '[["\\udfff"]]'])
def test_nul_or_lone_surrogate_in_a_json_body_is_400(client, text):
    response = client.post(API, f'{{"name": {text}}}', content_type="application/json")
    _assert_problem(response, 400)


def test_a_json_body_with_an_emoji_as_a_surrogate_pair_passes(client):
    response = client.post(API, '{"name": "\\ud83d\\ude00"}', content_type="application/json")
    assert response.status_code != 400  # the endpoint only answers GET: 405


@pytest.mark.parametrize("debug", [False, True])
def test_a_10_mb_json_body_is_413(client, settings, debug):
    settings.DEBUG = debug
    body = json.dumps({"message": "x" * (10 * 1024 * 1024)})
    response = client.post("/api/v3/cma/callback-requests/", body, content_type="application/json")
    _assert_problem(response, 413)


def test_a_big_form_body_outside_the_api_is_a_plain_413(client, home_page):
    response = client.post("/", "x=" + "a" * (3 * 1024 * 1024), content_type="text/plain")
    assert response.status_code == 413
    assert "trop volumineux" in response.content.decode()


def test_a_multipart_upload_larger_than_the_memory_limit_is_not_refused(client, home_page):
    photo = SimpleUploadedFile("a.jpg", b"x" * (3 * 1024 * 1024), content_type="image/jpeg")
    assert client.post("/", {"name": "ok", "photo": photo}).status_code != 413


def test_the_check_warns_when_the_middleware_is_missing(settings):
    assert checks.check_malformed_input_middleware(None) == []
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "MalformedInput" not in m]
    assert [m.id for m in checks.check_malformed_input_middleware(None)] == ["cma_wagtail.W006"]


@override_settings(CMA_WAGTAIL_API_PATH_PREFIXES=["/headless/"])
def test_the_api_prefixes_are_a_setting(client):
    _assert_plain_400(client.get(API + "?x=%00"))
