"""How to reach the chamber: phone, email, address and hours, defaulting to its settings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from ..opening_hours import WEEKDAYS
from ..typography import format_time_range
from ..validators import format_phone_national, to_e164
from .representation import PREVIEW_TEMPLATE

__all__ = ["ContactBlock", "describe_opening_hours"]

_DAY_NAMES = dict(WEEKDAYS)


def _day_range(days: list[int]) -> str:
    """[0, 1, 2, 4] → "Monday – Wednesday, Friday" (consecutive days as ranges)."""
    groups: list[list[int]] = []
    for day in sorted(days):
        if groups and day == groups[-1][-1] + 1:
            groups[-1].append(day)
        else:
            groups.append([day])
    parts = []
    for group in groups:
        first, last = str(_DAY_NAMES[str(group[0])]), str(_DAY_NAMES[str(group[-1])])
        parts.append(first if len(group) == 1 else f"{first} – {last}")
    return ", ".join(parts)


def describe_opening_hours(opening_hours, note: str = "") -> list[str]:
    """Opening periods as readable lines, one per set of days.

    Two periods on the same days (morning and afternoon) share a line:
    "lundi – vendredi : 8 h 30 – 12 h, 13 h 30 – 17 h 30".
    """
    by_days: dict[tuple[int, ...], list[str]] = {}
    for child in opening_hours or []:
        period = child.value
        days = tuple(sorted(int(day) for day in period["days"] or []))
        if not days or not period["opens"] or not period["closes"]:
            continue
        by_days.setdefault(days, []).append(format_time_range(period["opens"], period["closes"]))
    lines = [
        _("%(days)s: %(hours)s") % {"days": _day_range(list(days)), "hours": ", ".join(hours)}
        for days, hours in by_days.items()
    ]
    if note:
        lines.append(note)
    return lines


class ContactBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, required=False, help_text=_("E.g. “Contact us”.")
    )
    phone = blocks.CharBlock(label=_("Phone number"), max_length=30, required=False)
    email = blocks.EmailBlock(label=_("Email address"), required=False)
    address = blocks.TextBlock(label=_("Postal address"), required=False)
    hours = blocks.TextBlock(
        label=_("Opening hours"),
        required=False,
        help_text=_("One line per group of days, e.g. “Monday – Friday: 9 am – 5 pm”."),
    )
    use_chamber_settings = blocks.BooleanBlock(
        label=_("Fill empty fields from the chamber settings"),
        required=False,
        default=True,
        help_text=_("Phone, email, address and hours set in Settings → Chamber settings."),
    )

    class Meta:
        icon = "mail"
        label = _("Contact details")
        template = "cma_wagtail/blocks/contact_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _(
            "Phone, email, address and opening hours; empty fields show the chamber's own."
        )
        preview_value = {
            "heading": "Contacter la cellule de crise",
            "phone": "+33381212223",
            "email": "economie@cma-doubs.example",
            "address": "19 rue des Granges\n25000 Besançon",
            "hours": "Du lundi au vendredi : 8 h 30 – 12 h, 13 h 30 – 17 h",
            "use_chamber_settings": False,
        }

    def clean(self, value):
        value = super().clean(value)
        if value.get("phone"):
            try:
                value["phone"] = to_e164(value["phone"])
            except ValidationError as exc:
                raise StructBlockValidationError({"phone": exc}) from exc
        return value

    def contact(self, value, context=None) -> dict:
        """The details to show: the block's own, completed from ChamberSettings."""
        phone = value.get("phone") or ""
        email = value.get("email") or ""
        address = value.get("address") or ""
        hours = [line for line in (value.get("hours") or "").splitlines() if line.strip()]
        request = (context or {}).get("request")
        if value.get("use_chamber_settings") and request is not None:
            from ..models import ChamberSettings

            chamber = ChamberSettings.for_request(request)
            phone = phone or chamber.phone
            email = email or chamber.email
            address = address or chamber.address
            hours = hours or describe_opening_hours(
                chamber.opening_hours, chamber.opening_hours_note
            )
        return {
            "heading": value.get("heading") or "",
            "phone": phone,
            "phone_display": format_phone_national(phone) if phone else "",
            "email": email,
            "address": address,
            "hours": [str(line) for line in hours],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["contact"] = self.contact(value, parent_context)
        return context

    def get_api_schema(self):
        from ..api.block_schemas import CmaContactBlock

        return CmaContactBlock

    def get_api_representation(self, value, context=None):
        return self.contact(value, context)
