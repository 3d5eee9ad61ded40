"""A seat is held only once the participant confirms their email address (signed link)."""

import datetime as dt

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cma_wagtail.outbox import send
from cma_wagtail.outbox.models import OutgoingEmail
from cma_wagtail.trainings import services
from cma_wagtail.trainings.models import Registration
from tests.api.helpers import V3
from tests.factories import RegistrationFactory

from .conftest import participant_data

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.trainings.api_urls")]


def submit(session, email):
    registration, _created = services.request_registration(
        session.pk, participant_data(email=email)
    )
    return registration


def test_unconfirmed_registrations_hold_no_seat(client, session):
    session.capacity = 1
    session.save()
    # One client fills the session with throw-away addresses: nobody is kept out.
    squatters = [submit(session, f"jetable{i}@example.org") for i in range(5)]
    assert session.seats_left == 1
    if apps.is_installed("wagtail.api.v3"):
        item = client.get(f"{V3}/trainings/").json()["items"][0]
        assert item["sessions"][0]["seats_left"] == 1
    assert "1 place restante" in client.get(session.page.url).content.decode()
    # The one who confirms gets the seat; a squatter confirming later waits.
    real = submit(session, "nadia@coeur-tricot.example")
    assert services.confirm(real.pk).status == "confirmed"
    assert services.confirm(squatters[0].pk).status == "waiting"
    assert session.seats_left == 0


def test_confirming_twice_changes_nothing(client, session, django_capture_on_commit_callbacks):
    registration = submit(session, "nadia@coeur-tricot.example")
    url = registration.get_confirm_url()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url)
    assert "Inscription confirmée" in again.content.decode()
    assert [m.subject.startswith("Inscription confirmée") for m in mail.outbox].count(True) == 1
    assert "Inscription confirmée" in client.get(url).content.decode()


def test_expired_link_explains_and_offers_to_register_again(client, session, settings):
    settings.CMA_WAGTAIL_TRAININGS_CONFIRMATION_HOURS = 2
    registration = submit(session, "nadia@coeur-tricot.example")
    Registration.objects.update(created=timezone.now() - dt.timedelta(hours=3))
    for response in (
        client.get(registration.get_confirm_url()),
        client.post(registration.get_confirm_url()),
    ):
        assert response.status_code == 410
        html = response.content.decode()
        assert "Ce lien de confirmation a expiré. Inscrivez-vous à nouveau." in html
        assert f'href="{session.get_register_url()}"' in html
    registration.refresh_from_db()
    assert registration.status == "pending"


def test_link_of_a_purged_registration_is_expired_too(client, session):
    registration = submit(session, "nadia@coeur-tricot.example")
    url = registration.get_confirm_url()
    registration.delete()
    response = client.get(url)
    assert response.status_code == 410
    assert session.get_register_url() in response.content.decode()


def test_tampered_link_explains_and_leads_to_the_catalogue(client, catalogue, session):
    registration = submit(session, "nadia@coeur-tricot.example")
    token = registration.confirmation_token
    for bad in (token[:-3] + "abc", "n-importe-quoi", token.replace(":", "", 1)):
        response = client.get(f"/cma/trainings/confirm/{bad}/")
        assert response.status_code == 400, bad
        html = response.content.decode()
        assert "Ce lien de confirmation n’est pas valide." in html
        assert f'href="{catalogue.url}"' in html
        assert client.post(f"/cma/trainings/confirm/{bad}/").status_code == 400
    registration.refresh_from_db()
    assert registration.status == "pending"


def test_a_cancelled_session_takes_no_confirmation(
    client, session, django_capture_on_commit_callbacks
):
    registration = submit(session, "nadia@coeur-tricot.example")
    session.status = "cancelled"
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(registration.get_confirm_url())
    assert response.status_code == 409
    assert "Cette session a été annulée." in response.content.decode()
    if not apps.is_installed("wagtail.api.v3"):
        return
    json = client.post(
        f"{V3}/trainings/registrations/confirmations/",
        {"token": registration.confirmation_token},
        content_type="application/json",
    )
    assert json.status_code == 409 and json.json()["errors"][0]["type"] == "cancelled"
    registration.refresh_from_db()
    assert registration.status == "pending"
    assert all(session.visio_link not in m.body for m in mail.outbox)


def test_purge_deletes_expired_pending_registrations_and_their_emails(session):
    old = submit(session, "old@example.org")
    recent = submit(session, "recent@example.org")
    confirmed = RegistrationFactory(session=session, status="confirmed")
    long_ago = timezone.now() - dt.timedelta(hours=49)
    Registration.objects.filter(pk__in=[old.pk, confirmed.pk]).update(created=long_ago)
    assert OutgoingEmail.for_object(old).exists()
    from io import StringIO

    out = StringIO()
    call_command("purge_unconfirmed_registrations", stdout=out)
    assert "1 unconfirmed registration(s) older than 48 hours deleted." in out.getvalue()
    assert set(Registration.objects.values_list("pk", flat=True)) == {recent.pk, confirmed.pk}
    assert not OutgoingEmail.for_object(old).exists()
    assert OutgoingEmail.for_object(recent).exists()


def test_the_request_email_gives_the_link_and_its_deadline(session):
    registration = submit(session, "nadia@coeur-tricot.example")
    assert send(OutgoingEmail, OutgoingEmail.for_object(registration).get().pk)
    email = mail.outbox[-1]  # rendered when it is sent
    assert email.subject.startswith("Confirmez votre inscription\u00a0: ")
    # the signed link, as queued (its timestamp is that of the queueing)
    assert registration.get_confirm_url().split(":")[0] in email.body
    deadline = timezone.localtime(registration.created + dt.timedelta(hours=48))
    assert f"Le lien est valable jusqu’au {deadline:%d}".replace(" 0", " ") in email.body
    assert session.visio_link not in email.body


def test_registrations_of_sessions_past_their_retention_are_deleted_with_what_follows_them(
    session, training
):
    from cma_wagtail.companies.models import CompanyIdentity
    from cma_wagtail.trainings.models import TrainingSession

    now = timezone.now()
    old_session = TrainingSession.objects.create(
        page=training,
        start=now - dt.timedelta(days=400, hours=4),
        end=now - dt.timedelta(days=400),
        capacity=9,
    )
    old = RegistrationFactory(session=old_session, status="confirmed", siret="73282932000074")
    waiting = RegistrationFactory(session=old_session, status="waiting")
    kept = RegistrationFactory(session=session, status="confirmed")
    orphan = RegistrationFactory(session=None, status="cancelled")
    Registration.objects.filter(pk=orphan.pk).update(created=now - dt.timedelta(days=400))
    OutgoingEmail.objects.create(
        related_object=old, to=[old.email], subject="Convocation", body="Convocation"
    )
    CompanyIdentity.objects.create(related_object=old, siret=old.siret)
    from io import StringIO

    out = StringIO()
    call_command("purge_past_registrations", "--days", "365", "--dry-run", stdout=out)
    assert "3 registration(s) of sessions ended more than 365 days ago would be" in out.getvalue()
    assert Registration.objects.count() == 4
    call_command("purge_past_registrations", "--days", "365", stdout=out)
    assert set(Registration.objects.values_list("pk", flat=True)) == {kept.pk}
    assert not OutgoingEmail.for_object(old).exists()
    assert not CompanyIdentity.objects.filter(object_id=str(old.pk)).exists()
    assert waiting.pk not in Registration.objects.values_list("pk", flat=True)
    # The default period (three years) keeps last year's registrations.
    RegistrationFactory(session=old_session, status="confirmed")
    call_command("purge_past_registrations", stdout=out)
    assert Registration.objects.filter(session=old_session).count() == 1
