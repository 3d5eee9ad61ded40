"""``InitiativesBlock`` and ``InitiativeProposalBlock`` with the initiatives app installed."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cma_wagtail.blocks import BodyBlock, InitiativeProposalBlock, InitiativesBlock
from tests.factories import InitiativeGalleryImageFactory, InitiativePageFactory


@pytest.fixture
def request_(site):
    return RequestFactory().get("/", HTTP_HOST=site.hostname, SERVER_PORT=site.port)


@pytest.fixture
def initiatives(index_page, categories):
    tricot = InitiativePageFactory(
        parent=index_page,
        title="Des masques pour l'hôpital de Pontarlier",
        business_name="Au Cœur du Tricot",
        artisan_name="Nadia Perrin",
        trade="Atelier de tricot",
        town="Montperreux",
        postcode="25160",
        categories=[categories["masques"]],
    )
    InitiativeGalleryImageFactory(page=tricot, alt_text="Masques en tissu")
    trimadel = InitiativePageFactory(
        parent=index_page,
        title="Du gel hydroalcoolique selon la formule de l'OMS",
        business_name="Trimadel",
        categories=[categories["gel"]],
    )
    return {"tricot": tricot, "trimadel": trimadel}


@pytest.mark.django_db
def test_initiatives_block_shows_the_index_cards(initiatives, request_):
    block = InitiativesBlock()
    value = block.to_python({"heading": "Les artisans se mobilisent", "number": 5})
    html = block.render(value, context={"request": request_})
    assert "Les artisans se mobilisent</h2>" in html
    assert html.count('class="cma-card cma-initiative-card"') == 2
    # Newest first, like the index page.
    assert html.index("Du gel hydroalcoolique") < html.index("Des masques pour")
    assert 'alt="Masques en tissu"' in html
    assert "Montperreux (Doubs)" in html
    assert "Masques et équipements" in html


@pytest.mark.django_db
def test_initiatives_block_category_and_json(initiatives, request_):
    block = InitiativesBlock()
    value = block.to_python({"heading": "Masques", "number": 3, "category": "masques"})
    api = block.get_api_representation(value, {"request": request_})
    tricot = initiatives["tricot"]
    assert api["heading"] == "Masques" and api["available"] is True
    [item] = api["items"]
    assert item["id"] == tricot.pk and item["url"] == tricot.get_url(request_)
    assert item["business_name"] == "Au Cœur du Tricot" and item["departement_name"] == "Doubs"
    assert item["categories"] == [
        {
            "id": tricot.categories.get().pk,
            "name": "Masques et équipements",
            "slug": "masques",
            "icon": "star",
        }
    ]
    assert ".webp" in item["image"]["srcset"] and item["image"]["alt"] == "Masques en tissu"
    assert "Nadia Perrin" not in str(api)  # no personal data in a listing
    pytest.importorskip("pydantic")
    block.get_api_schema().model_validate(api)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 10])
def test_initiatives_constant_queries(
    index_page, categories, request_, count, django_assert_max_num_queries
):
    for n in range(count):
        page = InitiativePageFactory(
            parent=index_page, slug=f"initiative-{n}", categories=list(categories.values())
        )
        InitiativeGalleryImageFactory(page=page)
    body = BodyBlock()
    value = body.to_python([{"type": "initiatives", "value": {"number": count}}])
    # Renditions are created once, here: the cards' responsive pictures and the API's thumbnail.
    body.render(value, context={"request": request_})
    body.get_api_representation(value, context={"request": request_})
    # Render then API, measured 8 at 2 and at 10: per listing the pages (view restrictions
    # checked in the same query), categories, gallery joined with the images, renditions
    # (the site and its root paths are already cached on the request by the first render).
    with django_assert_max_num_queries(8):
        html = body.render(value, context={"request": request_})
        api = body.get_api_representation(value, context={"request": request_})
    assert html.count("cma-initiative-card__title") == count
    assert len(api[0]["value"]["items"]) == count


@pytest.mark.django_db
def test_proposal_block_links_to_the_form(index_page, request_):
    block = InitiativeProposalBlock()
    value = block.to_python(
        {"heading": "Vous aussi ?", "text": "Faites-le savoir.", "button_label": "Proposer"}
    )
    html = block.render(value, context={"request": request_})
    url = reverse("cma_initiatives:propose")
    assert f'<a class="cma-button cma-button--primary" href="{url}">Proposer</a>' in html
    assert block.get_api_representation(value) == {
        "heading": "Vous aussi ?",
        "text": "Faites-le savoir.",
        "button_label": "Proposer",
        "url": url,
        "available": True,
    }


@pytest.mark.django_db
def test_proposal_block_hides_itself_when_proposals_are_closed(home_page, request_):
    """No initiatives index receives proposals: the form would only say it is closed."""
    block = InitiativeProposalBlock()
    value = block.to_python({"heading": "Vous aussi ?", "button_label": "Proposer"})
    assert block.render(value, context={"request": request_}).strip() == ""
    assert block.get_api_representation(value, {"request": request_})["url"] is None


def test_proposal_block_needs_a_button_label():
    from django.core.exceptions import ValidationError

    block = InitiativeProposalBlock()
    with pytest.raises(ValidationError) as exc:
        block.clean(block.to_python({"heading": "Vous aussi ?", "button_label": ""}))
    assert "button_label" in exc.value.block_errors


@pytest.mark.django_db
def test_category_choices(categories):
    field = InitiativesBlock().child_blocks["category"].field
    assert ("gel", "Solutions hydroalcooliques") in list(field.choices)
