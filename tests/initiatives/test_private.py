"""Initiatives in a private section (a view restriction) are never listed in public."""

from decimal import Decimal

import pytest
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from cma_wagtail.blocks import InitiativesBlock
from cma_wagtail.initiatives.queries import initiatives_queryset, latest_initiatives
from tests.factories import InitiativeIndexPageFactory, InitiativePageFactory

PLACE = {"latitude": Decimal("46.9"), "longitude": Decimal("6.35")}


@pytest.fixture
def pages(index_page, home_page):
    public = InitiativePageFactory(parent=index_page, title="Publique", postcode="25000", **PLACE)
    private = InitiativePageFactory(parent=index_page, title="Réservée", postcode="39100", **PLACE)
    other_index = InitiativeIndexPageFactory(parent=home_page, slug="autres")
    hidden = InitiativePageFactory(
        parent=other_index, title="Section privée", postcode="70000", **PLACE
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    PageViewRestriction.objects.create(page=other_index, restriction_type="login")
    return {"public": public, "private": private, "hidden": hidden, "other_index": other_index}


def test_queryset_and_block_skip_private_initiatives(pages, site):
    assert [p.title for p in initiatives_queryset()] == ["Publique"]
    assert [p.title for p in latest_initiatives(limit=10)] == ["Publique"]
    assert not initiatives_queryset(parent=pages["other_index"]).exists()
    request = RequestFactory().get("/", HTTP_HOST=site.hostname, SERVER_PORT=site.port)
    block = InitiativesBlock()
    html = block.render(block.to_python({"number": 10}), context={"request": request})
    assert "Publique" in html and "Réservée" not in html and "Section privée" not in html


def test_index_page_and_map_skip_private_initiatives(client, index_page, pages):
    response = client.get(index_page.url)
    assert [p.title for p in response.context["initiatives"]] == ["Publique"]
    # Nor does a private initiative's département appear among the filter's options.
    options = [value for value, _ in response.context["filter_form"].fields["departement"].choices]
    assert options == ["", "25"]
    features = client.get(index_page.url + "map.json").json()["features"]
    assert [f["properties"]["title"] for f in features] == ["Publique"]
