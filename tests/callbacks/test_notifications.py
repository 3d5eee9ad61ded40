"""Store first, notify after commit; a failing mail server loses nothing."""

from unittest import mock

import pytest
from django.core import mail
from django.db import transaction

from cma_wagtail import outbox
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
def test_notifications_are_queued_in_the_transaction_and_sent_after_commit(
    callback_page, blocks, team, site
):
    received = []

    def listener(sender, callback_request, merged, **kwargs):
        received.append((callback_request.pk, merged))

    callback_request_received.connect(listener)
    try:
        with transaction.atomic():
            obj, merged = submit_callback_request(blocks[0].value, CLEANED, site, {"ip": "1.2.3.4"})
            # Stored with its outbox rows, but nothing has left yet.
            assert OutgoingEmail.for_object(obj).count() == 2
            assert mail.outbox == [] and received == []
    finally:
        callback_request_received.disconnect(listener)
    assert received == [(obj.pk, False)]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "cellule@cma-doubs.example",
        "sylvie@example.org",
    ]
    team_mail = next(m for m in mail.outbox if m.to == ["cellule@cma-doubs.example"])
    assert "Au Cœur du Tricot" in team_mail.subject
    assert "03 81 00 00 01" in team_mail.body
    assert f"/admin/cma_callbacks/callbackrequest/inspect/{obj.pk}/" in team_mail.body
    assert team_mail.reply_to == ["sylvie@example.org"]
    assert set(OutgoingEmail.for_object(obj).values_list("status", flat=True)) == {"sent"}


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
def test_without_team_addresses_the_chamber_is_notified(callback_page, blocks, chamber, site):
    value = dict(blocks[0].value)
    value["team"] = None
    obj, _merged = submit_callback_request(value, {**CLEANED, "email": ""}, site)
    emails = list(OutgoingEmail.for_object(obj))
    assert [e.to for e in emails] == [["contact@cma-doubs.example"]]
    assert obj.team is None


@pytest.mark.django_db
def test_failed_notification_is_visible_in_the_inbox(admin_client, callback_page, blocks, site):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")):
        obj, _merged = submit_callback_request(blocks[0].value, CLEANED, site)
        for email in OutgoingEmail.for_object(obj):
            outbox.send(type(email), email.pk)
    html = admin_client.get(
        f"/admin/cma_callbacks/callbackrequest/inspect/{obj.pk}/"
    ).content.decode()
    assert "SMTP down" in html
    assert "Échec" in html or "échec" in html or "Failed" in html
