"""Numbers to call back: mobile and fixed lines of France and its overseas, nothing that
costs the chamber money (toll fraud) or reaches no artisan."""

import pytest
from django import forms
from django.core.checks import Error
from django.test import override_settings

from cma_wagtail import checks
from cma_wagtail.forms import PhoneNumberField

NOT_CALLABLE = "Ce numéro ne peut pas être rappelé"

#: Valid numbers that the chamber must not call back, as the issue listed them and more.
REFUSED_PHONES = [
    "08 99 12 34 56",  # premium rate
    "08 97 12 34 56",  # premium rate
    "08 92 12 34 56",  # premium rate
    "08 36 12 34 56",  # premium rate
    "08 10 12 34 56",  # shared cost
    "08 11 12 34 56",  # shared cost
    "08 20 12 34 56",  # shared cost
    "08 06 12 34 56",  # UAN
    "08 00 12 34 56",  # toll free: a service, not a line where an artisan answers
    "+881 6 1234 5678",  # Iridium satellite
    "+870 773 123 456",  # Inmarsat satellite
    "+44 909 123 4567",  # UK premium rate
    "+44 7912 345678",  # a UK mobile: not an allowed country
    "+687 20 12 34",  # New Caledonia: its own numbering plan, an international call
]

#: Numbers that an artisan of metropolitan France or of the overseas may give.
ACCEPTED_PHONES = {
    "06 12 34 56 78": "+33612345678",
    "07 56 12 34 56": "+33756123456",
    "03 81 21 22 23": "+33381212223",
    "01 80 12 34 56": "+33180123456",
    "09 12 34 56 78": "+33912345678",  # an internet box line (VOIP)
    "+590 690 00 12 34": "+590690001234",  # Guadeloupe mobile
    "0590 12 34 56": "+590590123456",  # Guadeloupe fixed line, written nationally
    "0696 12 34 56": "+596696123456",  # Martinique mobile, written nationally
    "+262 262 12 34 56": "+262262123456",  # La Réunion
    "+508 41 12 34": "+508411234",  # Saint-Pierre-et-Miquelon
    "٠٦١٢٣٤٥٦٧٨": "+33612345678",  # Arabic-Indic digits
    "０６１２３４５６７８": "+33612345678",  # fullwidth digits
}


class PhoneForm(forms.Form):
    phone = PhoneNumberField()
    any_phone = PhoneNumberField(required=False, allowed_regions=None, allowed_types=None)


def _phone_errors(value):
    form = PhoneForm(data={"phone": value})
    form.is_valid()
    return form.errors.get("phone", [])


@pytest.mark.parametrize("number", REFUSED_PHONES)
def test_numbers_that_must_not_be_called_are_refused(number):
    errors = _phone_errors(number)
    assert errors and NOT_CALLABLE in errors[0]


@pytest.mark.parametrize(("number", "e164"), ACCEPTED_PHONES.items())
def test_mobile_and_fixed_lines_of_france_and_its_overseas_are_accepted(number, e164):
    form = PhoneForm(data={"phone": number})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == e164


def test_an_invalid_number_keeps_its_own_message():
    assert "Saisissez un numéro de téléphone valide" in _phone_errors("12")[0]


@override_settings(CMA_WAGTAIL_PHONE_ALLOWED_REGIONS=["FR", "CH", "BE"])
def test_a_border_chamber_accepts_swiss_and_belgian_lines():
    assert PhoneForm(data={"phone": "+41 21 234 56 78"}).is_valid()
    assert PhoneForm(data={"phone": "+32 2 456 78 90"}).is_valid()
    assert NOT_CALLABLE in _phone_errors("+44 7912 345678")[0]
    assert NOT_CALLABLE in _phone_errors("08 99 12 34 56")[0]


@override_settings(CMA_WAGTAIL_PHONE_ALLOWED_TYPES=["MOBILE"])
def test_the_allowed_types_are_a_setting():
    assert PhoneForm(data={"phone": "06 12 34 56 78"}).is_valid()
    assert NOT_CALLABLE in _phone_errors("03 81 21 22 23")[0]


def test_a_field_can_have_its_own_policy():
    form = PhoneForm(data={"phone": "06 12 34 56 78", "any_phone": "08 99 12 34 56"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["any_phone"] == "+33899123456"


@override_settings(CMA_WAGTAIL_PHONE_ALLOWED_TYPES=["MOBILE", "CELLPHONE"])
def test_an_unknown_phone_type_is_a_configuration_error():
    messages = checks.check_phone_policy(None)
    assert [m.id for m in messages] == ["cma_wagtail.E007"]
    assert isinstance(messages[0], Error)


def test_the_default_phone_policy_passes_the_check():
    assert checks.check_phone_policy(None) == []
