import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cma_wagtail.trainings import services, signals
from cma_wagtail.trainings.models import Registration
from tests.factories import RegistrationFactory

from .conftest import register_and_confirm

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_session(session):
    session.capacity = 2
    session.save()
    base = timezone.now() - dt.timedelta(days=2)
    people = {}
    for i, (name, status) in enumerate(
        [("ana", "confirmed"), ("bob", "confirmed"), ("chloe", "waiting"), ("david", "waiting")]
    ):
        people[name] = RegistrationFactory(
            session=session,
            status=status,
            first_name=name.title(),
            email=f"{name}@example.org",
            created=base + dt.timedelta(hours=i),
        )
    return session, people


def test_cancel_link_asks_then_cancels_and_promotes_the_first_waiting(
    client, full_session, django_capture_on_commit_callbacks
):
    session, people = full_session
    url = people["ana"].get_cancel_url()
    # A GET (e.g. a mail scanner following the link) changes nothing.
    response = client.get(url)
    assert "Annuler mon inscription" in response.content.decode()
    people["ana"].refresh_from_db()
    assert people["ana"].status == "confirmed"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert "Votre inscription est annulée" in response.content.decode()
    statuses = dict(Registration.objects.values_list("first_name", "status"))
    assert statuses == {
        "Ana": "cancelled",
        "Bob": "confirmed",
        "Chloe": "confirmed",
        "David": "waiting",
    }
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"ana@example.org", "chloe@example.org"}
    promoted = by_recipient["chloe@example.org"]
    assert "une place s’est libérée" in promoted.body.lower()
    assert session.visio_link in promoted.body
    assert promoted.attachments and session.visio_link in promoted.attachments[0][1]
    assert session.visio_link not in by_recipient["ana@example.org"].body


def test_cancelling_twice_changes_nothing(client, full_session):
    session, people = full_session
    url = people["ana"].get_cancel_url()
    client.post(url)
    response = client.post(url)
    assert "déjà annulée" in response.content.decode()
    assert Registration.objects.filter(status="confirmed").count() == 2


def test_cancelling_from_the_waiting_list_promotes_nobody(full_session):
    session, people = full_session
    services.cancel(people["chloe"].pk)
    assert Registration.objects.get(pk=people["david"].pk).status == "waiting"


def test_bad_token_is_404(client, session):
    registration = RegistrationFactory(session=session)
    assert client.get("/cma/trainings/cancel/nope/").status_code == 404
    token = registration.cancel_token[:-2] + "xx"
    assert client.get(f"/cma/trainings/cancel/{token}/").status_code == 404


def test_started_session_cannot_be_cancelled_online(client, training):
    from tests.factories import TrainingSessionFactory

    now = timezone.now()
    session = TrainingSessionFactory(
        page=training, start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=2)
    )
    registration = RegistrationFactory(session=session)
    response = client.post(registration.get_cancel_url())
    assert "déjà commencé" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_cancel_and_promote_signals(full_session, django_capture_on_commit_callbacks):
    session, people = full_session
    events = []

    def on_cancel(sender, registration, **kwargs):
        events.append(("cancelled", registration.email))

    def on_promote(sender, registration, **kwargs):
        events.append(("promoted", registration.email))

    signals.registration_cancelled.connect(on_cancel)
    signals.registration_promoted.connect(on_promote)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            cancelled, promoted = services.cancel(people["bob"].pk)
        assert promoted.email == "chloe@example.org"
        assert events == [("cancelled", "bob@example.org"), ("promoted", "chloe@example.org")]
    finally:
        signals.registration_cancelled.disconnect(on_cancel)
        signals.registration_promoted.disconnect(on_promote)


def test_waiting_list_is_first_come_first_served(session):
    session.capacity = 1
    session.save()
    first = register_and_confirm(session, email="first@example.org")
    second = register_and_confirm(session, email="second@example.org")
    third = register_and_confirm(session, email="third@example.org")
    assert [first.status, second.status, third.status] == ["confirmed", "waiting", "waiting"]
    _, promoted = services.cancel(first.pk)
    assert promoted.pk == second.pk


def test_raising_capacity_and_publishing_promotes_the_waiting_list(
    full_session, django_capture_on_commit_callbacks
):
    session, people = full_session
    from cma_wagtail.trainings.models import TrainingPage

    # As the editor does: change the inline session, then publish the page.
    page = TrainingPage.objects.get(pk=session.page_id)
    items = list(page.sessions.all())
    for item in items:
        if item.pk == session.pk:
            item.capacity = 3
    page.sessions = items
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    statuses = dict(Registration.objects.values_list("first_name", "status"))
    assert statuses == {
        "Ana": "confirmed",
        "Bob": "confirmed",
        "Chloe": "confirmed",
        "David": "waiting",
    }
    assert [m.to for m in mail.outbox] == [["chloe@example.org"]]


def test_cancelling_a_session_in_the_editor_tells_its_participants(
    full_session, django_capture_on_commit_callbacks
):
    from cma_wagtail.trainings.models import TrainingPage

    session, people = full_session
    page = TrainingPage.objects.get(pk=session.page_id)
    items = list(page.sessions.all())
    for item in items:
        item.status = "cancelled"
    page.sessions = items
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert set(Registration.objects.values_list("status", flat=True)) == {"cancelled"}
    assert sorted(m.to[0] for m in mail.outbox) == [
        f"{n}@example.org" for n in ("ana", "bob", "chloe", "david")
    ]
    assert all("annulée" in m.subject for m in mail.outbox)
    assert all(session.visio_link not in m.body for m in mail.outbox)
