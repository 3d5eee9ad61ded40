"""CallbackRequestBlock is part of core: it works with or without cma_callbacks installed."""

from unittest import mock

import pytest
from django.test import RequestFactory

from cma_wagtail.blocks import BodyBlock, CallbackRequestBlock, CallbackTeamChooserBlock


def test_body_block_offers_the_callback_block():
    assert isinstance(BodyBlock().child_blocks["callback_request"], CallbackRequestBlock)


@pytest.mark.django_db
def test_without_the_app_the_block_shows_phone_and_hours(chamber, site):
    chamber.opening_hours = [
        {"type": "period", "value": {"days": ["0", "1"], "opens": "08:30:00", "closes": "12:00:00"}}
    ]
    chamber.save()
    block = CallbackRequestBlock()
    value = block.to_python({"heading": "Être rappelé", "topics": ["cash_flow"], "team": 42})
    request = RequestFactory().get("/")
    request.site = site
    with mock.patch("cma_wagtail.blocks.callback.block_support", return_value=None):
        html = block.render(value, {"request": request, "id": "abc"})
    assert "Être rappelé" in html
    assert 'href="tel:+33381212223"' in html and "03 81 21 22 23" in html
    assert "Lundi, Mardi\u00a0: 8\u00a0h\u00a030\u00a0– 12\u00a0h" in html
    assert "<form" not in html


def test_team_chooser_degrades_and_keeps_the_stored_id():
    block = CallbackTeamChooserBlock()
    with mock.patch("cma_wagtail.blocks.callback.block_support", return_value=None):
        assert block.to_python(7) == 7
        assert block.bulk_to_python([7, None]) == [7, None]
        assert block.get_prep_value(7) == 7
        assert block.clean(7) == 7
        assert block.get_form_state(7) == 7
        assert list(block.extract_references(7)) == []


def test_api_representation_hides_the_team():
    block = CallbackRequestBlock()
    value = block.to_python(
        {"heading": "Être rappelé", "topics": ["cash_flow", "training"], "team": None}
    )
    data = block.get_api_representation(value)
    assert "team" not in data
    assert [t["value"] for t in data["topics"]] == ["cash_flow", "training"]
    assert set(data) >= {"heading", "intro", "ask_preferred_slot", "success_message", "submit_url"}


def test_block_definition_is_stable_for_migrations():
    path, args, kwargs = CallbackTeamChooserBlock().deconstruct()
    assert path == "cma_wagtail.blocks.callback.CallbackTeamChooserBlock"


@pytest.mark.django_db
def test_page_with_the_block_saves_without_the_app(home_page):
    from tests.factories import StandardPageFactory

    with mock.patch("cma_wagtail.blocks.callback.block_support", return_value=None):
        page = StandardPageFactory(parent=home_page, slug="rappel")
        page.body = [("callback_request", {"heading": "Rappel", "topics": ["other"], "team": 3})]
        page.save_revision().publish()
        page.refresh_from_db()
        assert page.body[0].value["team"] == 3
