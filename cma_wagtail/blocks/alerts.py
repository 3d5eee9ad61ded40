"""``NewsAlertsBlock``: the crisis news alerts subscription form, in any page body.

Defined in core, like the callback block, because StreamField definitions must not depend
on INSTALLED_APPS (DESIGN.md rule 2): with ``cma_wagtail.crisis_news`` installed it asks
that app (imported lazily) for its form; without it, it shows a note to editors only and
nothing to visitors, and a system check warns.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..capabilities import is_installed
from . import listing_data as data
from .callback import json_submit_url

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
        context["alerts_installed"] = is_installed("cma_crisis_news")
        context["show_note"] = not context["alerts_installed"] and data.is_editor_view(
            parent_context
        )
        context["unavailable_note"] = _(
            "Crisis news alerts: hidden because the crisis news application is not installed."
        )
        context["block_id"] = context.get("block_id") or context.get("id") or ""
        if context["alerts_installed"]:
            from cma_wagtail.crisis_news.block_support import get_block_context

            context.update(get_block_context(value, context))
        return context

    def get_api_representation(self, value, context=None):
        submit_url = None
        if is_installed("cma_crisis_news"):
            from cma_wagtail.crisis_news.block_support import api_submit_url

            submit_url = api_submit_url()
        return {
            "heading": str(value.get("heading") or ""),
            "intro": value.get("intro") or "",
            "privacy_notice": value.get("privacy_notice") or "",
            "submit_url": submit_url,
            "api_submit_url": json_submit_url("cma/crisis-news/subscriptions/", "cma_crisis_news"),
            "available": submit_url is not None,
        }

    def get_api_schema(self):
        from ..api.block_schemas import CmaNewsAlertsBlock

        return CmaNewsAlertsBlock
