"""Template tags of crisis news: ``{% load cma_crisis_news_tags %}``."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from ..jsonld import json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def cma_news_json_ld(context, page) -> SafeString:
    """``{% cma_news_json_ld page %}``: the page's schema.org JSON-LD in a script element."""
    return json_ld_script(page.get_json_ld(context.get("request")))
