import pytest
from django.core.exceptions import ValidationError

from cma_wagtail.validators import (
    format_phone_national,
    postcode_to_departement,
    to_e164,
    validate_postcode,
    validate_siret,
)


@pytest.mark.parametrize(
    "raw", ["03 81 21 22 23", "0381212223", "+33 3 81 21 22 23", "03.81.21.22.23", "0033381212223"]
)
def test_phone_numbers_are_stored_e164(raw):
    assert to_e164(raw) == "+33381212223"


def test_foreign_numbers_keep_their_country():
    assert to_e164("+41 22 730 51 11") == "+41227305111"


@pytest.mark.parametrize("raw", ["12", "not a number", "01 02", "+33 1 23"])
def test_bad_phone_numbers_get_a_clear_message(raw):
    with pytest.raises(ValidationError) as exc:
        to_e164(raw)
    assert "03 81 21 22 23" in str(exc.value)


def test_phone_display_is_national_for_french_numbers():
    assert format_phone_national("+33381212223") == "03 81 21 22 23"
    assert format_phone_national("+41227305111").startswith("+41")


@pytest.mark.parametrize("siret", ["73282932000074", "732 829 320 00074", "35600000000001"])
def test_valid_sirets(siret):
    validate_siret(siret)


@pytest.mark.parametrize("siret", ["73282932000075", "1234", "7328293200007A", "35600000000049"])
def test_invalid_sirets(siret):
    with pytest.raises(ValidationError):
        validate_siret(siret)


@pytest.mark.parametrize(
    ("postcode", "departement"),
    [
        ("25300", "25"),
        ("01000", "01"),
        ("20000", "2A"),
        ("20167", "2A"),
        ("20200", "2B"),
        ("20600", "2B"),
        ("97400", "974"),
        ("97110", "971"),
        ("98800", "988"),
        ("2530", ""),
        ("", ""),
    ],
)
def test_postcode_to_departement(postcode, departement):
    assert postcode_to_departement(postcode) == departement


def test_postcode_validator():
    validate_postcode("25300")
    with pytest.raises(ValidationError):
        validate_postcode("2530")
