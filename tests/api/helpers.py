"""Data builders shared by the headless API tests."""

import time

from django.core import signing

V3 = "/api/v3/cma"


def form_started(seconds_ago: float = 60) -> str:
    """A time-trap token as ``GET /cma/form-token/`` gives, issued ``seconds_ago``."""
    from cma_wagtail.forms import TIMESTAMP_SALT

    return signing.dumps(time.time() - seconds_ago, salt=TIMESTAMP_SALT)


def body_with_blocks(image, document, page, *, every_block: bool = False) -> list:
    """Raw body data using an image, a page link and a document (and, with ``every_block``,
    every block type of the library and the test site's extra block)."""
    from tests.factories import callback_block_value

    body = [
        {"type": "image", "value": {"image": image.pk, "alt_text": "Un atelier", "caption": ""}},
        {
            "type": "call_to_action",
            "value": {
                "heading": "Besoin d'aide ?",
                "text": "Un conseiller vous rappelle.",
                "link": {"page": page.pk, "url": "", "label": ""},
                "secondary_link": {"page": None, "url": "", "label": ""},
                "image": image.pk,
                "style": "primary",
            },
        },
        {
            "type": "document_list",
            "value": {"heading": "À télécharger", "documents": [{"document": document.pk}]},
        },
    ]
    if every_block:
        body += [
            {"type": "heading", "value": {"text": "Maintenir le cap !", "level": "h2"}},
            {
                "type": "paragraph",
                "value": f'<p>Voir <a linktype="page" id="{page.pk}">ici</a></p>',
            },
            {
                "type": "quote",
                "value": {"quote": "Ils sont là pour ça !", "author": "", "role": ""},
            },
            {
                "type": "key_figures",
                "value": {
                    "heading": "En chiffres",
                    "figures": [
                        {"value": "23", "label": "agents", "source": "", "live_source": ""},
                        {
                            "value": "",
                            "label": "artisans rappelés",
                            "live_source": "callbacks_artisans_called_back",
                            "since": "2020-03-16",
                        },
                    ],
                },
            },
            {
                "type": "faq",
                "value": {
                    "heading": "Questions",
                    "items": [{"question": "Qui ?", "answer": "<p>Les artisans.</p>"}],
                    "structured_data": True,
                },
            },
            {
                "type": "video",
                "value": {
                    "video": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                    "title": "Le diagnostic",
                    "transcript": "<p>Bonjour.</p>",
                },
            },
            {
                "type": "contact",
                "value": {"heading": "Contact", "phone": "", "use_chamber_settings": True},
            },
            {"type": "alert", "value": {"level": "urgent", "title": "Fermé", "text": "<p>x</p>"}},
            {"type": "callback_request", "value": callback_block_value()},
            {
                "type": "news_alerts",
                "value": {"heading": "Alertes", "intro": "", "privacy_notice": ""},
            },
            {"type": "latest_news", "value": {"heading": "Actualités", "number": 3}},
            {"type": "initiatives", "value": {"heading": "Initiatives", "number": 3}},
            {"type": "upcoming_sessions", "value": {"heading": "Sessions", "number": 3}},
            {
                "type": "initiative_proposal",
                "value": {"heading": "Proposez", "text": "", "button_label": "Proposer"},
            },
            {
                "type": "event_map",
                "value": {
                    "place": "CMA",
                    "address": "19 rue des Granges",
                    "latitude": "47.238",
                    "longitude": "6.0243",
                },
            },
        ]
    return body
