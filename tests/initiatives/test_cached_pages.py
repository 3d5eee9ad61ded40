"""Initiatives' public pages are shared; the proposal form works from a cached copy."""

import time
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client

from cma_wagtail.initiatives.models import InitiativeProposal
from tests.cache_helpers import (
    CROSS_SITE,
    SAME_ORIGIN,
    assert_not_shared,
    assert_shared,
    token_from,
)
from tests.factories import InitiativePageFactory, SuperUserFactory

from .test_proposals import URL, _data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_index_page_and_map_are_shared(client, index_page, categories, chamber):
    page = InitiativePageFactory(parent=index_page, title="Au Cœur du Tricot")
    for url in (index_page.url, index_page.url + "?category=masques", page.url):
        assert_shared(client.get(url))
    assert_shared(client.get(index_page.url + "map.json"))


def test_an_editor_gets_them_private(client, index_page):
    client.force_login(SuperUserFactory())
    assert_not_shared(client.get(index_page.url))
    assert_not_shared(client.get(URL))


def test_the_proposal_form_from_a_cached_copy(client, index_page, categories, chamber):
    page = client.get(URL)
    assert_shared(page)
    token = token_from(page.content.decode())
    browser = Client(enforce_csrf_checks=True)
    with mock.patch("time.time", return_value=time.time() + 20 * 60):
        response = browser.post(URL, _data(categories, form_started=token), **SAME_ORIGIN)
    assert response.status_code == 302, response.content.decode()[:300]
    assert InitiativeProposal.objects.count() == 1
    replay = browser.post(URL, _data(categories, form_started=token, town="Pontarlier"))
    assert "Ce formulaire a expiré" in replay.content.decode()
    assert_not_shared(replay)
    assert InitiativeProposal.objects.count() == 1


def test_a_cross_site_proposal_is_refused(client, index_page, categories):
    token = token_from(client.get(URL).content.decode())
    response = Client().post(URL, _data(categories, form_started=token), **CROSS_SITE)
    assert response.status_code == 403
    assert "envoyé depuis un autre site" in response.content.decode()
    assert InitiativeProposal.objects.count() == 0
