"""``GET /api/v3/cma/companies/{siret}/``: the public forms' progressive confirmation."""

import pytest

from tests.companies import fake_directory as fake
from tests.markers import needs_v3

URL = "/api/v3/cma/companies/{}/"

pytestmark = [pytest.mark.django_db, needs_v3]


def test_found_siret_answers_what_the_directory_publishes(client, fake_directory):
    response = client.get(URL.format(fake.FOUND))

    assert response.status_code == 200
    assert response.json() == {
        "siret": fake.FOUND,
        "name": "XAVIER BRIGNON (PATISSERIE BRIGNON)",
        "activity": "Boulangerie et boulangerie-pâtisserie",
        "naf_code": "10.71C",
        "commune": "PONTARLIER",
        "postcode": "25300",
        "closed": False,
    }


def test_answers_are_cached_the_directory_is_asked_once(client, fake_directory):
    for _visit in range(3):
        assert client.get(URL.format(fake.CLOSED)).json()["closed"] is True

    assert fake_directory.count == 1


def test_unknown_invalid_and_unavailable(client, fake_directory):
    unknown = client.get(URL.format(fake.UNKNOWN))
    invalid = client.get(URL.format("12345678901234"))
    down = client.get(URL.format(fake.ERROR))

    assert unknown.status_code == 404
    assert invalid.status_code == 422 and "SIRET" in invalid.json()["detail"]
    assert down.status_code == 503
    assert "ne répond pas" in down.json()["detail"]
    assert fake_directory.calls[fake.ERROR] == 3  # retried, never a 500 for the browser


def test_own_rate_limit_per_address(client, fake_directory, settings):
    settings.CMA_WAGTAIL_COMPANY_LOOKUP_RATE_LIMIT_PER_IP = (2, 60)
    statuses = [client.get(URL.format(fake.FOUND)).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    refused = client.get(URL.format(fake.FOUND))
    assert int(refused["Retry-After"]) > 0


def test_turned_off_answers_503_and_calls_nobody(client, fake_directory, settings):
    settings.CMA_WAGTAIL_COMPANY_DIRECTORY_URL = ""

    assert client.get(URL.format(fake.FOUND)).status_code == 503
    assert fake_directory.count == 0
