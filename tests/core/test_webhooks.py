import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from cma_wagtail import outbox, webhooks
from cma_wagtail.checks import check_webhooks
from cma_wagtail.outbox.models import WebhookDelivery
from tests.factories import StandardPageFactory

SECRET = "s3cret"


class Receiver:
    """A local HTTP receiver on 127.0.0.1 that records signed POSTs."""

    def __init__(self, status=204):
        self.status = status
        self.received = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((self.headers, body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def package_pages(monkeypatch):
    """Treat the example StandardPage as a package page type for these tests."""
    monkeypatch.setattr(webhooks, "is_package_page", lambda page: True)


@pytest.mark.django_db(transaction=True)
def test_publish_posts_a_signed_event(settings, home_page, package_pages):
    with Receiver() as receiver:
        settings.CMA_WAGTAIL_WEBHOOKS = [{"url": receiver.url, "secret": SECRET}]
        page = StandardPageFactory(parent=home_page, title="Fonds de solidarité")
        page.save_revision().publish()
    assert len(receiver.received) == 1
    headers, body = receiver.received[0]
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-CMA-Signature"] == expected
    event = json.loads(body)
    assert event["event"] == "page.published"
    assert event["page"]["id"] == page.pk and event["page"]["title"] == "Fonds de solidarité"
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_failing_receiver_never_blocks_publishing_and_is_retried(
    settings, home_page, package_pages
):
    with Receiver(status=500) as receiver:
        settings.CMA_WAGTAIL_WEBHOOKS = [{"url": receiver.url, "secret": SECRET}]
        page = StandardPageFactory(parent=home_page)
        page.save_revision().publish()
        page.refresh_from_db()
        assert page.live
        delivery = WebhookDelivery.objects.get()
        assert delivery.status == WebhookDelivery.Status.FAILED
        assert "500" in delivery.last_error
        receiver.status = 200
        assert outbox.retry_pending() == (1, 0)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.Status.SENT and delivery.attempts == 2
    assert len(receiver.received) == 2


@pytest.mark.django_db(transaction=True)
def test_unpublish_and_delete_events(settings, home_page, package_pages):
    with Receiver() as receiver:
        settings.CMA_WAGTAIL_WEBHOOKS = [
            {"url": receiver.url, "secret": SECRET, "events": ["page.unpublished", "page.deleted"]}
        ]
        page = StandardPageFactory(parent=home_page)
        page.save_revision().publish()
        page.unpublish()
        page.delete()
    events = [json.loads(body)["event"] for _, body in receiver.received]
    assert events == ["page.unpublished", "page.deleted"]


@pytest.mark.django_db
def test_pages_outside_the_package_send_nothing_when_so_configured(settings, home_page):
    settings.CMA_WAGTAIL_WEBHOOKS = [{"url": "http://127.0.0.1:9/x", "secret": SECRET}]
    settings.CMA_WAGTAIL_WEBHOOK_PAGE_TYPES = "package"
    StandardPageFactory(parent=home_page).save_revision().publish()
    assert WebhookDelivery.objects.count() == 0


def test_webhook_settings_are_checked(settings):
    settings.CMA_WAGTAIL_WEBHOOKS = [{"secret": "x"}, {"url": "https://a.example"}]
    assert [m.id for m in check_webhooks(None)] == ["cma_wagtail.E006", "cma_wagtail.W004"]


@pytest.mark.django_db
def test_every_page_type_by_default_or_only_the_configured_ones(settings, home_page):
    settings.CMA_WAGTAIL_WEBHOOKS = [{"url": "https://front.example/hook", "secret": SECRET}]
    page = StandardPageFactory(parent=home_page, title="Accueil bis")
    page.save_revision().publish()
    assert WebhookDelivery.objects.filter(event="page.published").count() == 1
    settings.CMA_WAGTAIL_WEBHOOK_PAGE_TYPES = "package"
    page.save_revision().publish()
    assert WebhookDelivery.objects.filter(event="page.published").count() == 1
    settings.CMA_WAGTAIL_WEBHOOK_PAGE_TYPES = [page._meta.label]
    page.save_revision().publish()
    assert WebhookDelivery.objects.filter(event="page.published").count() == 2


@pytest.mark.django_db
def test_a_change_of_the_chamber_settings_is_an_event(settings, home_page):
    from wagtail.models import Site

    from cma_wagtail.models import ChamberSettings

    settings.CMA_WAGTAIL_WEBHOOKS = [{"url": "https://front.example/hook", "secret": SECRET}]
    site = Site.objects.get(is_default_site=True)
    chamber = ChamberSettings.for_site(site)
    WebhookDelivery.objects.all().delete()
    chamber.crisis_mode = True
    chamber.crisis_banner_message = "Inondations"
    chamber.save()
    delivery = WebhookDelivery.objects.get(event="settings.changed")
    assert delivery.payload["site"]["id"] == site.pk
    assert delivery.payload["settings"] == "cma_wagtail.ChamberSettings"
