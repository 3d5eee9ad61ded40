"""Key figures: 2 to 4 numbers that tell the crisis at a glance, some of them live counts."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .representation import PREVIEW_TEMPLATE
from .support import live_count

__all__ = ["KeyFigureBlock", "KeyFiguresBlock", "LIVE_SOURCES"]

logger = logging.getLogger(__name__)

#: Counts a figure can show instead of a typed value (fixed: choices are in the block
#: definition, so they do not depend on INSTALLED_APPS — DESIGN rule 2). The capability that
#: counts a source lists it in its adapter's ``live_sources``.
LIVE_SOURCES = [
    ("", _("None: show the value typed above")),
    ("callbacks_artisans_called_back", _("Artisans called back since a date")),
]


def _live_count(source: str, since: dt.date, site=None) -> int | None:
    """The current count of ``source``, or None when no installed capability counts it
    (each declares its ``live_sources`` on its block-support adapter)."""
    return live_count(source, since, site=site)


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(
        label=_("Value"),
        max_length=20,
        required=False,
        help_text=_("E.g. “1 200” or “48 h”. For a live count, shown if the count is unavailable."),
    )
    label = blocks.CharBlock(
        label=_("Label"), max_length=120, help_text=_("E.g. “artisans called back”.")
    )
    source = blocks.CharBlock(
        label=_("Source"),
        max_length=200,
        required=False,
        help_text=_("Where the figure comes from, e.g. “Urssaf, April 2020”."),
    )
    live_source = blocks.ChoiceBlock(
        label=_("Live count"),
        choices=LIVE_SOURCES,
        required=False,
        default="",
        help_text=_("Replace the value by a count kept up to date by the site."),
    )
    since = blocks.DateBlock(label=_("Counted since"), required=False)

    class Meta:
        icon = "order"
        label = _("Key figure")
        form_classname = "cma-key-figure"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value.get("live_source"):
            if not value.get("since"):
                errors["since"] = ValidationError(_("A live count needs the date it starts from."))
        elif not (value.get("value") or "").strip():
            errors["value"] = ValidationError(_("Enter the figure, or choose a live count."))
        if errors:
            raise StructBlockValidationError(errors)
        return value

    def resolve(self, value, site=None) -> dict:
        """What a visitor sees: the live count when available, else the typed value."""
        shown, live = value.get("value") or "", False
        if value.get("live_source") and value.get("since"):
            try:
                count = _live_count(value["live_source"], value["since"], site=site)
            except Exception:  # a broken count must not break the page
                logger.exception("Live count %s failed", value["live_source"])
                count = None
            if count is not None:
                shown, live = formats.number_format(count, force_grouping=True), True
        return {
            "value": shown,
            "label": value.get("label") or "",
            "source": value.get("source") or "",
            "live": live,
            "since": value.get("since"),
        }


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120, required=False)
    figures = blocks.ListBlock(
        KeyFigureBlock(), min_num=2, max_num=4, label=_("Figures"), collapsed=False
    )

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "cma_wagtail/blocks/key_figures_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _(
            "Two to four figures with their label and source; one can be a live count "
            "of the artisans called back."
        )
        preview_value = {
            "heading": "La cellule de crise en chiffres",
            "figures": [
                {"value": "23", "label": "agents de la cellule de crise en télétravail"},
                {"value": "600+", "label": "artisans en contact avec la CMA depuis le 16 mars"},
                {"value": "9", "label": "participants par module « Maintenir le cap ! »"},
            ],
        }

    def _site(self, context):
        request = (context or {}).get("request")
        if request is None:
            return None
        from wagtail.models import Site

        return Site.find_for_request(request)

    def resolved_figures(self, value, context=None) -> list[dict]:
        child = self.child_blocks["figures"].child_block
        site = self._site(context)
        figures = [child.resolve(figure, site=site) for figure in value.get("figures") or []]
        return [figure for figure in figures if figure["value"]]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["figures"] = self.resolved_figures(value, parent_context)
        return context

    def get_api_schema(self):
        from ..api.block_schemas import CmaKeyFiguresBlock

        return CmaKeyFiguresBlock

    def get_api_representation(self, value, context=None):
        return {
            "heading": value.get("heading") or "",
            "figures": [
                {**figure, "since": figure["since"].isoformat() if figure["since"] else None}
                for figure in self.resolved_figures(value, context)
            ],
        }
