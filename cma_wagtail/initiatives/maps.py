"""The interactive map of the initiatives: what its templates hand to ``cma_map.js``.

The map is a progressive enhancement of the list: the page renders the list and filters,
and, when a tile layer is configured (``CMA_WAGTAIL_MAP_TILES``), a hidden map box that the
script shows once Leaflet (vendored in ``static/cma_wagtail/vendor/leaflet/``) and
``map.json`` have loaded. Without JavaScript, without tiles or when ``map.json`` fails, the
box stays hidden and the list is the whole page.
"""

from __future__ import annotations

from django.utils.translation import gettext

from ..conf import settings as cma_settings


def tile_layer() -> dict | None:
    """The configured tile layer, or None when the site shows no map."""
    tiles = cma_settings.MAP_TILES
    if not tiles or not tiles.get("url"):
        return None
    return {
        "url": tiles["url"],
        "attribution": tiles.get("attribution", ""),
        "max_zoom": int(tiles.get("max_zoom", 19)),
    }


def map_options(url: str, *, focus: int | None = None, center=None) -> dict | None:
    """The JSON options of one map: where its GeoJSON is, the tiles, the labels (in the
    request's language) and, on an initiative's page, the feature to centre on."""
    tiles = tile_layer()
    if tiles is None:
        return None
    return {
        "url": url,
        "tiles": tiles,
        "focus": focus,
        "center": center,
        "labels": {
            "zoom_in": gettext("Zoom in"),
            "zoom_out": gettext("Zoom out"),
            "close": gettext("Close the popup"),
            "here": gettext("This initiative"),
        },
    }
