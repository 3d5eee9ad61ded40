"""The directory's client against the local fake: every answer the directory may give."""

import pytest

from cma_wagtail import __version__
from cma_wagtail.companies import client, limits, parsing
from tests.companies import fake_directory as fake


def identity(siret):
    found = parsing.find_siret(client.search(q=siret), siret)
    return parsing.identity_fields(*found) if found else None


def test_found_siret_gives_the_identity_of_the_establishment(fake_directory):
    fields = identity(fake.FOUND)

    assert fields["name"] == "XAVIER BRIGNON (PATISSERIE BRIGNON)"
    assert fields["siren"] == fake.FOUND[:9]
    assert (fields["naf_code"], fields["naf_label"]) == (
        "10.71C",
        "Boulangerie et boulangerie-pâtisserie",
    )
    assert (fields["legal_form_code"], fields["legal_form_label"]) == (
        "1000",
        "Entrepreneur individuel",
    )
    assert fields["is_individual_entrepreneur"] is True
    assert fields["is_closed"] is False
    assert fields["created_on"].year == 2012
    assert fields["commune"] == "PONTARLIER"
    assert fields["category"] == "PME"


def test_only_the_fake_is_contacted_with_a_user_agent_naming_the_package(fake_directory):
    identity(fake.FOUND)

    assert fake_directory.hosts == [fake_directory.url.removeprefix("http://")]
    assert fake_directory.requests[0]["query"] == {"q": fake.FOUND}
    assert f"cma-wagtail/{__version__}" in fake_directory.requests[0]["user_agent"]


def test_unknown_siret_is_none(fake_directory):
    assert identity(fake.UNKNOWN) is None


def test_closed_establishment_is_flagged(fake_directory):
    assert identity(fake.CLOSED)["is_closed"] is True


def test_several_establishments_the_one_asked_for_is_kept(fake_directory):
    fields = identity(fake.SEVERAL)

    assert fields["siret"] == fake.SEVERAL
    assert fields["commune"] == "MALBUISSON"  # not the siège's Pontarlier
    assert fields["name"] == "TRIMADEL"
    assert fields["is_individual_entrepreneur"] is False


def test_429_waits_for_retry_after_then_answers(fake_directory, waits):
    assert identity(fake.RATE_LIMITED)["name"]

    assert waits == [3]  # the Retry-After of the fake, not our own backoff
    assert fake_directory.calls[fake.RATE_LIMITED] == 2


def test_a_retry_after_too_long_is_not_waited_for(fake_directory, waits, monkeypatch):
    monkeypatch.setattr(client, "MAX_WAIT", 2)

    with pytest.raises(client.DirectoryUnavailable) as error:
        client.search(q=fake.RATE_LIMITED)

    assert error.value.retry_after == 3
    assert waits == []


def test_500_is_retried_with_backoff_then_given_up(fake_directory, waits):
    with pytest.raises(client.DirectoryUnavailable, match="HTTP 500"):
        client.search(q=fake.ERROR)

    assert fake_directory.calls[fake.ERROR] == client.ATTEMPTS
    assert waits == list(client.BACKOFF)


def test_a_500_once_is_retried(fake_directory, waits):
    assert identity(fake.FLAKY)["name"]
    assert waits == [client.BACKOFF[0]]


def test_timeout_is_retried_then_given_up(fake_directory, waits):
    with pytest.raises(client.DirectoryUnavailable, match="no answer"):
        client.search(q=fake.TIMEOUT)

    assert fake_directory.calls[fake.TIMEOUT] == client.ATTEMPTS


def test_malformed_json_is_an_error_not_retried(fake_directory, waits):
    with pytest.raises(client.DirectoryError, match="unreadable"):
        client.search(q=fake.MALFORMED)

    assert fake_directory.calls[fake.MALFORMED] == 1


def test_answers_are_cached(fake_directory, settings):
    identity(fake.FOUND)
    identity(fake.FOUND)

    assert fake_directory.count == 1


def test_breaker_opens_after_repeated_failures_and_spares_the_directory(fake_directory):
    for _attempt in range(limits.Breaker.FAILURES_TO_OPEN):
        with pytest.raises(client.DirectoryUnavailable):
            client.search(q=fake.ERROR)
    calls = fake_directory.count

    with pytest.raises(client.DirectoryUnavailable, match="circuit open"):
        client.search(q=fake.FOUND)

    assert fake_directory.count == calls


def test_turned_off_nothing_is_called(fake_directory, settings):
    settings.CMA_WAGTAIL_COMPANY_DIRECTORY_URL = ""

    with pytest.raises(client.DirectoryDisabled):
        client.search(q=fake.FOUND)
    assert fake_directory.count == 0


def test_name_search_lists_establishments(fake_directory):
    found = parsing.candidates(client.search(q="tricot", code_postal="25160"))

    assert [c["name"] for c in found] == ["AU COEUR DU TRICOT", "TRICOTS DU HAUT-DOUBS"]
    assert fake_directory.requests[0]["query"] == {"q": "tricot", "code_postal": "25160"}
