"""Control characters, line breaks and non-ASCII digits in the public forms' fields."""

import pytest
from django import forms

from cma_wagtail.forms import PostcodeField, SafeTextFormMixin, SiretField
from cma_wagtail.validators import (
    ascii_digits,
    luhn_valid,
    normalize_siret,
    postcode_to_departement,
    validate_postcode,
)

ONE_LINE = "Écrivez-le sur une seule ligne"
CONTROLS = "caractères de contrôle invisibles"


class TextForm(SafeTextFormMixin, forms.Form):
    name = forms.CharField(required=False)
    email = forms.EmailField(required=False)
    message = forms.CharField(required=False, widget=forms.Textarea)
    siret = SiretField(required=False)
    postcode = PostcodeField(required=False)
    count = forms.IntegerField(required=False)


def _errors(**data):
    form = TextForm(data=data)
    form.is_valid()
    return {name: " ".join(messages) for name, messages in form.errors.items()}


@pytest.mark.parametrize("value", ["Pâtisserie\r\nBcc: x@example.org", "A\nB", "A\rB", "A\u2028B"])
def test_one_line_fields_refuse_line_breaks(value):
    assert ONE_LINE in _errors(name=value)["name"]


def test_multi_line_fields_keep_line_breaks_and_tabs():
    form = TextForm(data={"message": "Bonjour,\r\n\tmerci.\nXavier"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["message"] == "Bonjour,\r\n\tmerci.\nXavier"


@pytest.mark.parametrize("char", ["\x01", "\x07", "\x1b", "\x0b", "\x7f", "\x85", "\ud800"])
@pytest.mark.parametrize("field", ["name", "message"])
def test_control_characters_and_lone_surrogates_are_refused_everywhere(field, char):
    assert CONTROLS in _errors(**{field: f"Au Cœur{char}du Tricot"})[field]


@pytest.mark.parametrize("field", ["name", "message", "siret", "postcode"])
def test_nul_is_refused_once_with_djangos_message(field):
    errors = _errors(**{field: "25\x00000"})[field]
    assert "caractère nul" in errors and CONTROLS not in errors


def test_ordinary_text_passes():
    form = TextForm(
        data={"name": "Au Cœur du Tricot – l’atelier 😀", "message": "«\u00a0Oui\u00a0»"}
    )
    assert form.is_valid(), form.errors


# Digits -----------------------------------------------------------------------------------


def test_ascii_digits_normalises_decimal_digits_only():
    assert ascii_digits("٢٥٣٠٠ ２５ ۲۵ २५") == "25300 25 25 25"
    assert ascii_digits("x²①") == "x²①"


@pytest.mark.parametrize("value", ["7328293200007²", "²", "73282932000074²", "①", "٧", "abc", ""])
def test_luhn_never_raises(value):
    assert luhn_valid(value) is False


@pytest.mark.parametrize(
    "value", ["٧٣٢٨٢٩٣٢٠٠٠٠٧٤", "７３２ ８２９ ３２０ ０００７４", "732\u00a0829\u2009320 00074"]
)
def test_siret_in_other_digits_is_stored_in_ascii(value):
    form = TextForm(data={"siret": value})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["siret"] == "73282932000074"
    assert normalize_siret(value) == "73282932000074"


@pytest.mark.parametrize("value", ["7328293200007²", "7328293200007①", "73282932000 07⁴"])
def test_siret_with_digits_that_are_not_decimal_is_a_field_error(value):
    assert "14 chiffres" in _errors(siret=value)["siret"]


@pytest.mark.parametrize("value", ["２５３００", "٢٥٣٠٠", " 25300 "])
def test_postcode_in_other_digits_is_stored_in_ascii(value):
    form = TextForm(data={"postcode": value})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["postcode"] == "25300"


@pytest.mark.parametrize("value", ["2530²", "25３0x"])
def test_postcode_that_is_not_five_digits_is_a_field_error(value):
    assert "5 chiffres" in _errors(postcode=value)["postcode"]


def test_the_model_postcode_validator_refuses_non_ascii_digits_without_a_migration():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_postcode("２５３００")
    validate_postcode("25300")
    path, args, kwargs = validate_postcode.deconstruct()
    assert path == "django.core.validators.RegexValidator"


def test_departement_of_a_non_ascii_postcode_is_empty():
    assert postcode_to_departement("2530²") == ""
    assert postcode_to_departement("25300") == "25"
