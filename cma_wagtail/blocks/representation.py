"""Helpers shared by the blocks' ``get_api_representation`` and templates.

Headless clients get the same facts a template shows: rendition URLs and sizes rather
than image ids, resolved page URLs, rich text with its internal links expanded.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.template.defaultfilters import filesizeformat
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import RichText, expand_db_html

from ..api.images import IMAGE_RENDITIONS, image_data

__all__ = [
    "PREVIEW_TEMPLATE",
    "IMAGE_RENDITIONS",
    "image_data",
    "page_data",
    "document_data",
    "rich_text_html",
    "json_ld",
]

#: Page the block picker renders previews in: Wagtail's, plus the package's stylesheet.
PREVIEW_TEMPLATE = "cma_wagtail/blocks/preview.html"

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def page_data(page) -> dict | None:
    if page is None:
        return None
    return {"id": page.pk, "title": page.title, "url": page.url}


def document_data(document, title: str = "") -> dict | None:
    if document is None:
        return None
    size = document.get_file_size()
    return {
        "id": document.pk,
        "title": title or document.title,
        "url": document.url,
        "extension": (document.file_extension or "").lower(),
        "size": size,
        "size_display": filesizeformat(size) if size is not None else "",
    }


def rich_text_html(value: RichText | str | None) -> str:
    """Rich text as front-end HTML: ``<a linktype="page" id="3">`` becomes a real link."""
    if value is None:
        return ""
    source = value.source if isinstance(value, RichText) else str(value)
    return expand_db_html(source)


def json_ld(data: Any) -> SafeString:
    """JSON safe to put inside ``<script type="application/ld+json">``.

    ``<``, ``>`` and ``&`` are escaped as JSON unicode escapes (like Django's
    ``json_script``), so an answer containing ``</script>`` cannot end the script element.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped above
