import re

import pytest
from django.core import mail

from cma_wagtail.forms import timestamp_token
from tests.markers import needs_v3

SUBSCRIBE_URL = "/cma/news/alerts/"
V3 = "/api/v3/cma/crisis-news/subscriptions/"


def form_data(**overrides) -> dict:
    data = {
        "email": "brignon.patisserie@example.fr",
        "topics": ["aides-financieres"],
        "pace": "urgent_at_once",
        "consent": True,
        "website": "",
        "form_started": timestamp_token(),
    }
    data.update(overrides)
    return data


class HtmlPath:
    """Submits through the HTML form; answers (status, text) as a person reads it."""

    name = "html"

    def __init__(self, client):
        self.client = client

    def subscribe(self, **overrides):
        data = form_data(**overrides)
        data["consent"] = "on" if data["consent"] else ""
        response = self.client.post(SUBSCRIBE_URL, data, follow=True)
        return response.status_code, response.content.decode()

    def confirm(self, token):
        response = self.client.post(f"/cma/news/alerts/confirm/{token}/")
        return response.status_code, response.content.decode()

    def update(self, token, **data):
        response = self.client.post(f"/cma/news/alerts/manage/{token}/", data)
        return response.status_code, response.content.decode()

    def unsubscribe(self, token):
        response = self.client.post(
            f"/cma/news/alerts/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}
        )
        return response.status_code, response.content.decode()


class JsonPath(HtmlPath):
    name = "json"

    def _answer(self, response):
        return response.status_code, response.content.decode()

    def subscribe(self, **overrides):
        return self._answer(
            self.client.post(V3, form_data(**overrides), content_type="application/json")
        )

    def confirm(self, token):
        return self._answer(
            self.client.post(f"{V3}confirm/", {"token": token}, content_type="application/json")
        )

    def update(self, token, **data):
        return self._answer(
            self.client.put(
                f"{V3}preferences/", {"token": token, **data}, content_type="application/json"
            )
        )

    def unsubscribe(self, token):
        return self._answer(
            self.client.post(f"{V3}unsubscribe/", {"token": token}, content_type="application/json")
        )


@pytest.fixture(params=["html", pytest.param("json", marks=needs_v3)])
def via(request, client, topics, chamber, django_capture_on_commit_callbacks):
    """Each rule is tested through the HTML form and the JSON endpoint; emails are sent
    (the outbox's tasks run on commit)."""
    path = (HtmlPath if request.param == "html" else JsonPath)(client)

    def run(method):
        def call(*args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return method(*args, **kwargs)

        return call

    for name in ("subscribe", "confirm", "update", "unsubscribe"):
        setattr(path, name, run(getattr(path, name)))
    return path


def link(message, kind: str) -> str:
    """The token of the ``kind`` link (confirm, manage, unsubscribe) in an email."""
    match = re.search(rf"/cma/news/alerts/{kind}/([^/\s\"]+)/", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def confirmed(topics, chamber, client, django_capture_on_commit_callbacks):
    """A confirmed subscriber of "Aides financières", at once for urgent news."""
    from cma_wagtail.crisis_news.flows import confirm

    with django_capture_on_commit_callbacks(execute=True):
        HtmlPath(client).subscribe()
    token = link(mail.outbox[-1], "confirm")
    confirm(token)
    mail.outbox.clear()
    from cma_wagtail.crisis_news.models import Subscriber

    return Subscriber.objects.get()
