"""Subscribing, double opt-in, preferences and unsubscribing, through HTML and JSON."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from cma_wagtail.crisis_news.models import Subscriber
from cma_wagtail.outbox.models import OutgoingEmail
from tests.markers import needs_v3

from .conftest import link

pytestmark = pytest.mark.django_db


def emails_to(address: str) -> list:
    return [m for m in OutgoingEmail.objects.all() if address in m.to]


def test_a_subscription_waits_for_its_confirmation(via):
    status, text = via.subscribe()
    assert status in (200, 201)
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "brignon.patisserie@example.fr"
    assert not subscriber.is_confirmed
    assert [t.slug for t in subscriber.topics.all()] == ["aides-financieres"]
    assert subscriber.consent_at is not None
    (message,) = mail.outbox
    assert message.to == ["brignon.patisserie@example.fr"]
    assert "Confirmez votre abonnement" in message.subject
    assert "/cma/news/alerts/confirm/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "/cma/news/alerts/confirm/" in html


def test_no_topic_ticked_means_every_topic(via):
    via.subscribe(topics=[])
    assert Subscriber.objects.get().all_topics


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"email": "pas-une-adresse"}, "Saisissez une adresse e-mail valide"),
        ({"email": ""}, "Saisissez votre adresse e-mail"),
        ({"topics": ["inconnu"]}, "n’est pas l’un des thèmes proposés"),
        ({"consent": False}, "Cochez la case"),
        ({"website": "http://spam.example"}, "pas pu être envoyée"),
        ({"form_started": "forged"}, "Ce formulaire a expiré"),
    ],
)
def test_bad_input_gets_a_french_answer_and_stores_nothing(via, overrides, error):
    status, text = via.subscribe(**overrides)
    assert status in (200, 422)
    assert error in text.replace("\\u2019", "’")
    assert not Subscriber.objects.exists()
    assert not mail.outbox


def test_an_address_already_subscribed_is_never_revealed(via, confirmed):
    before = via.subscribe(email="autre@example.fr")
    mail.outbox.clear()
    again = via.subscribe(topics=["formation"], pace="weekly")
    # The same answer as for an unknown address…
    assert again[0] == before[0]
    if via.name == "json":
        assert again[1] == before[1] == '{"result": "pending"}'
    # …nothing changed, and the owner is told.
    confirmed.refresh_from_db()
    assert confirmed.pace == "urgent_at_once"
    assert [t.slug for t in confirmed.topics.all()] == ["aides-financieres"]
    (message,) = mail.outbox
    assert message.to == [confirmed.email]
    assert "déjà abonné" in message.subject
    assert "/cma/news/alerts/manage/" in message.body


def test_subscribing_again_before_confirming_sends_a_new_link(via):
    via.subscribe()
    via.subscribe(pace="weekly")
    assert Subscriber.objects.get().pace == "weekly"
    assert len(mail.outbox) == 2
    assert all("/confirm/" in m.body for m in mail.outbox)


def test_the_confirmation_link_starts_the_subscription(via):
    via.subscribe()
    token = link(mail.outbox[0], "confirm")
    status, text = via.confirm(token)
    assert status == 200
    assert "confirm" in text.lower()
    assert Subscriber.objects.get().is_confirmed


def test_a_first_confirmation_is_a_domain_event(via, django_capture_on_commit_callbacks):
    from cma_wagtail.crisis_news.signals import subscription_confirmed

    received = []

    def receiver(sender, subscriber, **kwargs):
        received.append(subscriber.email)

    subscription_confirmed.connect(receiver)
    try:
        via.subscribe()
        token = link(mail.outbox[0], "confirm")
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            via.confirm(token)
        first = len(callbacks)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            via.confirm(token)  # again: nothing starts twice
        assert len(callbacks) == first - 1  # no event
    finally:
        subscription_confirmed.disconnect(receiver)
    assert set(received) == {Subscriber.objects.get().email}


def test_following_the_confirmation_link_only_shows_a_button(client, via):
    via.subscribe()
    token = link(mail.outbox[0], "confirm")
    response = client.get(f"/cma/news/alerts/confirm/{token}/")
    assert response.status_code == 200
    assert not Subscriber.objects.get().is_confirmed  # a mail scanner confirms nothing


def test_an_expired_link_offers_to_start_again(via, settings):
    via.subscribe()
    token = link(mail.outbox[0], "confirm")
    settings.CMA_WAGTAIL_CRISIS_NEWS_ALERTS_CONFIRM_DAYS = 0
    status, text = via.confirm(token)
    assert status == 410
    assert "Ce lien a expiré" in text.replace("\\u2019", "’")
    if via.name == "html":
        assert 'href="/cma/news/alerts/"' in text
    assert not Subscriber.objects.get().is_confirmed


def test_a_tampered_link_is_refused(via):
    via.subscribe()
    token = link(mail.outbox[0], "confirm")
    status, text = via.confirm(token[:-2] + "xx")
    assert status == 400
    assert "Ce lien n’est pas valide" in text.replace("\\u2019", "’")
    assert not Subscriber.objects.get().is_confirmed


def test_preferences_change_from_the_emails_link(via, confirmed):
    from cma_wagtail.crisis_news.tokens import manage_token

    token = manage_token(confirmed.key)
    status, _text = via.update(token, topics=["formation", "banque-et-tresorerie"], pace="weekly")
    assert status == 200
    confirmed.refresh_from_db()
    assert confirmed.pace == "weekly"
    assert sorted(t.slug for t in confirmed.topics.all()) == [
        "banque-et-tresorerie",
        "formation",
    ]


def test_unknown_topics_in_preferences_change_nothing(via, confirmed):
    from cma_wagtail.crisis_news.tokens import manage_token

    status, text = via.update(manage_token(confirmed.key), topics=["inconnu"], pace="weekly")
    assert status in (200, 422)
    assert "n’est pas l’un des thèmes proposés" in text.replace("\\u2019", "’")
    confirmed.refresh_from_db()
    assert confirmed.pace == "urgent_at_once"


def test_preferences_page_shows_the_current_choices(client, confirmed):
    from cma_wagtail.crisis_news.tokens import manage_token

    response = client.get(f"/cma/news/alerts/manage/{manage_token(confirmed.key)}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert confirmed.email in text
    assert 'value="aides-financieres"' in text and "checked" in text


@needs_v3
def test_preferences_read_as_json(client, confirmed):
    from cma_wagtail.crisis_news.tokens import manage_token

    response = client.get(
        "/api/v3/cma/crisis-news/subscriptions/preferences/",
        {"token": manage_token(confirmed.key)},
    )
    assert response.json() == {
        "email": confirmed.email,
        "all_topics": False,
        "topics": ["aides-financieres"],
        "pace": "urgent_at_once",
    }


def test_unsubscribing_deletes_the_address_in_one_click(via, confirmed):
    from cma_wagtail.crisis_news.tokens import manage_token

    OutgoingEmail.objects.create(
        to=[confirmed.email], subject="x", body="y", related_object=confirmed
    )
    token = manage_token(confirmed.key)
    status, _text = via.unsubscribe(token)
    assert status == 200
    assert not Subscriber.objects.exists()
    assert not emails_to(confirmed.email)
    # Mail clients may post twice: the same answer.
    assert via.unsubscribe(token)[0] == 200


def test_one_click_unsubscribe_needs_no_csrf_token(confirmed):
    from django.test import Client

    from cma_wagtail.crisis_news.tokens import manage_token

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/cma/news/alerts/unsubscribe/{manage_token(confirmed.key)}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_a_forged_unsubscribe_link_deletes_nobody(via, confirmed):
    status, _text = via.unsubscribe("brignon:forged")
    assert status == 400
    assert Subscriber.objects.exists()


def test_the_subscription_is_rate_limited(via, settings):
    settings.CMA_WAGTAIL_CRISIS_NEWS_ALERTS_RATE_LIMIT_PER_EMAIL = (1, 3600)
    via.subscribe()
    status, text = via.subscribe()
    assert status == 429
    assert "Trop de demandes" in text
    assert len(mail.outbox) == 1


def test_unconfirmed_subscriptions_are_purged_once_their_link_expired(confirmed, via):
    from django.core.management import call_command

    via.subscribe(email="jamais.confirme@example.fr")
    stale = Subscriber.objects.get(email="jamais.confirme@example.fr")
    Subscriber.objects.filter(pk=stale.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    call_command("purge_news_subscribers")
    assert list(Subscriber.objects.values_list("email", flat=True)) == [confirmed.email]
    assert not emails_to("jamais.confirme@example.fr")
