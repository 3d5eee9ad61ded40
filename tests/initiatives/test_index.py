import json
from decimal import Decimal

import pytest

from tests.factories import InitiativeGalleryImageFactory, InitiativePageFactory


@pytest.fixture
def initiatives(index_page, categories):
    """Four initiatives spread over categories, départements and words."""
    return {
        "tricot": InitiativePageFactory(
            parent=index_page,
            title="Au Cœur du Tricot",
            town="Montperreux",
            postcode="25160",
            summary="Des masques pour l'hôpital de Pontarlier.",
            latitude=Decimal("46.841000"),
            longitude=Decimal("6.352000"),
            categories=[categories["masques"]],
        ),
        "trimadel": InitiativePageFactory(
            parent=index_page,
            title="Trimadel",
            town="Besançon",
            postcode="25000",
            summary="Du gel hydroalcoolique selon la formule de l'OMS.",
            categories=[categories["gel"]],
        ),
        "ajaccio": InitiativePageFactory(
            parent=index_page,
            title="Couture corse",
            town="Ajaccio",
            postcode="20000",
            summary="Des masques en tissu pour les commerçants.",
            latitude=Decimal("41.919200"),
            longitude=Decimal("8.738600"),
            categories=[categories["masques"]],
        ),
        "brignon": InitiativePageFactory(
            parent=index_page,
            title="Pâtisserie Xavier Brignon",
            town="Pontarlier",
            postcode="25300",
            summary="Des gâteaux offerts au personnel soignant.",
            latitude=Decimal("46.904000"),
            longitude=Decimal("6.354000"),
            categories=[categories["dons"]],
        ),
    }


def titles(response):
    return sorted(p.title for p in response.context["initiatives"])


def test_list_shows_every_published_initiative_without_javascript(client, index_page, initiatives):
    draft = InitiativePageFactory(parent=index_page, title="Brouillon", live=False)
    response = client.get(index_page.url)
    assert response.status_code == 200
    assert titles(response) == sorted(p.title for p in initiatives.values())
    html = response.content.decode()
    assert "Au Cœur du Tricot" in html and draft.title not in html
    assert 'name="category"' in html and 'name="departement"' in html and 'name="q"' in html


def test_filter_by_category(client, index_page, initiatives):
    response = client.get(index_page.url, {"category": "masques"})
    assert titles(response) == ["Au Cœur du Tricot", "Couture corse"]


def test_filter_by_departement_including_corsica(client, index_page, initiatives):
    assert titles(client.get(index_page.url, {"departement": "25"})) == [
        "Au Cœur du Tricot",
        "Pâtisserie Xavier Brignon",
        "Trimadel",
    ]
    assert titles(client.get(index_page.url, {"departement": "2a"})) == ["Couture corse"]


def test_filter_by_free_text(client, index_page, initiatives):
    assert titles(client.get(index_page.url, {"q": "hydroalcoolique"})) == ["Trimadel"]
    assert titles(client.get(index_page.url, {"q": "introuvablezzz"})) == []


def test_filters_combine(client, index_page, initiatives):
    response = client.get(index_page.url, {"category": "masques", "departement": "25"})
    assert titles(response) == ["Au Cœur du Tricot"]
    response = client.get(index_page.url, {"q": "masques", "departement": "2A"})
    assert titles(response) == ["Couture corse"]
    response = client.get(index_page.url, {"q": "masques", "category": "dons"})
    assert titles(response) == []


def test_unknown_filter_values_are_ignored(client, index_page, initiatives):
    response = client.get(index_page.url, {"category": "nope", "departement": "99"})
    assert len(titles(response)) == 4


def test_pagination_keeps_the_filters(client, index_page, categories):
    for n in range(15):
        InitiativePageFactory(
            parent=index_page, title=f"Masques {n:02d}", categories=[categories["masques"]]
        )
    InitiativePageFactory(parent=index_page, title="Autre", categories=[categories["dons"]])
    first = client.get(index_page.url, {"category": "masques"})
    assert first.context["paginator"].count == 15
    assert len(first.context["initiatives"]) == 12
    assert "category=masques&amp;page=2" in first.content.decode()
    second = client.get(index_page.url, {"category": "masques", "page": 2})
    assert len(second.context["initiatives"]) == 3
    assert all(t.startswith("Masques") for t in titles(second))


def test_map_json_is_geojson_of_filtered_initiatives_with_coordinates(
    client, index_page, initiatives
):
    response = client.get(index_page.url + "map.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    by_title = {f["properties"]["title"]: f for f in data["features"]}
    # Trimadel has no coordinates: not on the map.
    assert set(by_title) == {"Au Cœur du Tricot", "Couture corse", "Pâtisserie Xavier Brignon"}
    tricot = by_title["Au Cœur du Tricot"]
    assert tricot["type"] == "Feature"
    # RFC 7946: [longitude, latitude], numbers.
    assert tricot["geometry"] == {"type": "Point", "coordinates": [6.352, 46.841]}
    props = tricot["properties"]
    assert props["town"] == "Montperreux"
    assert props["departement"] == "25" and props["departement_name"] == "Doubs"
    assert props["url"].startswith("http") and props["url"].endswith(initiatives["tricot"].url)
    assert [c["slug"] for c in props["categories"]] == ["masques"]
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert isinstance(lon, float) and isinstance(lat, float)
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_map_json_uses_the_same_filters(client, index_page, initiatives):
    data = client.get(index_page.url + "map.json", {"departement": "2A"}).json()
    assert [f["properties"]["title"] for f in data["features"]] == ["Couture corse"]
    data = client.get(index_page.url + "map.json", {"q": "gâteaux"}).json()
    assert [f["properties"]["title"] for f in data["features"]] == ["Pâtisserie Xavier Brignon"]
    data = client.get(index_page.url + "map.json", {"category": "gel"}).json()
    assert data == {"type": "FeatureCollection", "features": []}


def test_card_shows_first_photo_with_its_alt_text(client, index_page, initiatives):
    InitiativeGalleryImageFactory(page=initiatives["tricot"], alt_text="Masques colorés")
    html = client.get(index_page.url).content.decode()
    assert 'alt="Masques colorés"' in html


def test_map_json_exists_only_under_an_index(client, index_page, initiatives):
    assert client.get("/map.json").status_code == 404
    assert client.get(initiatives["tricot"].url + "map.json").status_code == 404
