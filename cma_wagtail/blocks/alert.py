"""A callout for information, a warning or an urgent message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .representation import PREVIEW_TEMPLATE, rich_text_html

__all__ = ["AlertBlock", "ALERT_LEVELS"]

ALERT_LEVELS = [
    ("info", _("Information")),
    ("warning", _("Warning")),
    ("urgent", _("Urgent")),
]

#: The word shown before the title, so that the level never depends on colour alone.
ALERT_PREFIXES = {
    "info": _("Information:"),
    "warning": _("Warning:"),
    "urgent": _("Urgent:"),
}

#: ARIA role per level. ``alert`` makes screen readers interrupt the user to read the
#: message as soon as the page loads: right for an urgent message, too loud for the others.
#: ``note`` marks the others as a parenthetical aside; ``status`` is not used because it is a
#: live region meant for messages that change while the page is open.
ALERT_ROLES = {"info": "note", "warning": "note", "urgent": "alert"}


class AlertBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(label=_("Level"), choices=ALERT_LEVELS, default="info")
    title = blocks.CharBlock(label=_("Title"), max_length=150)
    text = blocks.RichTextBlock(
        label=_("Text"), features=["bold", "italic", "link", "document-link", "ul"], required=False
    )

    class Meta:
        icon = "warning"
        label = _("Alert")
        template = "cma_wagtail/blocks/alert_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _(
            "A framed message: information, warning, or urgent (read out at once by screen "
            "readers; use sparingly)."
        )
        preview_value = {
            "level": "warning",
            "title": "Nos locaux sont fermés au public",
            "text": "<p>La cellule de crise reste joignable par téléphone du lundi au "
            "vendredi.</p>",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        level = value.get("level") or "info"
        context["role"] = ALERT_ROLES.get(level, "note")
        context["prefix"] = ALERT_PREFIXES.get(level, ALERT_PREFIXES["info"])
        return context

    def get_api_schema(self):
        from ..api.block_schemas import CmaAlertBlock

        return CmaAlertBlock

    def get_api_representation(self, value, context=None):
        level = value.get("level") or "info"
        return {
            "level": level,
            "role": ALERT_ROLES.get(level, "note"),
            "title": value.get("title") or "",
            "text": rich_text_html(value.get("text")),
        }
