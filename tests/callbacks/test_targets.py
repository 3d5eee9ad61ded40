"""The block a POST names is resolved once per publication and forgotten when it changes;
what depends on the request (visibility, site, chamber) is read for every POST."""

import pytest
from wagtail.models import PageViewRestriction

from cma_wagtail.callbacks.models import CallbackRequest
from tests.callbacks.conftest import form_data

SUBMIT = "/cma/callbacks/submit/"


def post(client, block, page, **overrides):
    return client.post(SUBMIT, form_data(block, page, **overrides))


@pytest.mark.django_db
def test_unpublished_page_refuses_its_form_at_once(client, callback_page, blocks):
    assert post(client, blocks[0], callback_page).status_code == 303
    callback_page.unpublish()
    assert post(client, blocks[0], callback_page, phone="06 99 88 77 66").status_code == 404
    assert CallbackRequest.objects.count() == 1


@pytest.mark.django_db
def test_deleted_page_refuses_its_form(client, callback_page, blocks):
    assert post(client, blocks[0], callback_page).status_code == 303
    callback_page.delete()
    assert post(client, blocks[0], callback_page, phone="06 99 88 77 66").status_code == 404


@pytest.mark.django_db
def test_republished_block_settings_apply_to_the_next_submission(client, callback_page, blocks):
    assert post(client, blocks[0], callback_page).status_code == 303
    # The editor limits the first form to the "training" topic and publishes.
    page = callback_page.specific
    raw = list(page.body.raw_data)
    raw[1] = {**raw[1], "value": {**raw[1]["value"], "topics": ["training"]}}
    page.body = raw
    page.save_revision().publish()
    response = post(client, blocks[0], callback_page, phone="06 99 88 77 66", topic="cash_flow")
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    response = post(client, blocks[0], callback_page, phone="06 99 88 77 66", topic="training")
    assert response.status_code == 303


@pytest.mark.django_db
def test_switching_intake_off_applies_to_the_next_submission(
    client, callback_page, blocks, chamber
):
    assert post(client, blocks[0], callback_page).status_code == 303
    chamber.callback_intake_open = False
    chamber.save()
    response = post(client, blocks[0], callback_page, phone="06 99 88 77 66")
    assert response.status_code == 200
    assert CallbackRequest.objects.count() == 1


@pytest.mark.django_db
def test_new_team_addresses_apply_to_the_next_submission(
    client, callback_page, blocks, team, django_capture_on_commit_callbacks
):
    from cma_wagtail.outbox.models import OutgoingEmail

    assert post(client, blocks[0], callback_page).status_code == 303
    team.emails = "nouvelle@cma-doubs.example"
    team.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, blocks[0], callback_page, phone="06 99 88 77 66").status_code == 303
    obj = CallbackRequest.objects.get(phone="+33699887766")
    team_email = OutgoingEmail.for_object(obj).get(kind="callback_team")
    assert team_email.to == ["nouvelle@cma-doubs.example"]


@pytest.mark.django_db
def test_restriction_added_after_a_submission_applies(client, callback_page, blocks):
    assert post(client, blocks[0], callback_page).status_code == 303
    PageViewRestriction.objects.create(
        page=callback_page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert post(client, blocks[0], callback_page, phone="06 99 88 77 66").status_code == 404
    assert CallbackRequest.objects.count() == 1


@pytest.mark.django_db
def test_visibility_does_not_wait_for_the_cache(client, callback_page, blocks, monkeypatch):
    """Another worker with its own cache never saw the signal: its cached form must not
    outlive the page. Visibility is read for every POST, not kept with the target."""
    from cma_wagtail.callbacks import targets

    monkeypatch.setattr(targets.version, "get", lambda: "as-that-worker-last-saw-it")
    assert post(client, blocks[0], callback_page).status_code == 303
    PageViewRestriction.objects.create(
        page=callback_page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert post(client, blocks[0], callback_page, phone="06 99 88 77 66").status_code == 404
    PageViewRestriction.objects.all().delete()
    callback_page.unpublish()
    assert post(client, blocks[0], callback_page, phone="06 99 88 77 66").status_code == 404
    assert CallbackRequest.objects.count() == 1
