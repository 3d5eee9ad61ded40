"""Listings cost the same number of SQL queries for 5 or 60 initiatives."""

from decimal import Decimal

import pytest
from django.test import override_settings

from tests.factories import (
    ImageFactory,
    InitiativeCategoryFactory,
    InitiativeGalleryImageFactory,
    InitiativePageFactory,
)

# Measured, the same at 5 and 60 initiatives. The index: Wagtail's page serving (site,
# routing, the page's view restrictions: 6), the chamber settings (1), then the count, the
# page of initiatives, their categories, gallery images (joined with the image) and card
# renditions; view restrictions are checked inside the listing's queries and the filter
# form's options come from the cache.
# index: + 1 for the site frame (main menu and breadcrumbs in one query, cma_wagtail.frame)
MAX_QUERIES = {"index": 13, "map": 9, "api": 11}  # map: a cold request (no warm-up)


def _populate(index_page, count):
    cats = [InitiativeCategoryFactory() for _ in range(3)]
    image = ImageFactory()  # one image file, many gallery rows: enough to exercise prefetching
    for n in range(count):
        page = InitiativePageFactory(
            parent=index_page,
            latitude=Decimal("46.9") + Decimal(n) / 1000,
            longitude=Decimal("6.35"),
            categories=cats[: 1 + n % 3],
        )
        InitiativeGalleryImageFactory(page=page, image=image)
        InitiativeGalleryImageFactory(page=page, image=ImageFactory() if n < 2 else image)


def _api_url(index_page):
    return (
        "/api/v2/pages/?type=cma_initiatives.InitiativePage&fields=*"
        f"&child_of={index_page.pk}&limit=100"
    )


@pytest.mark.parametrize("count", [5, 60])
def test_index_page_queries_do_not_grow(
    client, index_page, count, django_assert_max_num_queries, monkeypatch
):
    from cma_wagtail.initiatives.models import InitiativeIndexPage

    monkeypatch.setattr(InitiativeIndexPage, "per_page", 100)  # one page holds every card
    _populate(index_page, count)
    client.get(index_page.url)  # renditions are generated once, filter options cached
    with django_assert_max_num_queries(MAX_QUERIES["index"]):
        response = client.get(index_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="cma-initiative-card__image"') == count
    assert html.count('class="cma-badge cma-initiative-category') == sum(
        1 + n % 3 for n in range(count)
    )


@pytest.mark.parametrize("count", [5, 60])
def test_map_json_queries_do_not_grow(client, index_page, count, django_assert_max_num_queries):
    _populate(index_page, count)
    with django_assert_max_num_queries(MAX_QUERIES["map"]):
        data = client.get(index_page.url + "map.json").json()
    assert len(data["features"]) == count


@override_settings(WAGTAILAPI_LIMIT_MAX=100)
@pytest.mark.urls("tests.initiatives.api_urls")
@pytest.mark.parametrize("count", [5, 60])
def test_api_listing_queries_do_not_grow(client, index_page, count, django_assert_max_num_queries):
    _populate(index_page, count)
    client.get(_api_url(index_page))  # renditions are generated once, then reused
    with django_assert_max_num_queries(MAX_QUERIES["api"]):
        response = client.get(_api_url(index_page))
    assert response.status_code == 200, response.content
    items = response.json()["items"]
    assert len(items) == count
    item = items[0]
    assert item["place"]["departement_name"] == "Doubs"
    assert item["departement"] == "25"
    assert item["coordinates"]["latitude"] > 46
    assert item["categories"] and {"name", "slug", "icon"} <= set(item["categories"][0])
    photo = item["gallery"][0]
    image = photo["image"]  # the core image shape, as every image of the API
    assert image["alt"] and image["url"] and image["width"] > 0 and image["height"] > 0
    assert image["srcset"].count(".webp") == len(image["sources"]) >= 1


@pytest.mark.urls("tests.initiatives.api_urls")
def test_index_page_api_fields(client, index_page):
    InitiativeCategoryFactory(name="Entraide", slug="entraide")
    data = client.get(f"/api/v2/pages/{index_page.pk}/").json()
    assert data["map_url"] == index_page.url + "map.json"
    assert [c["slug"] for c in data["all_categories"]] == ["entraide"]
