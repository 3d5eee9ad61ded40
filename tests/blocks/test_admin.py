"""Editors can open and save a page whose body uses every block of the library."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from tests.factories import DocumentFactory, ImageFactory, SuperUserFactory

VIDEO_URL = "https://www.youtube.com/watch?v=cma-admin"


@pytest.fixture
def full_body(home_page):
    document = DocumentFactory(file=ContentFile(b"x" * 100, name="attestation.pdf"))
    Embed.objects.create(
        url=VIDEO_URL, hash=get_embed_hash(VIDEO_URL), type="video", html="<iframe></iframe>"
    )
    return [
        ("alert", {"level": "urgent", "title": "Fermé", "text": "<p>Appelez-nous.</p>"}),
        (
            "key_figures",
            {"figures": [{"value": "23", "label": "agents"}, {"value": "9", "label": "places"}]},
        ),
        (
            "call_to_action",
            {
                "heading": "Aide",
                "link": {"page": home_page.pk, "label": "Être rappelé"},
                "secondary_link": {"url": "https://a.example/faq/", "label": "FAQ"},
                "image": ImageFactory().pk,
                "style": "secondary",
            },
        ),
        ("faq", {"items": [{"question": "Qui ?", "answer": "<p>Tous.</p>"}]}),
        ("document_list", {"documents": [{"document": document.pk}]}),
        ("video", {"video": VIDEO_URL, "title": "Vidéo", "transcript": "<p>Texte.</p>"}),
        ("contact", {"heading": "Contact"}),
    ]


@pytest.mark.django_db
def test_the_page_editor_opens_and_publishes_a_body_with_every_block(
    client, home_page, full_body, chamber
):
    client.force_login(SuperUserFactory())
    home_page.body = [{"type": name, "value": value} for name, value in full_body]
    home_page.body.stream_block.clean(home_page.body)  # every block validates
    home_page.save_revision().publish()
    edit_url = reverse("wagtailadmin_pages:edit", args=[home_page.pk])
    response = client.get(edit_url)
    assert response.status_code == 200
    html = response.content.decode()
    # The stream editor's definitions (telepath JSON) carry every block with its French label.
    for label in ("Chiffres cl\\u00e9s", "Questions-r\\u00e9ponses", "Coordonn\\u00e9es"):
        assert label in html, label

    page_html = client.get(home_page.url).content.decode()
    for css_class in (
        "cma-alert--urgent",
        "cma-key-figures",
        "cma-cta--secondary",
        "cma-faq",
        "cma-documents",
        "cma-video",
        "cma-contact",
    ):
        assert css_class in page_html, css_class
    assert "tel:+33381212223" in page_html  # contact block defaulted from the chamber settings
