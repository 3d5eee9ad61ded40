"""What every block of the library owes editors: picker preview, description, icon."""

import pytest
from django.urls import reverse

from cma_wagtail.blocks import BodyBlock
from tests.factories import SuperUserFactory

LIBRARY = [
    "heading",
    "paragraph",
    "image",
    "quote",
    "call_to_action",
    "key_figures",
    "faq",
    "document_list",
    "video",
    "contact",
    "alert",
]


def test_every_library_block_has_a_description_and_a_preview():
    body = BodyBlock()
    for name in LIBRARY:
        block = body.child_blocks[name]
        assert str(block.get_description()), name
        assert block.is_previewable, name
        assert block.meta.template.startswith("cma_wagtail/blocks/"), name


@pytest.mark.django_db
@pytest.mark.parametrize("name", LIBRARY)
def test_block_picker_preview_renders_with_the_package_css(client, name, monkeypatch):
    # The video preview's embed is a provider call: let it fail quietly here.
    from wagtail.embeds.exceptions import EmbedNotFoundException

    def not_found(*args, **kwargs):
        raise EmbedNotFoundException

    monkeypatch.setattr("wagtail.embeds.embeds.get_finder_for_embed", not_found)
    client.force_login(SuperUserFactory())
    block = BodyBlock().child_blocks[name]
    url = reverse("wagtailadmin_block_preview")
    response = client.get(url, {"id": block.definition_prefix})
    assert response.status_code == 200
    html = response.content.decode()
    assert "cma_wagtail/cma_wagtail.css" in html
    assert 'class="w-block-' in html


@pytest.mark.django_db
def test_image_preview_uses_the_latest_image_of_the_library():
    from tests.factories import ImageFactory

    block = BodyBlock().child_blocks["image"]
    assert block.render(block.get_preview_value()).strip() == ""  # no image yet: nothing
    image = ImageFactory(title="Masques cousus à l'atelier")
    html = block.render(block.get_preview_value())
    assert 'alt="Masques cousus à l&#x27;atelier"' in html
    assert block.get_preview_value()["image"] == image
