"""Signed webhooks on content events, so that a static front end can rebuild.

``CMA_WAGTAIL_WEBHOOKS`` lists the endpoints::

    CMA_WAGTAIL_WEBHOOKS = [
        {"url": "https://front.example/api/rebuild", "secret": "…", "events": ["page.published"]},
    ]

When a page is published, unpublished or deleted (every page type by default, see
``CMA_WAGTAIL_WEBHOOK_PAGE_TYPES``), or the chamber's settings of a site are saved
(``settings.changed``: the crisis banner, the opening hours…), one
:class:`~cma_wagtail.outbox.models.WebhookDelivery` row per endpoint is written in the
same transaction, then POSTed after commit by a django-tasks task, signed with
HMAC-SHA256 of the raw body in ``X-CMA-Signature: sha256=<hex>``. A failing receiver is
retried by ``manage.py cma_send_outbox`` and never blocks publishing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.request
import uuid

import swapper
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from .capabilities import is_installed
from .conf import settings as cma_settings
from .outbox import enqueue_on_commit
from .outbox.models import WebhookDelivery

EVENTS = ("page.published", "page.unpublished", "page.deleted", "settings.changed")
TIMEOUT_SECONDS = 10


def is_package_page(page) -> bool:
    return is_installed(page._meta.app_label)


def is_watched_page(page) -> bool:
    """Whether ``CMA_WAGTAIL_WEBHOOK_PAGE_TYPES`` covers ``page``: ``"*"`` (every page type,
    the default), ``"package"`` (the package's page types only) or a list of model labels
    (``"home.HomePage"``, case-insensitive)."""
    watched = cma_settings.WEBHOOK_PAGE_TYPES
    if watched == "*":
        return True
    if watched == "package":
        return is_package_page(page)
    return page._meta.label_lower in {str(label).lower() for label in watched}


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _endpoint(url: str) -> dict | None:
    for endpoint in cma_settings.WEBHOOKS:
        if endpoint.get("url") == url:
            return endpoint
    return None


def page_payload(page) -> dict:
    return {
        "id": page.pk,
        "type": page._meta.label,
        "title": page.title,
        "slug": page.slug,
        "url": page.full_url if page.live else None,
    }


def queue_event(event: str, page) -> list[WebhookDelivery]:
    """Record one delivery per interested endpoint; they are sent after commit."""
    if not cma_settings.WEBHOOKS:
        return []  # not even the page's URL (a query) to compute
    return _queue(event, {"page": page_payload(page)})


def queue_settings_event(chamber) -> list[WebhookDelivery]:
    """``settings.changed`` for the site whose chamber settings were saved."""
    site = chamber.site
    subject = {
        "settings": chamber._meta.label,
        "site": {"id": site.pk, "hostname": site.hostname, "root_url": site.root_url},
    }
    return _queue("settings.changed", subject)


def _queue(event: str, subject: dict) -> list[WebhookDelivery]:
    deliveries = []
    for endpoint in cma_settings.WEBHOOKS:
        wanted = endpoint.get("events") or EVENTS
        if event not in wanted:
            continue
        payload = {
            "id": str(uuid.uuid4()),
            "event": event,
            "occurred_at": timezone.now(),
            **subject,
        }
        delivery = WebhookDelivery.objects.create(
            url=endpoint["url"],
            event=event,
            payload=json.loads(json.dumps(payload, cls=DjangoJSONEncoder)),
        )
        enqueue_on_commit(delivery)
        deliveries.append(delivery)
    return deliveries


def post_signed(delivery: WebhookDelivery) -> None:
    """POST the delivery's payload; raise on any non-2xx answer or network error."""
    endpoint = _endpoint(delivery.url)
    if endpoint is None:
        raise RuntimeError("this endpoint is no longer in CMA_WAGTAIL_WEBHOOKS")
    body = json.dumps(delivery.payload, sort_keys=True).encode()
    request = urllib.request.Request(  # noqa: S310 (the URL comes from settings)
        delivery.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "cma-wagtail-webhooks",
            "X-CMA-Event": delivery.event,
            "X-CMA-Delivery": str(delivery.payload.get("id", delivery.pk)),
            "X-CMA-Signature": sign(endpoint.get("secret", ""), body),
        },
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        if not 200 <= response.status < 300:
            raise RuntimeError(f"receiver answered HTTP {response.status}")


def _on_published(sender, instance, **kwargs):
    if is_watched_page(instance):
        queue_event("page.published", instance)


def _on_unpublished(sender, instance, **kwargs):
    if is_watched_page(instance):
        queue_event("page.unpublished", instance)


def _on_deleted(sender, instance, **kwargs):
    # Django sends post_delete for each model of a multi-table chain: act on the specific one.
    Page = swapper.load_model("wagtailcore", "Page")

    if isinstance(instance, Page) and type(instance) is instance.specific_class:
        if is_watched_page(instance):
            queue_event("page.deleted", instance)


def _on_settings_saved(sender, instance, **kwargs):
    if cma_settings.WEBHOOKS:
        queue_settings_event(instance)


def connect() -> None:
    from django.db.models.signals import post_delete
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(_on_published, dispatch_uid="cma_webhooks_published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="cma_webhooks_unpublished")
    post_delete.connect(_on_deleted, dispatch_uid="cma_webhooks_deleted")

    from django.db.models.signals import post_save

    from .models import ChamberSettings

    post_save.connect(
        _on_settings_saved, sender=ChamberSettings, dispatch_uid="cma_webhooks_settings"
    )
