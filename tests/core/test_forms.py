import time

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.test import override_settings

from cma_wagtail.forms import TIMESTAMP_SALT, AntiSpamFormMixin, PhoneNumberField, SiretField


class ContactForm(AntiSpamFormMixin):
    name = forms.CharField()
    phone = PhoneNumberField()
    siret = SiretField(required=False)


def _data(**overrides):
    data = {
        "name": "Marie",
        "phone": "03 81 21 22 23",
        "siret": "",
        "website": "",
        "form_started": signing.dumps(time.time() - 10, salt=TIMESTAMP_SALT),
    }
    data.update(overrides)
    return data


def test_valid_form_cleans_phone_to_e164():
    form = ContactForm(data=_data())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+33381212223"


def test_honeypot_rejects():
    form = ContactForm(data=_data(website="http://spam.example"))
    assert not form.is_valid()
    assert form.non_field_errors()


@override_settings(CMA_WAGTAIL_MIN_FILL_SECONDS=3)
def test_time_trap_rejects_too_fast_submissions():
    form = ContactForm(data=_data(form_started=signing.dumps(time.time(), salt=TIMESTAMP_SALT)))
    assert not form.is_valid()
    assert "renvoyez le formulaire" in str(form.non_field_errors())


def test_tampered_timestamp_rejects():
    form = ContactForm(data=_data(form_started="forged"))
    assert not form.is_valid()


def test_refreshed_timestamp_lets_the_artisan_resend():
    form = ContactForm(data=_data(form_started="forged"))
    assert not form.is_valid()
    form.refresh_timestamp()
    again = ContactForm(data=form.data)
    assert again.is_valid(), again.errors


def test_bad_siret_has_a_field_error():
    form = ContactForm(data=_data(siret="12345678901234"))
    assert not form.is_valid()
    assert "siret" in form.errors


def _refuse_everything(request, form):
    raise ValidationError("captcha manquant")


@override_settings(CMA_WAGTAIL_SPAM_CHECK="tests.core.test_forms._refuse_everything")
def test_spam_check_hook_is_called():
    form = ContactForm(data=_data())
    assert not form.is_valid()
    assert "captcha manquant" in str(form.non_field_errors())


def test_phone_widget_is_tel():
    html = str(ContactForm()["phone"])
    assert 'type="tel"' in html and 'autocomplete="tel"' in html
    assert html.count("type=") == 1


def test_field_template_links_help_text_and_errors_to_the_input():
    from django.template import Context, Template

    form = ContactForm(data=_data(siret="123"))
    form.is_valid()
    html = Template("{% load cma_wagtail_tags %}{% cma_field form.siret %}").render(
        Context({"form": form})
    )
    assert 'id="id_siret_helptext"' in html and 'id="id_siret_error"' in html
    assert 'aria-describedby="id_siret_helptext id_siret_error"' in html
    assert 'aria-invalid="true"' in html


def test_refreshed_timestamp_honours_the_form_prefix():
    data = {f"step-{key}": value for key, value in _data(form_started="forged").items()}
    form = ContactForm(data=data, prefix="step")
    assert not form.is_valid()
    form.refresh_timestamp()
    assert ContactForm(data=form.data, prefix="step").is_valid()
