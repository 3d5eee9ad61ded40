"""The taxonomy of initiatives (a snippet): masks, hand sanitiser, food donations…"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class InitiativeCategory(index.Indexed, models.Model):
    class Icon(models.TextChoices):
        MASK = "mask", _("Mask and protective equipment")
        SANITISER = "sanitiser", _("Hand sanitiser")
        FOOD = "food", _("Food")
        VOUCHER = "voucher", _("Voucher")
        DELIVERY = "delivery", _("Delivery")
        HANDS = "hands", _("Mutual aid")
        STAR = "star", _("Other")

    #: The category's icon in the package's sprite (cma_wagtail/icons/sprite.svg).
    SPRITE_ICONS = {
        "mask": "mask",
        "sanitiser": "spray",
        "food": "bread",
        "voucher": "ticket",
        "delivery": "truck-delivery",
        "hands": "heart-handshake",
        "star": "star",
    }

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Used in the address of the filtered list, e.g. “masques-et-equipements”."),
    )
    icon = models.CharField(_("icon"), max_length=20, choices=Icon.choices, default=Icon.STAR)
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first in the filters.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("icon"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("initiative category")
        verbose_name_plural = _("initiative categories")

    def __str__(self) -> str:
        return self.name

    @property
    def sprite_icon(self) -> str:
        return self.SPRITE_ICONS.get(self.icon, "star")
