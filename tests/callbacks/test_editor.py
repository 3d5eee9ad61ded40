import pytest


@pytest.mark.django_db
def test_page_editor_shows_the_block_with_the_team_chooser(admin_client, callback_page, team):
    response = admin_client.get(f"/admin/pages/{callback_page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Formulaire de demande de rappel" in html
    assert team.name in html  # the chosen team is shown by the snippet chooser
    response = admin_client.get("/admin/snippets/choose/cma_callbacks/callbackteam/")
    assert response.status_code == 200 and team.name in response.content.decode()


@pytest.mark.django_db
def test_block_validates_and_stores_the_team_by_id(team):
    from cma_wagtail.blocks import CallbackRequestBlock

    block = CallbackRequestBlock()
    value = block.clean(
        block.to_python({"heading": "Rappel", "topics": ["other"], "team": team.pk})
    )
    assert value["team"] == team
    assert block.get_prep_value(value)["team"] == team.pk
    assert block.clean(block.to_python({"heading": "Rappel", "topics": ["other"]}))["team"] is None
