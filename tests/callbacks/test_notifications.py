"""Store first, notify after commit; a failing mail server loses nothing."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation

from cma_wagtail import outbox
from cma_wagtail.callbacks import notifications
from cma_wagtail.callbacks.models import CallbackRequest
from cma_wagtail.callbacks.services import submit_callback_request
from cma_wagtail.callbacks.signals import callback_request_received
from cma_wagtail.models_outbox import OutgoingEmail
from tests.callbacks.conftest import form_data

CLEANED = {
    "name": "Sylvie Vuillemin",
    "business_name": "Au Cœur du Tricot",
    "phone": "+33381000001",
    "email": "sylvie@example.org",
    "topic": "cash_flow",
    "message": "Je dois reporter mes échéances.",
    "consent": True,
}


@pytest.mark.django_db(transaction=True)
def test_request_is_stored_alone_and_its_emails_are_written_and_sent_after_commit(
    callback_page, blocks, team, site
):
    received = []

    def listener(sender, callback_request, merged, **kwargs):
        received.append((callback_request.pk, merged))

    callback_request_received.connect(listener)
    try:
        with transaction.atomic():
            obj, merged = submit_callback_request(blocks[0].value, CLEANED, site, {"ip": "1.2.3.4"})
            # Stored; its emails are written once it is committed, nothing has left yet.
            assert CallbackRequest.objects.filter(pk=obj.pk, notified_at=None).exists()
            assert OutgoingEmail.for_object(obj).count() == 0
            assert mail.outbox == [] and received == []
    finally:
        callback_request_received.disconnect(listener)
    assert received == [(obj.pk, False)]
    obj.refresh_from_db()
    assert obj.notified_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == [
        "cellule@cma-doubs.example",
        "sylvie@example.org",
    ]
    team_mail = next(m for m in mail.outbox if m.to == ["cellule@cma-doubs.example"])
    assert "Au Cœur du Tricot" in team_mail.subject
    assert "03 81 00 00 01" in team_mail.body
    assert "Je dois reporter mes échéances." in team_mail.body
    assert f"/admin/cma_callbacks/callbackrequest/inspect/{obj.pk}/" in team_mail.body
    assert team_mail.reply_to == ["sylvie@example.org"]
    assert set(OutgoingEmail.for_object(obj).values_list("status", flat=True)) == {"sent"}
    # What was sent is kept with the row (the inbox shows it).
    assert all(e.body for e in OutgoingEmail.for_object(obj))


@pytest.mark.django_db(transaction=True)
def test_a_repeat_queues_its_emails_in_the_merge_transaction(callback_page, blocks, team, site):
    first, _merged = submit_callback_request(blocks[0].value, CLEANED, site)
    mail.outbox.clear()
    with transaction.atomic():
        again, merged = submit_callback_request(
            blocks[0].value, {**CLEANED, "message": "Toujours en attente."}, site
        )
        assert merged and again.pk == first.pk
        assert OutgoingEmail.for_object(first).filter(status="pending").count() == 2
    team_mail = next(m for m in mail.outbox if m.to == ["cellule@cma-doubs.example"])
    assert "Toujours en attente." in team_mail.body
    assert "2" in team_mail.body  # sent again, twice in all


@pytest.mark.django_db(transaction=True)
def test_queue_down_loses_no_notification(callback_page, blocks, team, site):
    """The task that writes the emails could not be queued: the cron's retry writes them."""
    queue_down = mock.Mock(**{"enqueue.side_effect": ConnectionError("queue down")})
    with mock.patch("cma_wagtail.callbacks.tasks.notify", queue_down):
        obj, _merged = submit_callback_request(blocks[0].value, CLEANED, site)
    assert mail.outbox == [] and OutgoingEmail.for_object(obj).count() == 0
    assert outbox.retry_pending() == (0, 0)  # too recent: its task may still be on its way
    CallbackRequest.objects.filter(pk=obj.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=5)
    )
    assert outbox.retry_pending() == (0, 0)  # written and sent by their own tasks
    assert sorted(m.to[0] for m in mail.outbox) == [
        "cellule@cma-doubs.example",
        "sylvie@example.org",
    ]
    outbox.retry_pending()
    assert len(mail.outbox) == 2  # exactly once


@pytest.mark.django_db(transaction=True)
def test_emails_are_rendered_in_the_language_of_the_submission(callback_page, blocks, team, site):
    with (
        translation.override("fr"),
        mock.patch("cma_wagtail.callbacks.tasks.notify"),
        mock.patch("cma_wagtail.outbox._enqueue"),
    ):
        obj, _merged = submit_callback_request(blocks[0].value, CLEANED, site)
        notifications.queue_request_notifications(obj.pk)
    with translation.override("en"):  # the worker's language
        for email in OutgoingEmail.for_object(obj):
            outbox.send(type(email), email.pk)
    ack = next(m for m in mail.outbox if m.to == ["sylvie@example.org"])
    assert "Nous avons bien reçu votre demande de rappel." in ack.body


@pytest.mark.django_db(transaction=True)
def test_mail_failure_keeps_request_and_retry_delivers(client, callback_page, blocks, team):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")):
        response = client.post("/cma/callbacks/submit/", form_data(blocks[0], callback_page))
    assert response.status_code == 303  # the artisan sees success
    obj = CallbackRequest.objects.get()
    emails = OutgoingEmail.for_object(obj)
    assert [e.status for e in emails] == ["failed", "failed"]
    assert all("SMTP down" in e.last_error for e in emails)
    assert mail.outbox == []
    assert outbox.retry_pending() == (2, 0)
    assert len(mail.outbox) == 2
    assert set(OutgoingEmail.for_object(obj).values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db
def test_without_team_addresses_the_chamber_is_notified(
    callback_page, blocks, chamber, site, django_capture_on_commit_callbacks
):
    value = dict(blocks[0].value)
    value["team"] = None
    with django_capture_on_commit_callbacks(execute=True):
        obj, _merged = submit_callback_request(value, {**CLEANED, "email": ""}, site)
    emails = list(OutgoingEmail.for_object(obj))
    assert [e.to for e in emails] == [["contact@cma-doubs.example"]]
    assert obj.team is None


@pytest.mark.django_db
def test_failed_notification_is_visible_in_the_inbox(
    admin_client, callback_page, blocks, site, django_capture_on_commit_callbacks
):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")):
        with django_capture_on_commit_callbacks(execute=True):
            obj, _merged = submit_callback_request(blocks[0].value, CLEANED, site)
        for email in OutgoingEmail.for_object(obj):
            outbox.send(type(email), email.pk)
    html = admin_client.get(
        f"/admin/cma_callbacks/callbackrequest/inspect/{obj.pk}/"
    ).content.decode()
    assert "SMTP down" in html
    assert "Échec" in html or "échec" in html or "Failed" in html
