"""Alerts leave on first publication or when the editor asks, at the subscriber's pace,
through the outbox, in batches, never twice."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cma_wagtail.crisis_news import fanout
from cma_wagtail.crisis_news.models import AlertDelivery, NewsAlert, Subscriber
from cma_wagtail.outbox import retry_pending
from cma_wagtail.outbox.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def make_subscribers(count, topics=(), pace="urgent_at_once", prefix="artisan"):
    from django.utils import timezone

    subscribers = Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"{prefix}{n}@example.fr",
                key=f"{prefix}-key-{n}",
                all_topics=not topics,
                pace=pace,
                confirmed_at=timezone.now(),
            )
            for n in range(count)
        ]
    )
    through = Subscriber.topics.through
    through.objects.bulk_create(
        [through(subscriber=s, newstopic=t) for s in subscribers for t in topics]
    )
    return subscribers


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a page as the editor does, then run what is enqueued on commit (the task)."""

    def run(page, **changes):
        for name, value in changes.items():
            setattr(page, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return run


@pytest.fixture
def draft(make_news, topics):
    def make(**kwargs):
        kwargs.setdefault("topics", [topics["aides"]])
        kwargs.setdefault("urgency", "urgent")
        kwargs.setdefault("live", False)
        return make_news(
            title=kwargs.pop("title", "Fonds de solidarité : 1 500 €"),
            summary="Une aide pour les entreprises fermées.",
            valid_until=dt.date(2020, 12, 31),
            source_url="https://www.economie.gouv.fr/fonds",
            **kwargs,
        )

    return make


def test_an_urgent_page_reaches_its_subscribers_at_once(confirmed, draft, publish):
    page = publish(draft())
    (message,) = mail.outbox
    assert message.to == [confirmed.email]
    assert message.subject == "Urgent\u00a0: Fonds de solidarité : 1 500 €"
    body = message.body
    assert "Une aide pour les entreprises fermées." in body
    assert "31 décembre 2020" in body
    assert page.get_full_url() in body
    assert "https://www.economie.gouv.fr/fonds" in body
    assert "03 81 21 22 23" in body  # the callback call-to-action: the chamber's number
    assert "/cma/news/alerts/manage/" in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="{page.get_full_url()}"' in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://") and "/cma/news/alerts/unsubscribe/" in unsubscribe
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert fanout.sent_count(page) == 1


def test_the_unsubscribe_header_works_in_one_click(client, confirmed, draft, publish):
    publish(draft())
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert AlertDelivery.objects.get().subscriber is None  # the count stays, not the address


def test_nothing_is_sent_before_confirmation(via, draft, publish):
    via.subscribe()
    mail.outbox.clear()
    publish(draft())
    assert not mail.outbox


def test_other_topics_get_nothing(confirmed, draft, publish, topics):
    publish(draft(topics=[topics["formation"]]))
    assert not mail.outbox


def test_news_that_is_not_urgent_waits_for_the_weekly_digest(
    confirmed, draft, publish, django_capture_on_commit_callbacks
):
    publish(draft(urgency="important", title="Chômage partiel prolongé"))
    publish(draft(urgency="info", title="Nouveau guide sanitaire"))
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_news_digest", stdout=io.StringIO())
    (digest,) = mail.outbox
    assert digest.to == [confirmed.email]
    assert "2 nouvelles mesures" in digest.subject
    assert "Chômage partiel prolongé" in digest.body and "Nouveau guide sanitaire" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_news_digest", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # never twice


def test_weekly_subscribers_get_urgent_news_in_the_digest(
    confirmed, draft, publish, django_capture_on_commit_callbacks
):
    Subscriber.objects.update(pace="weekly")
    publish(draft())
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        assert fanout.send_digest() == 1
    assert "Fonds de solidarité" in mail.outbox[0].body


def test_republishing_tells_nobody_unless_the_editor_asks(confirmed, draft, publish):
    page = publish(draft())
    publish(page, summary="Montant porté à 10 000 €.")
    assert len(mail.outbox) == 1
    page = publish(page, summary="Montant porté à 10 000 €.", notify_subscribers=True)
    assert len(mail.outbox) == 2
    assert "Montant porté à 10 000 €." in mail.outbox[1].body
    # The box is unticked for the next time, in the page and in what the editor sees.
    assert page.notify_subscribers is False
    assert page.get_latest_revision().content["notify_subscribers"] is False
    publish(page)
    assert len(mail.outbox) == 2


def test_a_fan_out_run_again_writes_nothing_twice(confirmed, draft, publish):
    page = publish(draft())
    alert = NewsAlert.objects.get(page=page)
    assert fanout.fan_out(alert.pk) == 0
    assert OutgoingEmail.objects.filter(kind="cma_crisis_news.alert").count() == 1


def test_a_failing_mail_server_is_retried_by_the_worker(confirmed, draft, publish, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    def refuse(self, messages):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    publish(draft())
    email = OutgoingEmail.objects.get(kind="cma_crisis_news.alert")
    assert email.status == "failed"
    monkeypatch.undo()
    assert retry_pending() == (1, 0)
    assert len(mail.outbox) == 1
    assert retry_pending() == (0, 0)


def test_an_unpublished_page_is_not_announced(confirmed, draft, django_capture_on_commit_callbacks):
    page = draft()
    with django_capture_on_commit_callbacks(execute=False):
        page.save_revision().publish()
    page.refresh_from_db()
    page.unpublish()
    alert = NewsAlert.objects.get(page=page)
    assert fanout.fan_out(alert.pk) == 0


def test_publishing_costs_the_same_with_many_subscribers(draft, topics):
    """The fan-out runs in a task after commit: the publication itself does not grow."""

    def publish_queries(**kwargs) -> int:
        page = draft(**kwargs)
        with CaptureQueriesContext(connection) as queries:
            page.save_revision().publish()
        return len(queries)

    without = publish_queries(title="Sans abonnés")
    make_subscribers(30, topics=[topics["aides"]])
    assert publish_queries(title="Avec abonnés") == without


def test_each_batch_costs_the_same_queries(draft, topics, django_capture_on_commit_callbacks):
    page = draft(live=True)
    alert = NewsAlert.objects.create(page=page, urgent=True)

    def fan_out_queries(count: int, batch_size: int) -> int:
        Subscriber.objects.all().delete()
        AlertDelivery.objects.all().delete()
        NewsAlert.objects.update(fanned_out_at=None)
        make_subscribers(count, topics=[topics["aides"]], prefix=f"b{count}-")
        with CaptureQueriesContext(connection) as queries:
            assert fanout.fan_out(alert.pk, batch_size=batch_size) == count
        return len(queries)

    fan_out_queries(1, batch_size=50)  # warms the per-process caches (sites, content types)
    # One batch costs the same, with 5 subscribers or 49…
    assert fan_out_queries(5, batch_size=50) == fan_out_queries(49, batch_size=50)
    # …and each more batch the same few queries (lock, read, two INSERTs, savepoint).
    two, three, four = (fan_out_queries(n, batch_size=10) for n in (20, 30, 40))
    assert three - two == four - three <= 7


def test_the_demo_has_subscribers_and_announces_nothing_to_them(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo_data", stdout=io.StringIO())
        call_command("load_demo_data", stdout=io.StringIO())
    assert Subscriber.objects.count() == 4
    assert Subscriber.objects.confirmed().count() == 3
    assert not OutgoingEmail.objects.filter(kind__startswith="cma_crisis_news").exists()
