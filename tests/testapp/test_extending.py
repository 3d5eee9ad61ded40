"""The documented ways to extend the library (docs/extending.md), exercised for real."""

from copy import deepcopy
from io import StringIO
from pathlib import Path

import pytest
import swapper
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from cma_wagtail.blocks import AlertBlock, BodyBlock, QuoteBlock
from example_site.home.models import HomePage, StandardPage
from tests.testapp.blocks import EventMapBlock, PressQuoteBlock

Page = swapper.load_model("wagtailcore", "Page")

EVENT = {
    "place": "Chambre de Métiers du Doubs",
    "address": "19 rue des Granges\n25000 Besançon",
    "latitude": "47.2380",
    "longitude": "6.0243",
}


def test_the_setting_adds_the_block_to_every_body_field():
    for model in (HomePage, StandardPage):
        stream = model._meta.get_field("body").stream_block
        assert isinstance(stream, BodyBlock), model
        assert isinstance(stream.child_blocks["event_map"], EventMapBlock), model
        # Appended after the library's own blocks.
        assert list(stream.child_blocks)[-1] == "event_map"
    assert "event_map" not in BodyBlock().child_blocks


@pytest.mark.django_db
def test_custom_block_round_trips_through_a_saved_page(home_page, client):
    home_page.body = [
        ("event_map", EVENT),
        ("alert", {"level": "info", "title": "Réunion d'information", "text": ""}),
    ]
    home_page.save_revision().publish()

    page = Page.objects.get(pk=home_page.pk).specific
    block = page.body[0]
    assert block.block_type == "event_map"
    assert str(block.value["latitude"]) == "47.2380"

    html = client.get(page.url).content.decode()
    assert '<section class="site-event-map">' in html
    assert "19 rue des Granges<br>25000 Besançon" in html
    assert "https://www.openstreetmap.org/?mlat=47.2380&amp;mlon=6.0243" in html
    assert 'class="cma-alert cma-alert--info"' in html

    api = page.body.stream_block.get_api_representation(page.body)
    assert api[0]["type"] == "event_map"
    assert api[0]["value"]["latitude"] == pytest.approx(47.238)
    assert api[1]["value"]["role"] == "note"


@pytest.mark.django_db
def test_extra_blocks_create_no_migration():
    """The package's migrations carry no block definitions, so this stays clean."""
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_subclassed_block_keeps_validation_and_uses_its_template():
    block = PressQuoteBlock()
    assert isinstance(block, QuoteBlock)
    assert set(block.child_blocks) == set(QuoteBlock().child_blocks)
    html = block.render(block.to_python({"quote": "Merci à la CMA\u00a0!", "author": "Trimadel"}))
    assert '<figure class="site-testimonial">' in html and "— Trimadel" in html
    assert block.meta.icon == QuoteBlock().meta.icon  # Meta is inherited, then overridden


def _templates_with_site_dir():
    templates = deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [Path(__file__).parent / "site_templates", *templates[0]["DIRS"]]
    return templates


def test_a_package_template_is_overridden_by_path():
    block = AlertBlock()
    value = block.to_python({"level": "urgent", "title": "Fermeture exceptionnelle"})
    assert 'class="cma-alert' in block.render(value)
    with override_settings(TEMPLATES=_templates_with_site_dir()):
        html = block.render(value)
    assert '<aside class="site-alert site-alert--urgent" role="alert">' in html
    assert "<strong>Urgent\u00a0:</strong> Fermeture exceptionnelle" in html
