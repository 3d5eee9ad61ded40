"""French data types done right: phone numbers, SIRET, postcodes and départements."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from .conf import settings as cma_settings

# La Poste's SIREN: its establishments' SIRETs use a different checksum (sum of digits % 5).
LA_POSTE_SIREN = "356000000"


def ascii_digits(value: str) -> str:
    """Write every decimal digit in ASCII: "２５０００" → "25000", "٠٦" → "06".

    Phones, tablets and copy-pastes produce fullwidth or Arabic-Indic digits; they mean the
    same number, and a numeric field must be stored in ASCII. Digits that are not decimal
    ("²", "①") are left as they are, so that the field's validator refuses them.
    """
    return "".join(
        str(digit) if (digit := unicodedata.decimal(char, None)) is not None else char
        for char in value
    )


def is_ascii_number(value: str) -> bool:
    """Only the ten ASCII digits (``str.isdigit`` also accepts "²", which ``int`` refuses)."""
    return value.isascii() and value.isdigit()


def luhn_valid(digits: str) -> bool:
    """Luhn checksum; ``False`` for anything but ASCII digits, never an exception."""
    if not is_ascii_number(digits):
        return False
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
    """Without spaces (any Unicode space) and with ASCII digits."""
    return ascii_digits("".join(value.split()))


def validate_siret(value: str) -> None:
    """A SIRET is 14 digits with a Luhn checksum (La Poste's establishments excepted)."""
    siret = normalize_siret(value)
    if not is_ascii_number(siret) or len(siret) != 14:
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


#: Line breaks that one-line fields refuse: they would split an email header or a title.
LINE_BREAKS = frozenset("\r\n\u2028\u2029")
#: Control characters that text keeps: tab, and the line breaks of multi-line fields.
KEPT_CONTROLS = frozenset("\t\r\n")


def validate_no_control_characters(value: str) -> None:
    """Refuse invisible control characters and lone surrogates (unstorable, unsendable text).

    NUL is left to Django's own ``ProhibitNullCharactersValidator`` (every ``CharField``
    has it), so that it is refused once, with Django's message.
    """
    text = str(value)
    controls = any(
        char != "\x00" and char not in KEPT_CONTROLS and unicodedata.category(char) == "Cc"
        for char in text
    )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        controls = True
    if controls:
        raise ValidationError(
            _("This field contains invisible control characters: please type it again."),
            code="control_characters",
        )


def validate_single_line(value: str) -> None:
    if any(char in LINE_BREAKS for char in str(value)):
        raise ValidationError(
            _("Write this on a single line, without line breaks."), code="line_break"
        )


@deconstructible(path="django.core.validators.RegexValidator")
class _AsciiRegexValidator(RegexValidator):
    """A RegexValidator that also refuses non-ASCII digits (``\\d`` matches "٢" and "２").

    It deconstructs as the plain RegexValidator it replaced, so that model fields using it
    need no migration.
    """

    def __call__(self, value):
        if not str(value).isascii():
            raise ValidationError(self.message, code=self.code, params={"value": value})
        super().__call__(value)


def normalize_postcode(value: str) -> str:
    return ascii_digits(value.strip())


validate_postcode = _AsciiRegexValidator(
    r"^\d{5}$",
    message=_("A French postcode has 5 digits (for example 25300)."),
    code="invalid_postcode",
)


def postcode_to_departement(postcode: str) -> str:
    """Département code of a French postcode: "25300" → "25", "20000" → "2A", "97400" → "974"."""
    postcode = (postcode or "").strip()
    if len(postcode) != 5 or not is_ascii_number(postcode):
        return ""
    if postcode.startswith("20"):
        # Corse-du-Sud uses 200xx and 201xx; Haute-Corse the rest of 20xxx.
        return "2A" if postcode[2] in "01" else "2B"
    if postcode[:2] in ("97", "98"):
        return postcode[:3]
    return postcode[:2]


def _parse_valid(value: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def parse_phone_number(
    value: str, region: str | None = None, *, other_regions: Iterable[str] = ()
) -> phonenumbers.PhoneNumber:
    """Parse and validate a phone number; raise ValidationError with a message an artisan understands.

    A number written without a country code is read in ``region`` (``PHONE_REGION``), then,
    if it is not valid there, in ``other_regions``: "0590 12 34 56" is a Guadeloupe number.
    """
    region = region or cma_settings.PHONE_REGION
    value = ascii_digits(value)
    number = _parse_valid(value, region)
    written_nationally = not value.lstrip().startswith(("+", "00"))
    for other in other_regions if number is None and written_nationally else ():
        if other != region and (number := _parse_valid(value, other)) is not None:
            break
    if number is None:
        raise ValidationError(
            _("Enter a valid phone number, for example 03 81 21 22 23 or +33 3 81 21 22 23."),
            code="invalid_phone",
        )
    return number


def to_e164(value: str, region: str | None = None) -> str:
    return phonenumbers.format_number(
        parse_phone_number(value, region), phonenumbers.PhoneNumberFormat.E164
    )


def phone_number_types(names: Iterable[str]) -> set[int]:
    """``{"MOBILE", "FIXED_LINE"}`` → phonenumbers' type constants (unknown names raise)."""
    return {getattr(phonenumbers.PhoneNumberType, name) for name in names}


def validate_callable_number(
    number: phonenumbers.PhoneNumber,
    allowed_regions: Iterable[str] | None,
    allowed_types: Iterable[str] | None,
) -> None:
    """Refuse a number that the chamber must not call back (toll fraud).

    Premium-rate (08 9x), shared-cost (08 1x), satellite (+881, +870), personal, pager and
    UAN numbers cost the chamber money or reach no artisan. ``None`` means "any".
    """
    region_ok = allowed_regions is None or (
        phonenumbers.region_code_for_number(number) in set(allowed_regions)
    )
    type_ok = allowed_types is None or (
        phonenumbers.number_type(number) in phone_number_types(allowed_types)
    )
    if not (region_ok and type_ok):
        raise ValidationError(
            _("We cannot call this number back: enter a mobile or landline number."),
            code="phone_not_callable",
        )


def to_callable_e164(
    value: str,
    allowed_regions: Iterable[str] | None,
    allowed_types: Iterable[str] | None,
) -> str:
    """E.164 of a number that the chamber may call back (see :func:`validate_callable_number`)."""
    number = parse_phone_number(value, other_regions=allowed_regions or ())
    validate_callable_number(number, allowed_regions, allowed_types)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


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
