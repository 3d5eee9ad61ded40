"""``%00`` and other unreadable input on the public URLs and the inboxes: 400, never 500.

PostgreSQL refuses a NUL in a string literal, so each of these URLs was a 500 there; on
SQLite the test proves the answer, the PostgreSQL run proves the 500 is gone.
"""

import pytest

from tests.factories import (
    CrisisNewsIndexPageFactory,
    CrisisNewsPageFactory,
    InitiativeCategoryFactory,
    InitiativeIndexPageFactory,
    InitiativePageFactory,
    SuperUserFactory,
    TrainingIndexPageFactory,
    TrainingPageFactory,
)

from .helpers import V3

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_urls(home_page):
    initiatives = InitiativeIndexPageFactory(parent=home_page)
    InitiativePageFactory(parent=initiatives, categories=[InitiativeCategoryFactory()])
    catalogue = TrainingIndexPageFactory(parent=home_page)
    TrainingPageFactory(parent=catalogue)
    news = CrisisNewsIndexPageFactory(parent=home_page)
    CrisisNewsPageFactory(parent=news)
    return [
        f"{initiatives.url}?q=%00",
        f"{initiatives.url}?category=%00",
        f"{initiatives.url}?departement=25%00",
        f"{initiatives.url}map.json?category=%00",
        f"{catalogue.url}?theme=%00",
        f"{news.url}?topic=%00",
        f"{V3}/initiatives/?q=%00",
        f"{V3}/initiatives/?category=%00",
        f"{V3}/initiatives/slug/x%00/",
        f"{V3}/trainings/?theme=%00",
        f"{V3}/trainings/slug/x%00/",
        f"{V3}/crisis-news/?topic=%00",
        f"{V3}/crisis-news/slug/x%00/",
        "/api/v2/initiatives/?q=%00",
        "/api/v2/initiatives/?category=%00",
        "/api/v2/trainings/?theme=%00",
        "/api/v2/crisis-news/?topic=%00",
    ]


INBOXES = [
    "/admin/cma_callbacks/callbackrequest/",
    "/admin/cma_trainings/registration/",
    "/admin/cma_initiatives/initiativeproposal/",
]
ADMIN_URLS = [f"{inbox}?q=%00" for inbox in INBOXES] + [
    f"{inbox}?export=csv&q=%00" for inbox in INBOXES
]


def _assert_refused(response, url):
    assert response.status_code == 400, (url, response.status_code)
    expected = "application/problem+json" if url.startswith("/api/") else "text/plain"
    assert response["Content-Type"].startswith(expected), url


def test_public_urls_answer_400_to_a_nul(client, public_urls):
    for url in public_urls:
        _assert_refused(client.get(url), url)


def test_inbox_searches_and_exports_answer_400_to_a_nul(client, home_page):
    client.force_login(SuperUserFactory())
    for url in ADMIN_URLS:
        _assert_refused(client.get(url), url)


def test_the_same_urls_without_the_nul_are_no_server_error(client, public_urls):
    for url in public_urls:
        clean = url.replace("%00", "")
        assert client.get(clean).status_code < 500, clean


SUPERSCRIPT_TWO = "%C2%B2"  # "²": str.isdigit() says yes, int() raises


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v2/initiatives/?index={SUPERSCRIPT_TWO}",
        f"/api/v2/trainings/?index={SUPERSCRIPT_TWO}",
        f"/api/v2/crisis-news/?index={SUPERSCRIPT_TWO}",
        "/api/v2/trainings/?index=%EF%BC%91",  # fullwidth 1
    ],
)
def test_superscript_and_fullwidth_digits_in_filters_are_no_server_error(client, home_page, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("param", ["training", "session"])
def test_superscript_digits_in_the_registrations_filters_are_no_server_error(
    client, home_page, param
):
    client.force_login(SuperUserFactory())
    response = client.get(f"/admin/cma_trainings/registration/?{param}={SUPERSCRIPT_TWO}")
    assert response.status_code < 500


@pytest.mark.postgres
def test_on_postgresql_a_nul_is_no_longer_a_server_error(client, public_urls):
    client.raise_request_exception = False
    client.force_login(SuperUserFactory())
    for url in [*public_urls[:2], public_urls[6], public_urls[13], *ADMIN_URLS[:2]]:
        _assert_refused(client.get(url), url)
