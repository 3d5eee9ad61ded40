from unittest import mock

import pytest
from django.core import mail
from django.db import transaction

from cma_wagtail import outbox
from cma_wagtail.models_outbox import OutgoingEmail


@pytest.mark.django_db(transaction=True)
def test_email_is_sent_after_commit_once():
    with transaction.atomic():
        message = outbox.queue_email(to=["agent@example.org"], subject="Rappel", body="Bonjour")
        assert len(mail.outbox) == 0  # nothing leaves before the commit
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SENT
    assert len(mail.outbox) == 1
    assert outbox.send(OutgoingEmail, message.pk) is False  # never twice
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_failure_keeps_the_message_and_retry_delivers_it():
    with mock.patch(
        "django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError("down")
    ):
        message = outbox.queue_email(
            to=["agent@example.org"],
            subject="Rappel",
            body="Bonjour",
            attachments=[("session.ics", "BEGIN:VCALENDAR", "text/calendar")],
        )
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.FAILED
    assert "down" in message.last_error
    assert mail.outbox == []
    sent, failed = outbox.retry_pending()
    assert (sent, failed) == (1, 0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].attachments[0][0] == "session.ics"
    assert outbox.retry_pending() == (0, 0)


@pytest.mark.django_db
def test_empty_recipients_queue_nothing():
    assert outbox.queue_email(to=["", None], subject="x", body="y") is None
    assert OutgoingEmail.objects.count() == 0


HOSTILE_SUBJECT = "Demande de rappel : Boulangerie\r\nBcc: victime@example.org"


@pytest.mark.django_db(transaction=True)
def test_a_subject_with_a_line_break_is_still_sent_on_one_line():
    message = outbox.queue_email(
        to=["cellule@cma.example\r\nBcc: x@example.org"],
        subject=HOSTILE_SUBJECT + "\x00",  # NUL: PostgreSQL would refuse to store it
        body="…",
    )
    message.refresh_from_db()
    assert message.status == OutgoingEmail.Status.SENT, message.last_error
    [sent] = mail.outbox
    assert sent.subject == "Demande de rappel : Boulangerie Bcc: victime@example.org"
    assert sent.bcc == [] and "\nBcc:" not in sent.message().as_string()


@pytest.mark.django_db(transaction=True)
def test_a_stored_subject_with_control_characters_is_cleaned_when_sent():
    """A row written before the cleaning (or directly) is sendable too, never BadHeaderError."""
    message = OutgoingEmail.objects.create(
        to=["cellule@cma.example"],
        subject=HOSTILE_SUBJECT + "\x85\u2028fin",
        body="…",
        attachments=[["séance\r\n.ics", "BEGIN:VCALENDAR", "text/calendar"]],
    )
    assert outbox.send(OutgoingEmail, message.pk) is True
    [sent] = mail.outbox
    assert sent.subject == "Demande de rappel : Boulangerie Bcc: victime@example.org fin"
    assert sent.attachments[0][0] == "séance .ics"
