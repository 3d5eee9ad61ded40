"""The interactive map: a hidden box the script fills from map.json, over a list that is
the whole page without it; initiatives without coordinates skipped by the map, kept in the
list; tiles from CMA_WAGTAIL_MAP_TILES."""

import json
import re
from decimal import Decimal

import pytest
from django.contrib.staticfiles import finders

from tests.factories import InitiativePageFactory


@pytest.fixture
def two_initiatives(index_page):
    return (
        InitiativePageFactory(
            parent=index_page,
            title="Au Cœur du Tricot",
            town="Montperreux",
            postcode="25160",
            latitude=Decimal("46.826000"),
            longitude=Decimal("6.350000"),
        ),
        InitiativePageFactory(
            parent=index_page, title="Trimadel", town="Besançon", postcode="25000"
        ),  # no coordinates
    )


def _options(html: str) -> dict:
    match = re.search(r'<script id="cma-map-options" type="application/json">(.*?)</script>', html)
    assert match, "no map options on the page"
    return json.loads(match.group(1))


def test_index_has_a_hidden_map_over_the_list_and_the_map_skips_pages_without_coordinates(
    client, index_page, two_initiatives
):
    html = client.get(index_page.url).content.decode()
    # The box is hidden until the script has drawn the map: without JavaScript, the list.
    assert re.search(r'<div class="cma-map" data-cma-map="cma-map-options" hidden>', html)
    assert html.index('class="cma-map"') < html.index('class="cma-cards cma-initiatives__list"')
    assert "vendor/leaflet/leaflet.js" in html and "cma_map.js" in html
    assert "https://unpkg" not in html and "cdn" not in html.lower()
    options = _options(html)
    assert options["url"] == index_page.url + "map.json"
    assert options["tiles"]["url"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert "OpenStreetMap" in options["tiles"]["attribution"]
    assert options["labels"]["zoom_in"] == "Zoomer"  # French labels for Leaflet's buttons
    # Both stay in the list; only the one with coordinates is on the map.
    assert "Au Cœur du Tricot" in html and "Trimadel" in html
    titles = [f["properties"]["title"] for f in client.get(options["url"]).json()["features"]]
    assert titles == ["Au Cœur du Tricot"]


def test_the_map_follows_the_filters(client, index_page, two_initiatives):
    html = client.get(index_page.url, {"departement": "25", "q": "tricot"}).content.decode()
    url = _options(html)["url"]
    assert url.startswith(index_page.url + "map.json?") and "q=tricot" in url
    assert [f["properties"]["town"] for f in client.get(url).json()["features"]] == ["Montperreux"]


def test_an_initiative_with_coordinates_has_a_map_centred_on_it(client, two_initiatives):
    tricot, trimadel = two_initiatives
    options = _options(client.get(tricot.url).content.decode())
    assert options["focus"] == tricot.pk
    assert options["center"] == [46.826, 6.35]
    assert options["url"] == tricot.get_parent().url + "map.json"
    # Without coordinates: no map at all, the page is unchanged.
    assert 'id="cma-map-options"' not in client.get(trimadel.url).content.decode()


def test_tiles_come_from_the_setting_and_none_turns_the_map_off(
    client, index_page, two_initiatives, settings
):
    settings.CMA_WAGTAIL_MAP_TILES = {
        "url": "https://tuiles.example/{z}/{x}/{y}.png",
        "attribution": "© Tuiles",
    }
    tiles = _options(client.get(index_page.url).content.decode())["tiles"]
    assert tiles == {
        "url": "https://tuiles.example/{z}/{x}/{y}.png",
        "attribution": "© Tuiles",
        "max_zoom": 19,
    }
    settings.CMA_WAGTAIL_MAP_TILES = None
    html = client.get(index_page.url).content.decode()
    assert "data-cma-map" not in html and "leaflet.js" not in html
    assert "Au Cœur du Tricot" in html  # the list alone


def test_leaflet_is_vendored_with_its_licence_and_version():
    for name in ("leaflet.js", "leaflet.css", "LICENSE", "README.md"):
        assert finders.find(f"cma_wagtail/vendor/leaflet/{name}"), name
    readme = open(finders.find("cma_wagtail/vendor/leaflet/README.md")).read()
    assert "1.9.4" in readme and "BSD-2-Clause" in readme
    assert "BSD 2-Clause" in open(finders.find("cma_wagtail/vendor/leaflet/LICENSE")).read()
    assert "Leaflet 1.9.4" in open(finders.find("cma_wagtail/vendor/leaflet/leaflet.js")).read(400)
