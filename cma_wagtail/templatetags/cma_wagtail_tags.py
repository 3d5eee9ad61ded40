"""Template tags of cma-wagtail: ``{% load cma_wagtail_tags %}``."""

from __future__ import annotations

import hashlib

from django import template

from ..models import ChamberSettings
from ..validators import format_phone_national

register = template.Library()


def _chamber(context) -> ChamberSettings | None:
    request = context.get("request")
    if request is None:
        return None
    # for_request caches the instance on the request: one query per request at most.
    return ChamberSettings.for_request(request)


@register.simple_tag(takes_context=True)
def cma_chamber(context) -> ChamberSettings | None:
    """``{% cma_chamber as chamber %}``: the ChamberSettings of the current site."""
    return _chamber(context)


@register.inclusion_tag("cma_wagtail/includes/crisis_banner.html", takes_context=True)
def cma_crisis_banner(context) -> dict:
    """The site-wide crisis banner, rendered only when crisis mode is on.

    ``dismiss_key`` changes with the message: a reader who hid the banner sees it again
    when the chamber publishes a new message.
    """
    chamber = _chamber(context)
    message = chamber.crisis_banner_message if chamber is not None else ""
    return {
        "chamber": chamber,
        "request": context.get("request"),
        "dismiss_key": hashlib.sha256(message.encode()).hexdigest()[:12],
    }


@register.inclusion_tag("cma_wagtail/includes/form_field.html")
def cma_field(field) -> dict:
    return {"field": field}


@register.filter
def phone_display(value: str) -> str:
    """``"+33381212223"|phone_display`` → ``"03 81 21 22 23"``."""
    return format_phone_national(value or "")


@register.simple_tag(takes_context=True)
def cma_card(context, item) -> str:
    """``{% cma_card item %}`` in a listing block's template: one item's card.

    The template and the item's name in it come from the capability's block-support
    adapter (``card_template`` and ``card_item_name`` in the block's context), so core's
    listing templates hold no capability markup.
    """
    template_name = context.get("card_template")
    if not template_name:
        return ""
    card = context.template.engine.get_template(template_name)
    with context.push(item=item, **{context.get("card_item_name") or "item": item}):
        return card.render(context)
