"""French data types done right: phone numbers, SIRET, postcodes and départements."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .conf import settings as cma_settings

# La Poste's SIREN: its establishments' SIRETs use a different checksum (sum of digits % 5).
LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalize_siret(value: str) -> str:
    return "".join(value.split())


def validate_siret(value: str) -> None:
    """A SIRET is 14 digits with a Luhn checksum (La Poste's establishments excepted)."""
    siret = normalize_siret(value)
    if not siret.isdigit() or len(siret) != 14:
        raise ValidationError(
            _("A SIRET number has exactly 14 digits (for example 732 829 320 00074)."),
            code="invalid_siret",
        )
    if siret.startswith(LA_POSTE_SIREN):
        valid = sum(int(c) for c in siret) % 5 == 0
    else:
        valid = luhn_valid(siret)
    if not valid:
        raise ValidationError(
            _("This SIRET number is not valid: please check the 14 digits."),
            code="invalid_siret",
        )


validate_postcode = RegexValidator(
    r"^\d{5}$",
    message=_("A French postcode has 5 digits (for example 25300)."),
    code="invalid_postcode",
)


def postcode_to_departement(postcode: str) -> str:
    """Département code of a French postcode: "25300" → "25", "20000" → "2A", "97400" → "974"."""
    postcode = (postcode or "").strip()
    if len(postcode) != 5 or not postcode.isdigit():
        return ""
    if postcode.startswith("20"):
        # Corse-du-Sud uses 200xx and 201xx; Haute-Corse the rest of 20xxx.
        return "2A" if postcode[2] in "01" else "2B"
    if postcode[:2] in ("97", "98"):
        return postcode[:3]
    return postcode[:2]


def parse_phone_number(value: str, region: str | None = None) -> phonenumbers.PhoneNumber:
    """Parse and validate a phone number; raise ValidationError with a message an artisan understands."""
    region = region or cma_settings.PHONE_REGION
    message = _("Enter a valid phone number, for example 03 81 21 22 23 or +33 3 81 21 22 23.")
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(message, code="invalid_phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(message, code="invalid_phone")
    return number


def to_e164(value: str, region: str | None = None) -> str:
    return phonenumbers.format_number(
        parse_phone_number(value, region), phonenumbers.PhoneNumberFormat.E164
    )


def format_phone_national(e164: str) -> str:
    """Human display of a stored number: "+33381212223" → "03 81 21 22 23"."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, cma_settings.PHONE_REGION)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == cma_settings.PHONE_REGION:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
