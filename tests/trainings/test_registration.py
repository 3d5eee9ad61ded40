import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cma_wagtail.models_outbox import OutgoingEmail
from cma_wagtail.trainings import services, signals
from cma_wagtail.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingSessionFactory

from .conftest import PARTICIPANT, Wizard, participant_data

pytestmark = pytest.mark.django_db


def fill(session, n):
    for _ in range(n):
        RegistrationFactory(session=session, status="confirmed")


def test_wizard_three_steps_confirm_a_seat(
    wizard, session, chamber, django_capture_on_commit_callbacks
):
    chamber.privacy_notice = "<p>Vos données servent à organiser la formation.</p>"
    chamber.save()
    response = wizard.start()
    assert response.status_code == 200
    assert "Étape 1 sur 3" in response.content.decode()

    response = wizard.post("participant", PARTICIPANT)
    assert "Étape 2 sur 3" in response.content.decode()
    response = wizard.post(
        "diagnostic",
        {"difficulties": ["revenue"], "cash_position": "tight", "expectations": "Tenir"},
    )
    html = response.content.decode()
    assert "Étape 3 sur 3" in html
    # The review shows the answers and the chamber's privacy notice next to the consent box.
    assert "Au Cœur du Tricot" in html and "Baisse du chiffre d’affaires" in html
    assert "Vos données servent à organiser la formation." in html

    with django_capture_on_commit_callbacks(execute=True):
        response = wizard.post("consent", {"consent": "on"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Inscription confirmée" in html
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.phone == "+33612345678"
    assert registration.siret == "73282932000074"
    assert registration.email == "nadia@coeur-tricot.example"
    assert registration.diagnostic["cash_position"] == "tight"
    assert registration.consent_at is not None
    # The confirmation carries the .ics and the private link.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert session.visio_link in message.body
    assert registration.get_cancel_url() in message.body
    assert message.attachments[0][0] == "session.ics"
    # ...and the result page never shows the link.
    assert session.visio_link not in html


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("siret", "732 829 320 00075", "vérifiez les 14 chiffres"),
        ("siret", "1234", "14 chiffres"),
        ("phone", "12", "numéro de téléphone valide"),
        ("email", "pas-un-email", "adresse e-mail valide"),
    ],
)
def test_participant_step_refuses_bad_data(wizard, field, value, error):
    wizard.start()
    response = wizard.post("participant", {**PARTICIPANT, field: value})
    html = response.content.decode()
    assert "Étape 1 sur 3" in html
    assert error in html
    assert 'class="cma-error-summary"' in html
    assert Registration.objects.count() == 0


def test_diagnostic_step_requires_answers(wizard):
    wizard.start()
    wizard.post("participant", PARTICIPANT)
    response = wizard.post("diagnostic", {"expectations": ""})
    html = response.content.decode()
    assert "Étape 2 sur 3" in html
    assert "Champ requis" in html


def test_consent_is_required(wizard):
    response = wizard.run(consent=False)
    html = response.content.decode()
    assert "Cochez cette case pour vous inscrire." in html
    assert Registration.objects.count() == 0


def test_honeypot_refuses_bots(wizard):
    wizard.start()
    response = wizard.post("participant", {**PARTICIPANT, "website": "http://spam.example"})
    assert "Étape 1 sur 3" in response.content.decode()


def test_full_session_puts_on_waiting_list_and_says_so(
    wizard, session, django_capture_on_commit_callbacks
):
    fill(session, 9)
    response = wizard.start()
    assert "liste d’attente" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = wizard.run()
    html = response.content.decode()
    assert "Vous êtes sur la liste d’attente" in html
    registration = Registration.objects.get(email=PARTICIPANT["email"])
    assert registration.status == "waiting"
    assert len(mail.outbox) == 1
    assert session.visio_link not in mail.outbox[0].body
    assert not mail.outbox[0].attachments


def test_duplicate_registration_is_refused(client, session):
    Wizard(client, session).run()
    response = Wizard(client, session).run(participant={"email": "NADIA@Coeur-Tricot.example"})
    assert response.status_code == 409
    assert "déjà inscrit" in response.content.decode()
    assert Registration.objects.count() == 1


def test_after_cancelling_one_can_register_again(session):
    registration = services.register(session.pk, participant_data())
    services.cancel(registration.pk)
    again = services.register(session.pk, participant_data(email="XAVIER@patisserie.example"))
    assert again.status == "confirmed"


def test_database_refuses_two_active_registrations_for_one_email(session):
    from django.db import IntegrityError, transaction

    RegistrationFactory(session=session, email="a@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(session=session, email="A@example.org", status="waiting")
    RegistrationFactory(session=session, email="A@example.org", status="cancelled")


def test_cancelled_session_refuses_registrations(client, session):
    wizard = Wizard(client, session)
    wizard.start()
    wizard.post("participant", PARTICIPANT)
    wizard.post(
        "diagnostic", {"difficulties": ["cash"], "cash_position": "tight", "expectations": "x"}
    )
    session.status = "cancelled"
    session.save()
    response = wizard.post("consent", {"consent": "on"})
    assert "Cette session a été annulée." in response.content.decode()
    assert Registration.objects.count() == 0
    # And the form is not even shown any more.
    assert "Cette session a été annulée." in client.get(session.get_register_url()).content.decode()
    with pytest.raises(services.RegistrationRefused) as refused:
        services.register(session.pk, participant_data())
    assert refused.value.code == "cancelled"


def test_registration_deadline_is_enforced(client, training):
    now = timezone.now()
    session = TrainingSessionFactory(
        page=training,
        start=now + dt.timedelta(days=1),
        end=now + dt.timedelta(days=1, hours=3),
        registration_deadline=now - dt.timedelta(minutes=1),
    )
    response = client.get(session.get_register_url())
    assert "Les inscriptions à cette session sont closes." in response.content.decode()
    with pytest.raises(services.RegistrationRefused) as refused:
        services.register(session.pk, participant_data())
    assert refused.value.code == "closed"


def test_unpublished_training_takes_no_registration(client, session):
    session.page.unpublish()
    assert client.get(session.get_register_url()).status_code == 404


def test_signals_are_sent_after_commit(session, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, registration, **kwargs):
        received.append((registration.status, registration.email))

    signals.registration_confirmed.connect(receiver)
    signals.registration_waitlisted.connect(receiver)
    try:
        session.capacity = 1
        session.save()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.register(session.pk, participant_data(email="one@example.org"))
        assert received == []
        for callback in callbacks:
            callback()
        assert received == [("confirmed", "one@example.org")]
        with django_capture_on_commit_callbacks(execute=True):
            services.register(session.pk, participant_data(email="two@example.org"))
        assert received[-1] == ("waiting", "two@example.org")
    finally:
        signals.registration_confirmed.disconnect(receiver)
        signals.registration_waitlisted.disconnect(receiver)


def test_emails_are_stored_in_the_outbox_with_the_registration(session):
    registration = services.register(session.pk, participant_data())
    stored = OutgoingEmail.for_object(registration).get()
    assert stored.kind == "cma_trainings.confirmed"
    assert stored.attachments[0][2] == "text/calendar"


def test_rate_limit_per_ip(client, session, settings):
    settings.CMA_WAGTAIL_TRAININGS_RATE_LIMIT_PER_IP = (1, 3600)
    Wizard(client, session).run()
    response = Wizard(client, session).run(participant={"email": "autre@example.org"})
    assert response.status_code == 429
    assert Registration.objects.count() == 1


def test_going_back_keeps_the_answers(wizard):
    wizard.start()
    wizard.post("participant", PARTICIPANT)
    response = wizard.client.post(
        wizard.url,
        {f"{wizard.prefix}-current_step": "diagnostic", "wizard_goto_step": "participant"},
    )
    html = response.content.decode()
    assert "Étape 1 sur 3" in html
    assert 'value="Au Cœur du Tricot"' in html


def test_price_or_free_is_required(training):
    from django.core.exceptions import ValidationError

    training.is_free = False
    training.price = None
    with pytest.raises(ValidationError) as error:
        training.full_clean()
    assert "price" in error.value.message_dict
