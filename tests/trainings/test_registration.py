import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cma_wagtail.outbox.models import OutgoingEmail
from cma_wagtail.trainings import services, signals
from cma_wagtail.trainings.models import Registration
from tests.factories import RegistrationFactory, TrainingSessionFactory

from .conftest import (
    PARTICIPANT,
    Wizard,
    confirmation_path,
    participant_data,
    register_and_confirm,
)

pytestmark = pytest.mark.django_db


def fill(session, n):
    for _ in range(n):
        RegistrationFactory(session=session, status="confirmed")


def test_wizard_three_steps_confirm_a_seat(
    wizard, session, chamber, django_capture_on_commit_callbacks
):
    chamber.registration_privacy_notice = "<p>Vos données servent à organiser la formation.</p>"
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
    assert "Vérifiez votre boîte de réception" in html
    assert "nadia@coeur-tricot.example" in html
    registration = Registration.objects.get()
    assert registration.status == "pending"  # no seat until the address is confirmed
    assert registration.phone == "+33612345678"
    assert registration.siret == "73282932000074"
    assert registration.email == "nadia@coeur-tricot.example"
    assert registration.diagnostic["cash_position"] == "tight"
    assert registration.consent_at is not None
    # The first email holds the confirmation link, never the private link.
    (request_email,) = mail.outbox
    assert "Confirmez votre inscription" in request_email.subject
    assert session.visio_link not in request_email.body
    assert not request_email.attachments

    # A GET of the link (a mail scanner) takes no seat; the button does.
    url = confirmation_path(request_email)
    assert "Confirmer mon inscription" in wizard.client.get(url).content.decode()
    registration.refresh_from_db()
    assert registration.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        response = wizard.client.post(url)
    html = response.content.decode()
    assert "Inscription confirmée" in html
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    # The confirmation carries the .ics and the private link.
    assert len(mail.outbox) == 2
    message = mail.outbox[1]
    assert "Inscription confirmée" in message.subject
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
        wizard.run()
    with django_capture_on_commit_callbacks(execute=True):
        response = wizard.client.post(confirmation_path(mail.outbox[0]))
    html = response.content.decode()
    assert "Vous êtes sur la liste d’attente" in html
    registration = Registration.objects.get(email=PARTICIPANT["email"])
    assert registration.status == "waiting"
    assert len(mail.outbox) == 2
    assert all(session.visio_link not in m.body for m in mail.outbox)
    assert not mail.outbox[1].attachments


def _main(response) -> str:
    """The page as a visitor reads it (without the per-response CSRF token)."""
    import re

    html = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_a_repeat_registration_gets_the_answer_of_a_new_one(
    client, session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = Wizard(client, session).run()
    Registration.objects.update(status="confirmed")  # Nadia confirmed her address
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = Wizard(client, session).run(participant={"first_name": "Quelqu’un"})
    # Nobody learns from the answer that Nadia is registered...
    assert again.status_code == first.status_code == 200
    assert _main(again) == _main(first)
    assert Registration.objects.count() == 1
    # ...she is told by email, with her cancellation link, and nothing else changes.
    (notice,) = mail.outbox
    assert notice.to == ["nadia@coeur-tricot.example"]
    assert "déjà inscrit·e" in notice.body
    assert Registration.objects.get().get_cancel_url() in notice.body
    assert "/confirm/" not in notice.body
    assert session.visio_link not in notice.body


def test_a_repeat_with_another_case_is_the_same_address(session):
    confirmed = register_and_confirm(session, email="nadia@coeur-tricot.example")
    existing, created = services.request_registration(
        session.pk, participant_data(email="NADIA@Coeur-Tricot.example")
    )
    assert (existing.pk, created) == (confirmed.pk, False)


def test_a_pending_registration_blocks_nobody(session, django_capture_on_commit_callbacks):
    # A stranger submits Nadia's address and never confirms: Nadia registers all the same.
    stranger, _ = services.request_registration(
        session.pk, participant_data(email="nadia@example.org", first_name="Faux")
    )
    mine, created = services.request_registration(
        session.pk, participant_data(email="nadia@example.org")
    )
    assert created and mine.pk != stranger.pk
    assert services.confirm(mine.pk).status == "confirmed"
    # The stranger's link, followed later, confirms nothing twice.
    assert services.confirm(stranger.pk).pk == mine.pk
    assert not Registration.objects.filter(pk=stranger.pk).exists()


def test_after_cancelling_one_can_register_again(session):
    registration = register_and_confirm(session)
    services.cancel(registration.pk)
    again = register_and_confirm(session, email="XAVIER@patisserie.example")
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
        services.request_registration(session.pk, participant_data())
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
        services.request_registration(session.pk, participant_data())
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
        with django_capture_on_commit_callbacks(execute=True):
            pending, _ = services.request_registration(
                session.pk, participant_data(email="one@example.org")
            )
        assert received == []  # submitted is not confirmed: no seat, no signal
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.confirm(pending.pk)
        assert received == []
        for callback in callbacks:
            callback()
        assert received == [("confirmed", "one@example.org")]
        with django_capture_on_commit_callbacks(execute=True):
            register_and_confirm(session, email="two@example.org")
        assert received[-1] == ("waiting", "two@example.org")
    finally:
        signals.registration_confirmed.disconnect(receiver)
        signals.registration_waitlisted.disconnect(receiver)


def test_emails_are_stored_in_the_outbox_with_the_registration(session):
    registration = register_and_confirm(session)
    request, confirmation = OutgoingEmail.for_object(registration).order_by("pk")
    assert request.kind == "cma_trainings.confirm_request"
    assert confirmation.kind == "cma_trainings.confirmed"
    assert confirmation.attachments[0][2] == "text/calendar"


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


def _consent_step(wizard) -> str:
    wizard.start()
    wizard.post("participant", PARTICIPANT)
    response = wizard.post(
        "diagnostic",
        {"difficulties": ["revenue"], "cash_position": "tight", "expectations": "Tenir"},
    )
    return response.content.decode()


def test_the_wizard_shows_its_own_notice_with_the_real_delay(wizard, session, chamber, settings):
    chamber.callback_privacy_notice = "<p>Notice du rappel.</p>"
    chamber.save()
    settings.CMA_WAGTAIL_TRAININGS_CONFIRMATION_HOURS = 72
    html = _consent_step(wizard)
    notice = html[html.index('id="cma-registration-privacy"') :]
    notice = notice[: notice.index("</div>")]
    assert "uniquement pour organiser cette formation" in notice
    assert "Une inscription non confirmée dans les 72 heures est supprimée" in notice
    settings.CMA_WAGTAIL_TRAININGS_RETENTION_DAYS = 730  # the period the purge enforces
    notice = _consent_step(wizard)
    assert "conservée pour la gestion de la formation (présence, contrôles) 2 ans" in notice
    assert "Notice du rappel." not in html and "vous rappeler" not in notice


def test_the_chamber_may_write_its_own_registration_notice(wizard, session, chamber):
    chamber.registration_privacy_notice = "<p>Notice des inscriptions de la CMA.</p>"
    chamber.save()
    html = _consent_step(wizard)
    assert "Notice des inscriptions de la CMA." in html
    assert "uniquement pour organiser cette formation" not in html
