"""``NewsAlertsBlock``: the crisis news alerts subscription form, in any page body.

Defined in core, like the callback block, because StreamField definitions must not depend
on INSTALLED_APPS (DESIGN.md rule 2): with ``cma_wagtail.crisis_news`` installed it asks
that app's block-support adapter for its form; without it, it shows a note to editors only and
nothing to visitors, and a system check warns.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..capabilities import block_support
from .callback import json_submit_url
from .support import is_editor_view

__all__ = ["NewsAlertsBlock"]


class NewsAlertsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, default=_("Be told of each new measure")
    )
    intro = blocks.TextBlock(label=_("Introduction"), required=False, max_length=600)
    privacy_notice = blocks.TextBlock(
        label=_("Privacy notice of the alerts"),
        required=False,
        max_length=1000,
        help_text=_(
            "Shown above the consent box, after the standard notice (what the address is "
            "used for, how to unsubscribe, deletion of unconfirmed addresses)."
        ),
    )

    class Meta:
        icon = "mail"
        label = _("Crisis news alerts by email")
        template = "cma_wagtail/blocks/news_alerts_block.html"
        description = _("A form for artisans to subscribe to the crisis news of their topics.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        support = block_support("cma_crisis_news")
        context["alerts_installed"] = support is not None
        context["show_note"] = support is None and is_editor_view(parent_context)
        context["unavailable_note"] = _(
            "Crisis news alerts: hidden because the crisis news application is not installed."
        )
        context["block_id"] = context.get("block_id") or context.get("id") or ""
        if support is not None:
            context.update(support.block_context("alerts", value, context))
        return context

    def get_api_representation(self, value, context=None):
        support = block_support("cma_crisis_news")
        submit_url = support.form_url("alerts") if support is not None else None
        return {
            "heading": str(value.get("heading") or ""),
            "intro": value.get("intro") or "",
            "privacy_notice": value.get("privacy_notice") or "",
            "submit_url": submit_url,
            "api_submit_url": json_submit_url(support, "alerts"),
            "available": submit_url is not None,
        }

    def get_api_schema(self):
        from ..api.block_schemas import CmaNewsAlertsBlock

        return CmaNewsAlertsBlock
