"""The shared error summary: each problem counted and listed once; the time trap's notice
is neutral and never counted; a checkbox's item is its short message."""

import time

from django import forms
from django.core import signing
from django.template import Context, Template
from django.test import override_settings

from cma_wagtail.forms import (
    TIMESTAMP_SALT,
    AntiSpamFormMixin,
    PostcodeField,
    error_summary,
    resend_notice,
    timestamp_token,
)


class ProposalLikeForm(AntiSpamFormMixin):
    name = forms.CharField(label="Votre nom")
    postcode = PostcodeField(label="Code postal")
    consent = forms.BooleanField(
        label="J’accepte que la chambre utilise ces informations pour une très longue raison.",
        error_messages={"required": "Cochez la case pour accepter."},
    )


def _data(**overrides):
    data = {
        "name": "Marie",
        "postcode": "25000",
        "consent": "on",
        "website": "",
        "form_started": signing.dumps(time.time() - 10, salt=TIMESTAMP_SALT),
    }
    data.update(overrides)
    return data


def _render(form) -> str:
    return Template('{% include "cma_wagtail/includes/form_errors.html" %}').render(
        Context({"form": form})
    )


def test_a_wrong_postcode_has_one_message_in_our_words():
    for value in ("123", "123456", "2500A"):
        form = ProposalLikeForm(data=_data(postcode=value))
        assert not form.is_valid()
        assert form.errors["postcode"] == [
            "Un code postal français comporte 5 chiffres (par exemple 25300)."
        ]


def test_each_problem_is_counted_and_listed_once():
    form = ProposalLikeForm(data=_data(name="", postcode="12", consent=""))
    assert not form.is_valid()
    items = error_summary(form)
    assert [item["href"] for item in items] == ["#id_name", "#id_postcode", "#id_consent"]
    html = _render(form)
    assert "Il y a 3 problèmes dans vos réponses" in html
    assert html.count("<li>") == 3


def test_a_checkbox_item_is_its_short_message_not_its_label():
    form = ProposalLikeForm(data=_data(consent=""))
    form.is_valid()
    (item,) = error_summary(form)
    assert item["text"] == "Cochez la case pour accepter."
    assert "très longue raison" not in _render(form)


def test_a_field_item_names_the_field_with_a_french_colon():
    form = ProposalLikeForm(data=_data(name=""))
    form.is_valid()
    assert error_summary(form)[0]["text"] == "Votre nom\u00a0: Champ requis."


@override_settings(CMA_WAGTAIL_MIN_FILL_SECONDS=3)
def test_too_fast_is_a_neutral_notice_not_a_problem():
    form = ProposalLikeForm(data=_data(form_started=timestamp_token()))
    assert not form.is_valid()
    assert error_summary(form) == []
    assert resend_notice(form) == "Vérifiez vos informations puis renvoyez le formulaire."
    html = _render(form)
    assert "cma-error-summary" not in html and "problème" not in html
    assert 'role="status"' in html and "Vérifiez vos informations" in html


@override_settings(CMA_WAGTAIL_MIN_FILL_SECONDS=3)
def test_too_fast_with_a_mistake_counts_the_mistake_only():
    form = ProposalLikeForm(data=_data(name="", form_started=timestamp_token()))
    assert not form.is_valid()
    html = _render(form)
    assert "Il y a un problème dans vos réponses" in html
    assert html.count("<li>") == 1
    assert "Vérifiez vos informations" in html  # the notice, apart


def test_an_expired_form_is_a_neutral_notice_too():
    form = ProposalLikeForm(data=_data(form_started="forged"))
    assert not form.is_valid()
    assert error_summary(form) == []
    assert "expiré" in resend_notice(form)


def test_other_non_field_errors_are_listed_without_a_link():
    form = ProposalLikeForm(data=_data(website="http://spam.example"))
    assert not form.is_valid()
    (item,) = error_summary(form)
    assert item["href"] == "" and "Appelez-nous" in item["text"]
    assert "<a href" not in _render(form)
