"""The subscription block in a page body (HTML) and in the API's typed body (JSON)."""

import pytest

from tests.factories import StandardPageFactory
from tests.markers import needs_v3

pytestmark = pytest.mark.django_db

BLOCK = {
    "type": "news_alerts",
    "value": {
        "heading": "Recevez les alertes",
        "intro": "Chaque mesure nouvelle, dans votre boîte.",
        "privacy_notice": "Adresse conservée par la CMA du Doubs.",
    },
}


@pytest.fixture
def page(home_page, topics, chamber):
    return StandardPageFactory(parent=home_page, title="Alertes", slug="alertes", body=[BLOCK])


def test_the_block_shows_the_subscription_form(client, page):
    response = client.get(page.url)
    text = response.content.decode()
    assert "Recevez les alertes" in text
    assert 'action="/cma/news/alerts/"' in text
    assert 'name="email"' in text and 'value="aides-financieres"' in text
    assert 'name="website"' in text and 'name="form_started"' in text  # spam defences
    assert "Adresse conservée par la CMA du Doubs." in text
    assert "sous 7\u00a0jours est supprimée" in text or "7 jours" in text


def test_the_block_form_subscribes(client, page, django_capture_on_commit_callbacks):
    from django.core import mail

    from cma_wagtail.forms import timestamp_token

    data = {
        "email": "trimadel@example.fr",
        "pace": "weekly",
        "consent": "on",
        "website": "",
        "form_started": timestamp_token(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/cma/news/alerts/", data)
    assert response.status_code == 302
    assert "Vérifiez votre boîte de réception" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1


@needs_v3
def test_the_block_in_the_api(client, page):
    body = client.get("/api/v3/cma/crisis-news/").status_code  # the API is mounted
    assert body == 200
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    (block,) = [b for b in data["body"] if b["type"] == "news_alerts"]
    assert block["value"]["submit_url"] == "/cma/news/alerts/"
    assert block["value"]["available"] is True
