"""The time trap's token: single use, expires within hours, a fresh one when shown again."""

import time
from unittest import mock

import pytest
from django import forms
from django.core import signing
from django.test import override_settings

from cma_wagtail.forms import TIMESTAMP_SALT, AntiSpamFormMixin, timestamp_token

EXPIRED = "Ce formulaire a expiré"


class ContactForm(AntiSpamFormMixin):
    name = forms.CharField()


def _post(token, name="Marie", prefix=None):
    data = {"name": name, "website": "", "form_started": token}
    if prefix:
        data = {f"{prefix}-{key}": value for key, value in data.items()}
    return ContactForm(data=data, prefix=prefix)


def _issued_at(token: str) -> float:
    return signing.loads(token, salt=TIMESTAMP_SALT)["t"]


@pytest.fixture(autouse=True)
def _clear_rate_limit_cache():
    from django.core.cache import cache

    cache.clear()


def test_each_token_is_different_even_at_the_same_instant():
    assert timestamp_token(1000.0) != timestamp_token(1000.0)


def test_a_token_is_spent_by_the_first_accepted_submission():
    token = timestamp_token()
    assert _post(token).is_valid()
    again = _post(token, name="Paul")
    assert not again.is_valid()
    assert EXPIRED in str(again.non_field_errors())


def test_the_same_submission_checked_again_is_not_a_reuse():
    """A wizard validates its first step again on the last one, with the same data."""
    token = timestamp_token()
    assert _post(token).is_valid()
    assert _post(token).is_valid()


def test_a_refused_submission_does_not_spend_its_token():
    token = timestamp_token()
    assert not _post(token, name="").is_valid()
    assert _post(token).is_valid()


def test_two_forms_with_one_token_one_wins():
    token = timestamp_token()
    results = [_post(token, name=name).is_valid() for name in ("A", "B", "C", "D")]
    assert results == [True, False, False, False]


def test_a_token_from_an_older_release_is_still_read_and_single_use():
    token = signing.dumps(time.time() - 10, salt=TIMESTAMP_SALT)
    assert _post(token).is_valid()
    assert not _post(token, name="Paul").is_valid()


def test_max_form_age_defaults_to_four_hours():
    from cma_wagtail.conf import settings as cma_settings

    assert cma_settings.MAX_FORM_AGE == 4 * 60 * 60


def test_a_token_expires_after_max_form_age():
    """Plus the age of a cached copy of its page (PUBLIC_CACHE_MAX_AGE, 60 s)."""
    token = timestamp_token()
    later = time.time() + 4 * 60 * 60 + 60 + 5
    with mock.patch("time.time", return_value=later):
        form = _post(token)
        assert not form.is_valid()
    assert EXPIRED in str(form.non_field_errors())
    with mock.patch("time.time", return_value=time.time() + 3 * 60 * 60):
        assert _post(token).is_valid()


@override_settings(CMA_WAGTAIL_MIN_FILL_SECONDS=3)
def test_a_form_shown_again_gets_a_fresh_token_that_is_not_pre_aged():
    form = _post(timestamp_token(time.time() - 10), name="")
    assert not form.is_valid()
    before = time.time()
    form.refresh_timestamp()
    token = form.data["form_started"]
    assert _issued_at(token) >= before
    # sent at once, it is too fast: nothing made it look older than it is
    assert "trop rapidement" in str(_post(token).non_field_errors())


def test_a_spent_token_is_replaced_in_the_form_shown_again():
    token = timestamp_token()
    assert _post(token, prefix="cb").is_valid()
    again = _post(token, name="Paul", prefix="cb")
    assert not again.is_valid()
    fresh = again.data["cb-form_started"]
    assert fresh != token
    assert _post(fresh, name="Paul", prefix="cb").is_valid()
