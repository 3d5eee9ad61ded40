from unittest import mock

import pytest
from django.core import mail
from django.db import transaction

from cma_wagtail import outbox
from cma_wagtail.outbox.models import OutgoingEmail

#: tests/testapp/templates/testapp/emails/notice{_subject.txt,.txt}
NOTICE = "testapp/emails/notice"
HELLO = {"subject": "Rappel", "text": "Bonjour"}


@pytest.mark.django_db(transaction=True)
def test_email_is_sent_after_commit_once():
    with transaction.atomic():
        message = outbox.queue_email(template_name=NOTICE, to=["agent@example.org"], context=HELLO)
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
            template_name=NOTICE,
            to=["agent@example.org"],
            context=HELLO,
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
    assert outbox.queue_email(template_name=NOTICE, to=["", None], context=HELLO) is None
    assert OutgoingEmail.objects.count() == 0


HOSTILE_SUBJECT = "Demande de rappel : Boulangerie\r\nBcc: victime@example.org"


@pytest.mark.django_db(transaction=True)
def test_a_subject_with_a_line_break_is_still_sent_on_one_line():
    message = outbox.queue_email(
        template_name=NOTICE,
        to=["cellule@cma.example\r\nBcc: x@example.org"],
        # NUL: PostgreSQL would refuse to store it
        context={"subject": HOSTILE_SUBJECT + "\x00", "text": "…"},
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


@pytest.mark.django_db
def test_an_email_is_rendered_when_sent_in_its_language_for_its_site():
    from django.utils import translation
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    with translation.override("en"):
        message = outbox.queue_email(
            template_name=NOTICE, to=["a@example.org"], context=HELLO, site=site, related=site
        )
    assert (message.subject, message.body) == ("", "")  # nothing rendered in the request
    site.hostname = "cma-doubs.example"
    site.save()
    assert outbox.send(OutgoingEmail, message.pk)
    [sent] = mail.outbox
    assert sent.subject == "Rappel" and sent.alternatives == []
    assert "Hello," in sent.body  # English, as when queued, not the site's default French
    assert f"{site.root_url}/suivi/" in sent.body
    assert "cma-doubs.example" in sent.body  # the object as it is when sent
    message.refresh_from_db()
    assert (message.subject, message.body) == (sent.subject, sent.body)  # what went out


@pytest.mark.django_db
def test_an_html_template_beside_the_text_one_is_its_alternative():
    message = outbox.queue_email(
        template_name="testapp/emails/page", to=["a@example.org"], context=HELLO
    )
    assert outbox.send(OutgoingEmail, message.pk)
    [sent] = mail.outbox
    assert sent.alternatives[0][1] == "text/html" and "<p>Bonjour</p>" in sent.alternatives[0][0]


@pytest.mark.django_db
def test_a_template_name_takes_no_extension():
    with pytest.raises(ValueError):
        outbox.queue_email(template_name=NOTICE + ".txt", to=["a@example.org"])


@pytest.mark.django_db
def test_a_row_queued_the_old_way_still_sends():
    """Rows stored before subjects were templates: the subject stored, the body's template
    named with its extension, an HTML template of its own."""
    message = OutgoingEmail.objects.create(
        to=["a@example.org"],
        subject="Ancien sujet",
        template_name="testapp/emails/page.txt",
        html_template_name="testapp/emails/page.html",
        context=HELLO,
        language="fr",
    )
    assert outbox.send(OutgoingEmail, message.pk)
    [sent] = mail.outbox
    assert (sent.subject, sent.body.strip()) == ("Ancien sujet", "Bonjour")
    assert "<p>Bonjour</p>" in sent.alternatives[0][0]
