"""Blocks of a chamber's own site: one new block, one subclass of a library block."""

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cma_wagtail.blocks import QuoteBlock


class EventMapValue(blocks.StructValue):
    @property
    def map_url(self) -> str:
        lat, lon = self.get("latitude"), self.get("longitude")
        query = urlencode({"mlat": lat, "mlon": lon})
        return f"https://www.openstreetmap.org/?{query}#map=16/{lat}/{lon}"


class EventMapBlock(blocks.StructBlock):
    """Where an event takes place: the address and a link to the map (no script, no iframe)."""

    place = blocks.CharBlock(label=_("Place"), max_length=120)
    address = blocks.TextBlock(label=_("Address"))
    latitude = blocks.DecimalBlock(label=_("Latitude"), min_value=-90, max_value=90)
    longitude = blocks.DecimalBlock(label=_("Longitude"), min_value=-180, max_value=180)

    class Meta:
        icon = "site"
        label = _("Event map")
        template = "testapp/blocks/event_map_block.html"
        description = _("The place of an event with a link to its map.")
        value_class = EventMapValue
        preview_value = {
            "place": "Chambre de Métiers du Doubs",
            "address": "19 rue des Granges, 25000 Besançon",
            "latitude": "47.2380",
            "longitude": "6.0243",
        }

    def get_api_schema(self):
        # Lazily: pydantic ships with Wagtail 8's API v3 only.
        from pydantic import BaseModel, ConfigDict

        class EventMap(BaseModel):
            model_config = ConfigDict(extra="forbid")
            place: str
            address: str
            latitude: float
            longitude: float
            map_url: str

        return EventMap

    def get_api_representation(self, value, context=None):
        return {
            "place": value["place"],
            "address": value["address"],
            "latitude": float(value["latitude"]),
            "longitude": float(value["longitude"]),
            "map_url": value.map_url,
        }


class PressQuoteBlock(QuoteBlock):
    """A library block subclassed: same fields and validation, a site-specific template."""

    class Meta:
        label = _("Press quote")
        template = "testapp/blocks/testimonial_block.html"
