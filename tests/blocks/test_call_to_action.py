import pytest
from django.core.exceptions import ValidationError

from cma_wagtail.blocks import CallToActionBlock
from tests.factories import ImageFactory


@pytest.mark.django_db
def test_call_to_action_with_second_button_and_image(home_page):
    block = CallToActionBlock()
    image = ImageFactory()
    value = block.clean(
        block.to_python(
            {
                "heading": "Besoin d'aide ?",
                "link": {"page": home_page.pk, "label": "Être rappelé"},
                "secondary_link": {"url": "https://cma.example/faq/", "label": "Lire la FAQ"},
                "image": image.pk,
                "style": "urgent",
            }
        )
    )
    html = block.render(value)
    assert (
        f'<a class="cma-button cma-button--urgent" href="{home_page.url}">Être rappelé</a>' in html
    )
    assert (
        '<a class="cma-button cma-button--secondary" href="https://cma.example/faq/">Lire la FAQ</a>'
        in html
    )
    assert 'class="cma-cta__image"' in html and 'alt=""' in html
    api = block.get_api_representation(value)
    assert api["link"] == {
        "url": home_page.url,
        "text": "Être rappelé",
        "page": {"id": home_page.pk, "title": home_page.title, "url": home_page.url},
    }
    assert api["secondary_link"]["url"] == "https://cma.example/faq/"
    assert ".webp" in api["image"]["srcset"] and api["image"]["alt"] == ""
    assert api["style"] == "urgent"


@pytest.mark.django_db
def test_call_to_action_stored_before_the_variants_still_loads(home_page):
    """Values saved before secondary_link and image existed load, validate and render."""
    block = CallToActionBlock()
    old = {"heading": "Aide", "text": "", "link": {"page": home_page.pk}, "style": "primary"}
    value = block.clean(block.to_python(old))
    html = block.render(value)
    assert html.count('class="cma-button') == 1 and "cma-cta__image" not in html
    api = block.get_api_representation(value)
    assert api["secondary_link"] is None and api["image"] is None


def test_incomplete_second_button_is_refused():
    block = CallToActionBlock()
    value = block.to_python(
        {
            "heading": "Aide",
            "link": {"url": "https://a.example", "label": "Aide"},
            "secondary_link": {"url": "https://b.example"},
        }
    )
    with pytest.raises(ValidationError) as exc:
        block.clean(value)
    assert "label" in exc.value.block_errors["secondary_link"].block_errors
