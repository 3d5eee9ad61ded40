"""Store first, notify after commit; a failing mail server loses nothing."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone, translation

from cma_wagtail import outbox
from cma_wagtail.callbacks import emails as notifications
from cma_wagtail.callbacks.models import CallbackRequest
from cma_wagtail.callbacks.services import submit_callback_request
from cma_wagtail.callbacks.signals import callback_request_received
from cma_wagtail.outbox.models import OutgoingEmail
from cma_wagtail.text import one_line
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
        mock.patch("cma_wagtail.outbox.delivery._enqueue"),
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


@pytest.mark.django_db(transaction=True)
def test_a_strangers_repeat_reaches_the_team_only(callback_page, blocks, team, site):
    """Someone else types Sylvie's number: the agents read what they said, apart from
    Sylvie's request; Sylvie's acknowledgement tells nothing of that person."""
    first, _merged = submit_callback_request(blocks[0].value, CLEANED, site)
    mail.outbox.clear()
    stranger = {
        **CLEANED,
        "name": "Marc Curieux",
        "business_name": "Garage du Saugeais",
        "email": "marc@example.org",
        "siret": "73282932000074",
        "message": "Je voudrais savoir qui a appelé.",
    }
    again, merged = submit_callback_request(blocks[0].value, stranger, site)
    assert merged and again.pk == first.pk
    again.refresh_from_db()
    assert (again.name, again.business_name, again.email, again.siret) == (
        "Sylvie Vuillemin",
        "Au Cœur du Tricot",
        "sylvie@example.org",
        "",
    )
    assert again.message == "Je dois reporter mes échéances."
    team_mail = next(m for m in mail.outbox if m.to == ["cellule@cma-doubs.example"])
    assert "Marc Curieux" in team_mail.body and "Je voudrais savoir" in team_mail.body
    assert [m.to for m in mail.outbox if m is not team_mail] == [["sylvie@example.org"]]
    ack = next(m for m in mail.outbox if m.to == ["sylvie@example.org"])
    stored_ack = OutgoingEmail.for_object(first).filter(kind="callback_ack").latest("pk")
    for secret in ("Marc", "Saugeais", "marc@example.org", "73282932000074", "savoir qui"):
        assert secret not in ack.body and secret not in ack.subject
        assert secret not in str(stored_ack.context)  # nor kept with the email to send


@pytest.mark.django_db
def test_the_agent_sees_the_repeats_note_in_the_inspect_view(
    admin_client, callback_page, blocks, site
):
    first, _merged = submit_callback_request(blocks[0].value, CLEANED, site)
    submit_callback_request(
        blocks[0].value, {**CLEANED, "name": "Marc Curieux", "message": "Autre chose"}, site
    )
    html = admin_client.get(
        f"/admin/cma_callbacks/callbackrequest/inspect/{first.pk}/"
    ).content.decode()
    history = html[html.index('id="cb-history"') :]
    assert "Demande renvoyée" in history
    assert "Marc Curieux" in history and "Autre chose" in history
    summary = html[: html.index('id="cb-history"')]
    assert "Marc Curieux" not in summary


HOSTILE = "Boulangerie\r\nBcc: x@y.example"


@pytest.mark.parametrize("merged", [False, True])
@pytest.mark.django_db(transaction=True)
def test_a_line_break_in_a_stored_value_never_stops_the_teams_email(
    callback_page, blocks, team, site, merged
):
    obj = CallbackRequest.objects.create(
        site=site,
        team=team,
        phone="+33381000001",
        name="Sylvie\nVuillemin",
        business_name=HOSTILE,
        email="sylvie@example.org",
        topic="cash_flow",
        submission_count=2 if merged else 1,
    )
    from cma_wagtail.models import ChamberSettings

    notifications.queue_notifications(
        obj, merged=merged, chamber=ChamberSettings.for_site(site), new_message="x"
    )
    team_mail = next(m for m in mail.outbox if m.to == ["cellule@cma-doubs.example"])
    assert "\n" not in team_mail.subject and "\r" not in team_mail.subject
    assert "Boulangerie Bcc: x@y.example" in team_mail.subject
    assert team_mail.bcc == []
    message = team_mail.message()
    assert message["Bcc"] is None
    assert set(OutgoingEmail.for_object(obj).values_list("status", flat=True)) == {"sent"}


def test_subjects_are_one_line_and_capped():
    assert one_line("a\x00b\u202ec\u2028d  e", 100) == "a b c d e"
    capped = one_line("x" * 500, 60)
    assert len(capped) == 60 and capped.endswith("…")
    assert notifications.address("a@b.example\nBcc: c@d.example") == ""
    assert notifications.address(" a@b.example ") == "a@b.example"
