"""Anonymous answers are shared (Cache-Control: public, no cookie, no Vary: Cookie); the
others are private; the admin keeps Django's CSRF protection."""

import json

import pytest
from django.test import Client, RequestFactory, override_settings
from wagtail.models import PageViewRestriction

from cma_wagtail.caching.origin import is_same_origin, refuse
from tests.cache_helpers import assert_not_shared, assert_shared
from tests.factories import StandardPageFactory, SuperUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home_page, chamber):
    page = StandardPageFactory(parent=home_page, slug="aides", title="Les aides")
    page.save_revision().publish()
    return page


def test_an_anonymous_page_is_shared(client, home_page, page):
    for url in (home_page.url, page.url):
        assert_shared(client.get(url))
    assert_shared(client.head(page.url))


@override_settings(CMA_WAGTAIL_PUBLIC_CACHE_MAX_AGE=300)
def test_max_age_comes_from_the_setting(client, page):
    assert_shared(client.get(page.url), max_age=300)


def test_a_logged_in_editor_gets_a_private_page(client, page):
    client.force_login(SuperUserFactory())
    response = client.get(page.url)
    assert response.status_code == 200
    assert_not_shared(response)
    assert "no-store" in response["Cache-Control"]


def test_a_visitor_with_a_session_gets_a_private_page(client, page):
    """A session (a wizard under way, messages) may change the page: never shared."""
    client.cookies["sessionid"] = "whatever"
    assert_not_shared(client.get(page.url))
    other = Client()
    other.cookies["messages"] = "x"
    assert_not_shared(other.get(page.url))


def test_a_post_answer_is_not_shared(client, page):
    response = client.post(page.url, {})
    assert_not_shared(response)


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN], ids=["password", "login"]
)
def test_a_restricted_page_is_never_shared(client, page, kind):
    PageViewRestriction.objects.create(page=page, restriction_type=kind, password="secret")
    response = client.get(page.url)
    assert "public" not in response.get("Cache-Control", "")
    assert response.status_code == 302 or response.cookies  # login, or the password form


def test_an_error_page_is_not_marked_public(client, home_page):
    response = client.get(home_page.url + "nulle-part/")
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


def test_the_preview_is_not_shared(client, page):
    client.force_login(SuperUserFactory())
    response = client.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert "public" not in response.get("Cache-Control", "")


def test_the_admin_login_still_needs_its_csrf_token(home_page):
    SuperUserFactory(username="editor", password="motdepasse-solide")
    browser = Client(enforce_csrf_checks=True)
    page = browser.get("/admin/login/")
    assert "csrftoken" in page.cookies and "csrfmiddlewaretoken" in page.content.decode()
    credentials = {"username": "editor", "password": "motdepasse-solide"}
    assert browser.post("/admin/login/", credentials).status_code == 403
    token = page.cookies["csrftoken"].value
    answer = browser.post("/admin/login/", {**credentials, "csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    dashboard = browser.get("/admin/")
    assert dashboard.status_code == 200
    assert "public" not in dashboard.get("Cache-Control", "")


# The same-origin check of the public forms -----------------------------------------------
def post(**headers):
    return RequestFactory().post("/cma/callbacks/submit/", HTTP_HOST="localhost", **headers)


@pytest.mark.parametrize(
    ("headers", "accepted"),
    [
        ({"HTTP_SEC_FETCH_SITE": "same-origin"}, True),
        ({"HTTP_SEC_FETCH_SITE": "none"}, True),
        ({"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"}, False),
        ({"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": "http://www.localhost"}, False),
        ({"HTTP_ORIGIN": "http://localhost"}, True),
        ({"HTTP_ORIGIN": "http://localhost:8000"}, False),
        ({"HTTP_ORIGIN": "https://localhost"}, False),
        ({"HTTP_ORIGIN": "https://evil.example"}, False),
        ({"HTTP_ORIGIN": "null"}, False),
        ({"HTTP_REFERER": "http://localhost/actualites/"}, True),
        ({"HTTP_REFERER": "https://evil.example/page"}, False),
        ({"HTTP_REFERER": "pas une adresse"}, False),
        ({}, True),
    ],
)
def test_same_origin_rules(headers, accepted):
    assert is_same_origin(post(**headers)) is accepted


@override_settings(CSRF_TRUSTED_ORIGINS=["https://front.cma.example", "https://*.cma-doubs.fr"])
def test_trusted_origins_are_accepted_cross_site():
    for origin in ("https://front.cma.example", "https://www.cma-doubs.fr"):
        assert is_same_origin(post(HTTP_SEC_FETCH_SITE="cross-site", HTTP_ORIGIN=origin))
    assert not is_same_origin(
        post(HTTP_SEC_FETCH_SITE="cross-site", HTTP_ORIGIN="http://front.cma.example")
    )
    assert not is_same_origin(post(HTTP_SEC_FETCH_SITE="cross-site"))


def test_the_refusal_is_in_french_as_html_and_as_json():
    html = refuse(post())
    assert html.status_code == 403
    text = html.content.decode()
    assert '<html lang="fr">' in text and "envoyé depuis un autre site" in text
    assert html["Cache-Control"] == "private, no-store"
    problem = refuse(post(HTTP_ACCEPT="application/json"))
    assert problem.status_code == 403
    assert problem["Content-Type"] == "application/problem+json"
    body = json.loads(problem.content)
    assert body["status"] == 403 and "envoyé depuis un autre site" in body["detail"]


# The time trap's token on a cached page -------------------------------------------------
def contact_form(token, name="Marie", ip="192.0.2.1"):
    from django import forms

    from cma_wagtail.forms import AntiSpamFormMixin

    class ContactForm(AntiSpamFormMixin):
        name = forms.CharField()

    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    data = {"name": name, "website": "", "form_started": token}
    return ContactForm(data=data, request=request)


@pytest.fixture
def _empty_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.mark.usefixtures("_empty_cache")
def test_one_cached_token_serves_every_visitor_once():
    from cma_wagtail.forms import timestamp_token

    token = timestamp_token()  # written once in the cached page
    assert contact_form(token, ip="192.0.2.1").is_valid()
    assert contact_form(token, name="Paul", ip="192.0.2.2").is_valid()
    replay = contact_form(token, name="Robot", ip="192.0.2.1")
    assert not replay.is_valid()
    assert "Ce formulaire a expiré" in str(replay.non_field_errors())
    assert contact_form(token, ip="192.0.2.1").is_valid()  # the same submission again (a retry)


@pytest.mark.usefixtures("_empty_cache")
@override_settings(CMA_WAGTAIL_PUBLIC_CACHE_MAX_AGE=600, CMA_WAGTAIL_MAX_FORM_AGE=3600)
def test_a_cached_token_lasts_max_age_plus_the_fill_window():
    import time
    from unittest import mock

    from cma_wagtail.forms import timestamp_token

    token = timestamp_token()
    with mock.patch("time.time", return_value=time.time() + 600 + 3600 - 5):
        assert contact_form(token).is_valid()
    with mock.patch("time.time", return_value=time.time() + 600 + 3600 + 5):
        late = contact_form(token, ip="192.0.2.9")
        assert not late.is_valid()
    assert "Ce formulaire a expiré" in str(late.non_field_errors())
