"""The JSON submissions refuse numbers that must not be called, control characters and
unreadable digits with field errors, and spend each time-trap token once."""

import pytest

from cma_wagtail.callbacks.models import CallbackRequest
from cma_wagtail.trainings.models import Registration
from tests.core.test_phone_policy import NOT_CALLABLE, REFUSED_PHONES

from .helpers import V3, form_started
from .test_submissions import _errors, post_callback, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def training_session(home_page):
    from tests.factories import (
        TrainingIndexPageFactory,
        TrainingPageFactory,
        TrainingSessionFactory,
    )

    catalogue = TrainingIndexPageFactory(parent=home_page)
    return TrainingSessionFactory(page=TrainingPageFactory(parent=catalogue), capacity=50)


# Toll fraud ---------------------------------------------------------------------------------


@pytest.mark.parametrize("number", REFUSED_PHONES)
def test_callback_api_refuses_numbers_that_must_not_be_called(client, chamber, number):
    errors = _errors(post_callback(client, {"phone": number}))
    assert NOT_CALLABLE in errors["phone"]
    assert not CallbackRequest.objects.exists()


@pytest.mark.parametrize("number", REFUSED_PHONES)
def test_registration_api_refuses_numbers_that_must_not_be_called(client, training_session, number):
    errors = _errors(register(client, training_session, {"phone": number}))
    assert NOT_CALLABLE in errors["phone"]
    assert not Registration.objects.exists()


def test_a_mobile_of_guadeloupe_is_accepted(client, chamber):
    assert post_callback(client, {"phone": "+590 690 00 12 34"}).status_code == 201
    assert CallbackRequest.objects.get().phone == "+590690001234"


# Control characters -------------------------------------------------------------------------


def test_callback_api_refuses_a_line_break_in_the_business_name(client, chamber):
    response = post_callback(client, {"business_name": "Brignon\r\nBcc: x@example.org"})
    errors = response.json()["errors"]
    assert response.status_code == 422
    assert [tuple(e["loc"])[-1] for e in errors] == ["business_name"]
    assert "Écrivez-le sur une seule ligne" in errors[0]["msg"]
    assert not CallbackRequest.objects.exists()


def test_registration_api_refuses_control_characters_in_every_step(client, training_session):
    errors = _errors(
        register(
            client,
            training_session,
            {"last_name": "Perrin\x1b[2J", "expectations": "Des aides\x07"},
        )
    )
    assert {"last_name", "expectations"} <= set(errors)
    assert "caractères de contrôle" in errors["expectations"]


# Digits -------------------------------------------------------------------------------------


def test_callback_api_superscript_in_siret_is_a_field_error(client, chamber):
    errors = _errors(post_callback(client, {"siret": "7328293200007²"}))
    assert "14 chiffres" in errors["siret"]


def test_callback_api_stores_other_digits_in_ascii(client, chamber):
    data = {"siret": "٧٣٢٨٢٩٣٢٠٠٠٠٧٤", "postcode": "２５３００", "phone": "٠٦١٢٣٤٥٦٧٨"}
    assert post_callback(client, data).status_code == 201
    stored = CallbackRequest.objects.get()
    assert (stored.siret, stored.postcode, stored.phone) == (
        "73282932000074",
        "25300",
        "+33612345678",
    )


def test_registration_api_superscript_in_siret_is_a_field_error(client, training_session):
    errors = _errors(register(client, training_session, {"siret": "7328293200007²"}))
    assert "14 chiffres" in errors["siret"]


def test_registration_api_stores_other_digits_in_ascii(client, training_session):
    data = {"siret": "７３２８２９３２００００７４", "phone": "٠٦١٢٣٤٥٦٧٨"}
    response = register(client, training_session, data)
    assert response.status_code == 201, response.content.decode()
    stored = Registration.objects.get()
    assert (stored.siret, stored.phone) == ("73282932000074", "+33612345678")


# Time trap ----------------------------------------------------------------------------------


def test_callback_api_token_is_accepted_once(client, chamber):
    token = form_started()
    assert post_callback(client, {"form_started": token}).status_code == 201
    again = post_callback(client, {"form_started": token, "phone": "06 11 22 33 44"})
    assert "Ce formulaire a expiré" in _errors(again)["__all__"]
    assert CallbackRequest.objects.count() == 1


def test_registration_api_token_is_accepted_once(client, training_session):
    token = form_started()
    assert register(client, training_session, {"form_started": token}).status_code == 201
    again = register(client, training_session, {"form_started": token, "email": "b@example.org"})
    assert "Ce formulaire a expiré" in _errors(again)["__all__"]
    assert Registration.objects.count() == 1


def test_registration_api_token_survives_an_error_in_another_step(client, training_session):
    """The participant step was valid, the diagnostic not: the corrected request passes."""
    token = form_started()
    refused = register(client, training_session, {"form_started": token, "difficulties": []})
    assert set(_errors(refused)) == {"difficulties"}
    assert register(client, training_session, {"form_started": token}).status_code == 201


def test_form_token_endpoint_gives_a_fresh_single_use_token_each_time(client, chamber, settings):
    settings.CMA_WAGTAIL_MIN_FILL_SECONDS = 0
    first, second = (client.get(f"{V3}/form-token/").json() for _ in range(2))
    assert first["form_started"] != second["form_started"]
    assert first["max_age_seconds"] == 4 * 60 * 60 + 60  # + a cached page's max-age
    assert post_callback(client, {"form_started": first["form_started"]}).status_code == 201
    reused = post_callback(client, {"form_started": first["form_started"], "name": "Paul Roy"})
    assert reused.status_code == 422
    fresh = post_callback(client, {"form_started": second["form_started"], "name": "Paul Roy"})
    assert fresh.status_code == 201
