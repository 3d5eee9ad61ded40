"""The HTML callback form: numbers that must not be called, line breaks, unreadable digits
and the single-use time-trap token, each seen by the artisan as a message on the form."""

import html
import re
import time

import pytest
from django.core import signing
from django.test import override_settings

from cma_wagtail.callbacks.models import CallbackRequest
from cma_wagtail.forms import TIMESTAMP_SALT, timestamp_token
from tests.callbacks.conftest import form_data
from tests.core.test_phone_policy import NOT_CALLABLE, REFUSED_PHONES

SUBMIT = "/cma/callbacks/submit/"
pytestmark = pytest.mark.django_db


def _post(client, blocks, page, **overrides):
    return client.post(SUBMIT, form_data(blocks[0], page, **overrides))


def _page(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("number", REFUSED_PHONES)
def test_numbers_that_must_not_be_called_are_refused(client, callback_page, blocks, number):
    assert NOT_CALLABLE in _page(_post(client, blocks, callback_page, phone=number))
    assert not CallbackRequest.objects.exists()


def test_a_line_break_in_the_business_name_is_refused(client, callback_page, blocks):
    response = _post(client, blocks, callback_page, business_name="Brignon\r\nBcc: x@example.org")
    page = _page(response)
    assert "Écrivez-le sur une seule ligne" in page
    assert f'id="id_cb-{blocks[0].id}-business_name_error"' in page
    assert not CallbackRequest.objects.exists()


def test_a_superscript_in_the_siret_is_a_field_error(client, callback_page, blocks):
    page = _page(_post(client, blocks, callback_page, siret="7328293200007²"))
    assert "14 chiffres" in page
    assert not CallbackRequest.objects.exists()


def test_other_digits_are_stored_in_ascii(client, callback_page, blocks):
    response = _post(
        client,
        blocks,
        callback_page,
        siret="٧٣٢٨٢٩٣٢٠٠٠٠٧٤",
        postcode="２５３００",
        phone="٠٦١٢٣٤٥٦٧٨",
    )
    assert response.status_code == 303
    stored = CallbackRequest.objects.get()
    assert (stored.siret, stored.postcode, stored.phone) == (
        "73282932000074",
        "25300",
        "+33612345678",
    )


def test_a_token_is_accepted_once(client, callback_page, blocks):
    token = timestamp_token()
    first = form_data(blocks[0], callback_page)
    first[f"cb-{blocks[0].id}-form_started"] = token
    assert client.post(SUBMIT, first).status_code == 303
    second = form_data(blocks[0], callback_page, phone="06 11 22 33 44", name="Paul Roy")
    second[f"cb-{blocks[0].id}-form_started"] = token
    page = _page(client.post(SUBMIT, second))
    assert "Ce formulaire a expiré" in page
    assert CallbackRequest.objects.count() == 1


def _token_in(page: str, block_id: str) -> str:
    match = re.search(rf'name="cb-{block_id}-form_started" value="([^"]+)"', page)
    assert match
    return match.group(1)


@override_settings(CMA_WAGTAIL_MIN_FILL_SECONDS=3)
def test_a_form_shown_again_has_a_fresh_token_that_is_not_pre_aged(client, callback_page, blocks):
    data = form_data(blocks[0], callback_page, name="")
    data[f"cb-{blocks[0].id}-form_started"] = timestamp_token(time.time() - 60)
    before = time.time()
    token = _token_in(_page(client.post(SUBMIT, data)), blocks[0].id)
    assert signing.loads(token, salt=TIMESTAMP_SALT)["t"] >= before
    # Sent again at once, the fresh token is too fast: it was not made to look older.
    data = form_data(blocks[0], callback_page)
    data[f"cb-{blocks[0].id}-form_started"] = token
    assert "Vérifiez vos informations puis renvoyez le formulaire" in _page(
        client.post(SUBMIT, data)
    )
