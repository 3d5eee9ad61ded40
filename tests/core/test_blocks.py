import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from wagtail import blocks

from cma_wagtail.blocks import (
    BodyBlock,
    CallToActionBlock,
    HeadingBlock,
    ImageBlock,
    QuoteBlock,
    get_body_block,
)
from tests.factories import ImageFactory


def test_body_block_has_the_basic_blocks():
    names = set(BodyBlock().child_blocks)
    assert {"heading", "paragraph", "image", "quote", "call_to_action"} <= names


def test_heading_renders_its_level():
    block = HeadingBlock()
    html = block.render(block.to_python({"text": "Fonds de solidarité", "level": "h3"}))
    assert html.strip() == '<h3 class="cma-heading cma-heading--h3">Fonds de solidarité</h3>'


def test_quote_renders_author_and_role():
    block = QuoteBlock()
    html = block.render(block.to_python(block.meta.preview_value))
    assert "<blockquote" in html
    assert "Manuela Morgadinho" in html and "présidente de la CMA du Doubs" in html


@pytest.mark.django_db
def test_image_requires_alt_text_unless_decorative():
    block = ImageBlock()
    image = ImageFactory()
    with pytest.raises(ValidationError) as exc:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "decorative": False}))
    assert "alt_text" in exc.value.block_errors
    assert block.clean(block.to_python({"image": image.pk, "decorative": True}))


@pytest.mark.django_db
def test_image_renders_alt_and_api_gives_rendition():
    block = ImageBlock()
    value = block.to_python({"image": ImageFactory().pk, "alt_text": "Masques cousus à l'atelier"})
    html = block.render(value)
    assert 'alt="Masques cousus à l&#x27;atelier"' in html
    api = block.get_api_representation(value)
    assert api["alt"] == "Masques cousus à l'atelier"
    assert ".webp" in api["image"]["srcset"] and api["image"]["width"] > 0


@pytest.mark.django_db
def test_call_to_action_needs_exactly_one_destination(home_page):
    block = CallToActionBlock()
    neither = block.to_python({"heading": "Aide", "link": {}})
    with pytest.raises(ValidationError):
        block.clean(neither)
    both = block.to_python(
        {
            "heading": "Aide",
            "link": {"page": home_page.pk, "url": "https://a.example", "label": "x"},
        }
    )
    with pytest.raises(ValidationError):
        block.clean(both)
    ok = block.clean(block.to_python({"heading": "Aide", "link": {"page": home_page.pk}}))
    html = block.render(ok)
    assert f'href="{home_page.url}"' in html and home_page.title in html
    assert block.get_api_representation(ok)["link"]["page"]["id"] == home_page.pk


def test_every_block_has_a_description_and_icon():
    for name, child in BodyBlock().child_blocks.items():
        assert child.meta.icon, name
        assert child.meta.label, name


class MapBlock(blocks.StructBlock):
    town = blocks.CharBlock()


@override_settings(CMA_WAGTAIL_EXTRA_BODY_BLOCKS=[("map", "tests.core.test_blocks.MapBlock")])
def test_extra_body_blocks_are_appended():
    body = get_body_block()
    assert isinstance(body.child_blocks["map"], MapBlock)
    assert "heading" in body.child_blocks
