"""The subscribers in the back-office: list, search, filters, export, unsubscribe, counts."""

import pytest
from django.urls import reverse

from cma_wagtail.crisis_news.models import AlertDelivery, NewsAlert, Subscriber
from tests.factories import SuperUserFactory

from .test_sending import make_subscribers

pytestmark = pytest.mark.django_db

INDEX = "cma_news_subscribers:index"


@pytest.fixture
def admin_client(client, site):
    client.force_login(SuperUserFactory())
    return client


@pytest.fixture
def people(topics):
    aides = make_subscribers(2, topics=[topics["aides"]], prefix="aides")
    everything = make_subscribers(1, prefix="tout")
    formation = make_subscribers(1, topics=[topics["formation"]], prefix="formation", pace="weekly")
    Subscriber.objects.create(email="attente@example.fr")  # not confirmed
    return {"aides": aides, "all": everything, "formation": formation}


def listed(response) -> set[str]:
    text = response.content.decode()
    return {s.email for s in Subscriber.objects.all() if s.email in text}


def test_the_list_searches_and_filters(admin_client, people, topics):
    url = reverse(INDEX)
    assert len(listed(admin_client.get(url))) == 5
    assert listed(admin_client.get(url, {"q": "formation"})) == {"formation0@example.fr"}
    by_topic = listed(admin_client.get(url, {"topic": topics["aides"].pk}))
    # Subscribers of every topic receive this one too (confirmed or not).
    assert by_topic == {
        "aides0@example.fr",
        "aides1@example.fr",
        "tout0@example.fr",
        "attente@example.fr",
    }
    assert listed(admin_client.get(url, {"state": "unconfirmed"})) == {"attente@example.fr"}
    assert listed(admin_client.get(url, {"pace": "weekly"})) == {"formation0@example.fr"}


def test_the_list_costs_the_same_queries_whatever_its_length(
    admin_client, topics, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_subscribers(3, topics=[topics["aides"], topics["formation"]], prefix="a")
    admin_client.get(reverse(INDEX))
    with CaptureQueriesContext(connection) as few:
        admin_client.get(reverse(INDEX))
    make_subscribers(20, topics=[topics["aides"], topics["banque"]], prefix="b")
    with CaptureQueriesContext(connection) as many:
        admin_client.get(reverse(INDEX))
    assert len(many) == len(few)


def test_the_export_lists_topics_and_state(admin_client, people):
    response = admin_client.get(reverse(INDEX), {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert "aides0@example.fr" in text and "Aides financières" in text
    assert "Tous les thèmes" in text and "En attente de confirmation" in text


def test_the_back_office_cannot_add_a_subscriber(admin_client):
    response = admin_client.get(reverse("cma_news_subscribers:add"))
    assert response.status_code in (302, 403)


def test_deleting_is_unsubscribing(admin_client, people, make_news):
    subscriber = people["aides"][0]
    alert = NewsAlert.objects.create(page=make_news(), urgent=True)
    AlertDelivery.objects.create(alert=alert, subscriber=subscriber)
    response = admin_client.post(reverse("cma_news_subscribers:delete", args=[subscriber.pk]))
    assert response.status_code == 302
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert AlertDelivery.objects.get().subscriber is None


def test_the_dashboard_counts_subscribers_per_topic(admin_client, people):
    text = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Alertes des actualités de crise" in text
    assert "4 abonnés confirmés" in text
    # Aides financières: 2 of the topic + 1 of every topic.
    assert "<td>Aides financières</td><td>3</td>" in text
    assert "<td>Formation</td><td>2</td>" in text


def test_each_news_page_says_how_many_it_was_sent_to(admin_client, people, make_news):
    page = make_news()
    alert = NewsAlert.objects.create(page=page, urgent=True)
    AlertDelivery.objects.bulk_create(
        [AlertDelivery(alert=alert, subscriber=s) for s in people["aides"]]
    )
    text = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Envoyée à 2 abonnés" in text
    assert "prévenir les abonnés" in text.lower()
