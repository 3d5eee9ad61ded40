"""JSON submissions on API v3: same forms and services as the HTML forms; 422, 429, replays."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from cma_wagtail.callbacks.models import CallbackRequest
from cma_wagtail.initiatives.models import (
    InitiativeCategory,
    InitiativePage,
    InitiativeProposal,
)
from cma_wagtail.trainings.models import Registration
from tests.factories import (
    InitiativeCategoryFactory,
    InitiativeIndexPageFactory,
    StandardPageFactory,
    TrainingIndexPageFactory,
    TrainingPageFactory,
    TrainingSessionFactory,
    callback_block_value,
)

from .helpers import V3, form_started

pytestmark = pytest.mark.django_db


def _errors(response) -> dict:
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {tuple(e["loc"])[-1]: e["msg"] for e in response.json()["errors"]}


# Callback requests --------------------------------------------------------------------------

CALLBACK = {
    "name": "Xavier Brignon",
    "phone": "03 81 00 00 01",
    "topic": "cash_flow",
    "consent": True,
}


@pytest.fixture
def callback_page(home_page, chamber):
    body = [{"type": "callback_request", "value": callback_block_value(topics=["cash_flow"])}]
    page = StandardPageFactory(parent=home_page, body=body)
    return page, page.body[0].id


def post_callback(client, data, **headers):
    payload = {**CALLBACK, "form_started": form_started(), **data}
    return client.post(
        f"{V3}/callback-requests/", payload, content_type="application/json", headers=headers
    )


def test_callback_request_is_stored_like_the_html_form(client, callback_page):
    page, block_id = callback_page
    response = post_callback(client, {"page_id": page.pk, "block_id": block_id})
    assert response.status_code == 201, response.content
    assert response.json()["result"] == "sent"
    stored = CallbackRequest.objects.get()
    assert stored.phone == "+33381000001"
    # the same number again is merged, not duplicated (the service's rule), and answered
    # as a new request (nothing tells a stranger that this number had asked)
    again = post_callback(client, {"page_id": page.pk, "message": "Encore moi"})
    assert again.json()["result"] == "sent"
    assert CallbackRequest.objects.count() == 1


def test_callback_request_without_a_page_uses_the_default_block(client, chamber):
    response = post_callback(client, {"topic": "training"})
    assert response.status_code == 201, response.content


def test_callback_request_field_errors_and_spam_defences(client, callback_page):
    page, block_id = callback_page
    errors = _errors(
        post_callback(client, {"page_id": page.pk, "phone": "12", "topic": "state_aid"})
    )
    assert set(errors) == {"phone", "topic"}
    errors = _errors(post_callback(client, {"page_id": page.pk, "form_started": ""}))
    assert "__all__" in errors  # time trap: the token is needed
    errors = _errors(post_callback(client, {"page_id": page.pk, "website": "http://spam"}))
    assert "__all__" in errors  # honeypot
    assert not CallbackRequest.objects.exists()


def test_callback_request_unknown_form_is_404(client, callback_page):
    page, _block_id = callback_page
    assert post_callback(client, {"page_id": 999999}).status_code == 404
    assert post_callback(client, {"page_id": page.pk, "block_id": "nope"}).status_code == 404


def test_callback_request_rate_limited_with_retry_after(client, callback_page, settings):
    settings.CMA_WAGTAIL_RATE_LIMIT_PER_IP = (1, 3600)
    page, block_id = callback_page
    assert post_callback(client, {"page_id": page.pk}).status_code == 201
    response = post_callback(client, {"page_id": page.pk, "phone": "0381000002"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_callback_request_idempotency_key_replays(client, callback_page):
    page, block_id = callback_page
    data = {"page_id": page.pk, "form_started": form_started()}
    first = post_callback(client, data, **{"Idempotency-Key": "k1"})
    again = post_callback(client, data, **{"Idempotency-Key": "k1"})
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert CallbackRequest.objects.get().submission_count == 1


def test_no_csrf_token_needed(callback_page):
    from django.test import Client

    page, _block_id = callback_page
    response = post_callback(Client(enforce_csrf_checks=True), {"page_id": page.pk})
    assert response.status_code == 201


# Training registrations ---------------------------------------------------------------------

REGISTRATION = {
    "first_name": "Nadia",
    "last_name": "Perrin",
    "email": "nadia@coeur-tricot.example",
    "phone": "06 12 34 56 78",
    "business_name": "Au Cœur du Tricot",
    "siret": "732 829 320 00074",
    "trade": "Tricoteuse",
    "legal_form": "micro",
    "employees": 0,
    "difficulties": ["revenue", "cash"],
    "cash_position": "tight",
    "expectations": "Savoir quelles aides demander.",
    "consent": True,
}


@pytest.fixture
def session(home_page):
    catalogue = TrainingIndexPageFactory(parent=home_page)
    return TrainingSessionFactory(page=TrainingPageFactory(parent=catalogue), capacity=1)


def register(client, session, data=None, **headers):
    payload = {**REGISTRATION, "form_started": form_started(), **(data or {})}
    return client.post(
        f"{V3}/trainings/sessions/{session.pk}/registrations/",
        payload,
        content_type="application/json",
        headers=headers,
    )


def _confirm(client, registration):
    return client.post(
        f"{V3}/trainings/registrations/confirmations/",
        {"token": registration.confirmation_token},
        content_type="application/json",
    )


def test_registration_is_pending_until_confirmed_then_a_seat_or_the_waiting_list(
    client, session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, session)
    assert response.status_code == 201, response.content
    pending = {"result": "pending", "status": "pending", "session_id": session.pk}
    assert response.json() == pending
    first = Registration.objects.get()
    assert first.status == "pending"
    assert "/confirm/" in mail.outbox[-1].body and session.visio_link not in mail.outbox[-1].body
    confirmed = _confirm(client, first)
    assert confirmed.status_code == 201, confirmed.content
    assert confirmed.json() == {
        "result": "confirmed",
        "status": "confirmed",
        "session_id": session.pk,
    }
    assert _confirm(client, first).json()["status"] == "confirmed"  # twice: no change
    register(client, session, {"email": "autre@example.org"})
    second = Registration.objects.get(email="autre@example.org")
    assert _confirm(client, second).json()["status"] == "waiting"


def test_a_repeat_registration_answers_like_a_new_one(
    client, session, django_capture_on_commit_callbacks
):
    new = register(client, session)
    _confirm(client, Registration.objects.get())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        repeat = register(client, session, {"email": "NADIA@coeur-tricot.example"})
    # No 409 "duplicate": the same status and body as a new registration.
    assert repeat.status_code == new.status_code == 201
    assert repeat.json() == new.json()
    assert Registration.objects.count() == 1
    (notice,) = mail.outbox
    assert notice.to == ["nadia@coeur-tricot.example"] and "déjà inscrit·e" in notice.body


def test_confirmation_link_tampered_or_expired(client, session):
    from datetime import timedelta

    from django.utils import timezone

    register(client, session)
    registration = Registration.objects.get()
    tampered = client.post(
        f"{V3}/trainings/registrations/confirmations/",
        {"token": registration.confirmation_token[:-2] + "xx"},
        content_type="application/json",
    )
    assert tampered.status_code == 400
    assert tampered.json()["errors"][0]["type"] == "invalid_link"
    Registration.objects.update(created=timezone.now() - timedelta(hours=49))
    expired = _confirm(client, registration)
    assert expired.status_code == 410
    assert "expiré" in expired.json()["detail"]
    assert Registration.objects.get().status == "pending"


def test_registration_field_errors_from_every_step(client, session):
    errors = _errors(
        register(client, session, {"siret": "123", "difficulties": [], "consent": False})
    )
    assert {"siret", "difficulties", "consent"} <= set(errors)
    assert not Registration.objects.exists()


def test_registration_404_429_and_replay(client, session, settings):
    assert register(client, session, {}).status_code == 201
    missing = client.post(
        f"{V3}/trainings/sessions/999999/registrations/", {}, content_type="application/json"
    )
    assert missing.status_code == 404
    data = {"email": "b@example.org", "form_started": form_started()}
    replay = register(client, session, data, **{"Idempotency-Key": "r"})
    again = register(client, session, data, **{"Idempotency-Key": "r"})
    assert replay.status_code == again.status_code == 201
    assert Registration.objects.filter(email="b@example.org").count() == 1
    settings.CMA_WAGTAIL_TRAININGS_RATE_LIMIT_PER_IP = (1, 60)
    register(client, session, {"email": "c@example.org"})
    limited = register(client, session, {"email": "d@example.org"})
    assert limited.status_code == 429 and limited["Retry-After"]


def test_an_idempotency_key_reused_for_another_session_registers_there(client, session):
    """The key is scoped to the URL: session 16 with session 13's key is a new request."""
    other = TrainingSessionFactory(page=session.page, capacity=5)
    data = {"email": "b@example.org", "form_started": form_started()}
    first = register(client, session, data, **{"Idempotency-Key": "same"})
    second = register(client, other, data, **{"Idempotency-Key": "same"})
    assert first.status_code == second.status_code == 201
    assert second.json()["session_id"] == other.pk
    assert not second.has_header("Idempotent-Replayed")
    assert Registration.objects.filter(email="b@example.org", session=other).exists()


# Initiative proposals -----------------------------------------------------------------------


@pytest.fixture
def proposal_index(home_page):
    return InitiativeIndexPageFactory(parent=home_page)


@pytest.fixture
def category(db):
    return InitiativeCategoryFactory()


def propose(client, data=None, photo=None, **headers):
    category = InitiativeCategory.objects.first()
    payload = {
        "business_name": "Trimadel",
        "contact_name": "Lucie Martin",
        "email": "lucie@trimadel.example",
        "town": "Besançon",
        "postcode": "25000",
        "category": category.pk,
        "description": "Des blouses pour l'hôpital.",
        "consent": "true",
        "form_started": form_started(),
        **(data or {}),
    }
    if photo is not None:
        payload["photo"] = photo
    return client.post(f"{V3}/initiatives/proposals/", payload, headers=headers)


def _photo():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "JPEG")
    return SimpleUploadedFile("blouses.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_proposal_with_a_photo_becomes_a_draft_in_moderation(client, proposal_index, category):
    response = propose(client, {"photo_alt": "Des blouses"}, photo=_photo())
    assert response.status_code == 201, response.content
    proposal = InitiativeProposal.objects.get()
    assert proposal.email == "lucie@trimadel.example"
    page = InitiativePage.objects.get()
    assert not page.live and page.gallery_images.count() == 1


def test_proposal_errors_rate_limit_and_replay(client, proposal_index, category, settings):
    errors = _errors(propose(client, {"photo_alt": ""}, photo=_photo()))
    assert set(errors) == {"photo_alt"}
    data = {"business_name": "A", "form_started": form_started(), "category": category.pk}
    first = propose(client, data, **{"Idempotency-Key": "p"})
    assert first.status_code == 201
    # the same multipart fields again (another boundary) are a replay, not a new proposal
    again = propose(client, data, **{"Idempotency-Key": "p"})
    assert again["Idempotent-Replayed"] == "true"
    assert InitiativeProposal.objects.count() == 1
    settings.CMA_WAGTAIL_RATE_LIMIT_PER_IP = (1, 60)
    propose(client, {"business_name": "B"})
    limited = propose(client, {"business_name": "C"})
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
