"""The listing blocks without their applications (``CMA_TEST_ONLY=core``, or simulated).

With all apps installed, ``without_apps`` makes the blocks believe theirs are missing, so
the degraded behaviour is tested in every run; with ``CMA_TEST_ONLY=core`` it is real.
"""

import html

import pytest
from django.contrib.auth.models import AnonymousUser

from cma_wagtail.blocks import (
    BodyBlock,
    InitiativeProposalBlock,
    InitiativesBlock,
    LatestNewsBlock,
    UpcomingSessionsBlock,
)

LISTING_BLOCKS = [
    (LatestNewsBlock, "Dernières actualités\u00a0: rien ne s'affiche"),
    (InitiativesBlock, "Initiatives\u00a0: rien ne s'affiche"),
    (UpcomingSessionsBlock, "Prochaines sessions\u00a0: rien ne s'affiche"),
]


@pytest.fixture
def without_apps(monkeypatch):
    def never(label):
        return False

    monkeypatch.setattr("cma_wagtail.blocks.listings.is_installed", never)
    monkeypatch.setattr("cma_wagtail.blocks.listings.block_support", lambda label: None)
    monkeypatch.setattr("cma_wagtail.blocks.support._support", lambda label: None)


@pytest.fixture
def visitor(rf_request):
    rf_request.user = AnonymousUser()
    return rf_request


@pytest.mark.django_db
@pytest.mark.parametrize(("block_class", "note"), LISTING_BLOCKS)
def test_listing_without_its_app_shows_nothing_to_visitors(
    without_apps, visitor, block_class, note, django_assert_num_queries
):
    block = block_class()
    value = block.to_python({"heading": "Titre", "number": 3})
    with django_assert_num_queries(0):
        assert block.render(value, context={"request": visitor}).strip() == ""
        assert block.get_api_representation(value, {"request": visitor}) == {
            "heading": "Titre",
            "available": False,
            "items": [],
        }
    preview = block.render(value, context={"request": visitor, "block_def": block})
    assert f'<p class="cma-block-note">{note}' in html.unescape(preview)


@pytest.mark.django_db
def test_editors_see_the_note(without_apps, rf_request, django_user_model):
    rf_request.user = django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    block = LatestNewsBlock()
    rendered = block.render(block.to_python({"number": 3}), context={"request": rf_request})
    assert "cma-block-note" in rendered
    rf_request.user = AnonymousUser()
    rf_request.is_preview = True  # Wagtail's page preview
    assert "cma-block-note" in block.render(block.to_python({}), context={"request": rf_request})


@pytest.mark.django_db
def test_proposal_block_hides_itself_without_the_app(without_apps, visitor):
    block = InitiativeProposalBlock()
    value = block.to_python({"heading": "Vous aussi\u00a0?", "button_label": "Proposer"})
    assert block.render(value, context={"request": visitor}).strip() == ""
    assert block.get_api_representation(value)["url"] is None
    assert block.get_api_representation(value)["available"] is False
    preview = block.render(value, context={"request": visitor, "block_def": block})
    assert "Proposer une initiative\u00a0: masqué" in preview


@pytest.mark.parametrize(
    ("block_class", "name"),
    [
        (LatestNewsBlock, "topic"),
        (InitiativesBlock, "category"),
        (UpcomingSessionsBlock, "training"),
    ],
)
def test_stored_filters_survive_without_the_app(without_apps, block_class, name):
    """A page saved with a filter still validates and keeps it once the app is removed."""
    block = block_class()
    value = block.clean(block.to_python({"number": 2, name: "aides-financieres"}))
    assert value[name] == "aides-financieres"


@pytest.mark.parametrize("block_class", [LatestNewsBlock, InitiativesBlock, UpcomingSessionsBlock])
def test_number_is_between_1_and_10(block_class):
    from django.core.exceptions import ValidationError

    block = block_class()
    for number in (0, 11):
        with pytest.raises(ValidationError) as exc:
            block.clean(block.to_python({"number": number}))
        assert "number" in exc.value.block_errors


@pytest.mark.django_db
def test_page_with_every_listing_block_renders_without_the_apps(without_apps, client, home_page):
    from tests.factories import StandardPageFactory

    body = [
        {"type": "latest_news", "value": {"heading": "Actualités", "number": 3}},
        {"type": "initiatives", "value": {"heading": "Initiatives", "number": 3}},
        {"type": "upcoming_sessions", "value": {"heading": "Sessions", "number": 3}},
        {"type": "initiative_proposal", "value": {"heading": "Proposez", "button_label": "Go"}},
        {"type": "paragraph", "value": "<p>Toujours là.</p>"},
    ]
    page = StandardPageFactory(parent=home_page, slug="listes", body=body)
    response = client.get(page.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Toujours là." in content
    assert "cma-listing" not in content and "cma-block-note" not in content
    assert "Proposez" not in content


def test_api_schemas_describe_the_degraded_output(without_apps):
    pytest.importorskip("pydantic")
    for block_class, _note in LISTING_BLOCKS:
        block = block_class()
        api = block.get_api_representation(block.to_python({"heading": "Titre"}))
        block.get_api_schema().model_validate(api)
    proposal = InitiativeProposalBlock()
    proposal.get_api_schema().model_validate(
        proposal.get_api_representation(proposal.to_python({}))
    )


def test_body_stream_schema_uses_the_blocks_schemas():
    pytest.importorskip("pydantic")
    from cma_wagtail.api.streamfield import SchemaBuilder

    builder = SchemaBuilder()
    body = BodyBlock()
    schema = builder.value_schema(body.child_blocks["latest_news"])
    assert schema.__name__ == "LatestNewsBlockValue"
    assert "items" in schema.model_json_schema()["properties"]


def test_database_choice_block_deconstructs_as_a_plain_choice_block():
    from cma_wagtail.blocks.listing_data import news_topic_choices
    from cma_wagtail.blocks.support import CapabilityChoices

    path, args, kwargs = LatestNewsBlock().child_blocks["topic"].deconstruct()
    assert path == "wagtail.blocks.ChoiceBlock"
    assert kwargs["choices"] == news_topic_choices and kwargs["required"] is False
    # The callable names no capability module: a site's migration imports it without the app.
    assert kwargs["choices"].deconstruct() == (
        "cma_wagtail.blocks.support.CapabilityChoices",
        ("cma_crisis_news", "topics"),
        {},
    )
    assert isinstance(kwargs["choices"], CapabilityChoices)
