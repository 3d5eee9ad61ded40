"""Sending alerts: from a publication to the outbox, in batches, never twice.

Publishing only records a :class:`NewsAlert` and enqueues :func:`fan_out` on commit (the
publish request costs the same with 10 or 10,000 subscribers). The task walks the
confirmed subscribers of the page's topics in primary-key batches of
``CMA_WAGTAIL_CRISIS_NEWS_ALERTS_BATCH_SIZE``; each batch is one transaction of the same
few queries whatever its size (lock the alert, read the batch, one INSERT of emails, one
INSERT of deliveries). The unique (alert, subscriber) delivery and the lock make a
retried, repeated or concurrent fan-out skip whom it already wrote to. Urgent news goes at
once to subscribers who want it so; everything else waits for :func:`send_digest`.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone, translation

from cma_wagtail.conf import settings as cma_settings
from cma_wagtail.outbox import enqueue_task_on_commit, queue_emails
from cma_wagtail.visibility import is_visible

from . import emails
from .models import AlertDelivery, CrisisNewsPage, NewsAlert, Pace, Subscriber, Urgency

logger = logging.getLogger(__name__)

#: What a batch reads of each subscriber (no model instance is filled beyond these).
SUBSCRIBER_FIELDS = ("pk", "email", "key", "pace", "site_id")


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    """``page_published`` receiver: announce a first publication, or a ticked republication."""
    page = instance.specific if not isinstance(instance, CrisisNewsPage) else instance
    if not isinstance(page, CrisisNewsPage) or page.alias_of_id:  # an alias is not news
        return
    first = page.first_published_at is None or page.first_published_at == page.last_published_at
    if not (first or page.notify_subscribers):
        return
    announce(page, getattr(revision, "pk", None))
    if page.notify_subscribers:
        # Untick it, in the page and in its latest revision, so the next republication
        # does not announce the page again unless the editor ticks it again.
        CrisisNewsPage.objects.filter(pk=page.pk).update(notify_subscribers=False)
        page.notify_subscribers = False
        if revision is not None and revision.content.get("notify_subscribers"):
            revision.content["notify_subscribers"] = False
            revision.save(update_fields=["content"])


def announce(page: CrisisNewsPage, revision_id: int | None = None) -> NewsAlert:
    """Record one announcement of ``page`` and have it fanned out once this commits."""
    alert, created = NewsAlert.objects.get_or_create(
        page=page, revision_id=revision_id, defaults={"urgent": page.urgency == Urgency.URGENT}
    )
    if created:
        enqueue_task_on_commit("cma_wagtail.crisis_news.tasks.fan_out_alert", alert.pk)
    return alert


def recipients(alert: NewsAlert, topic_ids: list[int]):
    """Confirmed subscribers of the page's topics who have no copy of this alert yet."""
    done = AlertDelivery.objects.filter(alert=alert, subscriber=OuterRef("pk"))
    return (
        Subscriber.objects.confirmed()
        .for_topics(topic_ids)
        .filter(~Exists(done))
        .only(*SUBSCRIBER_FIELDS)
        .order_by("pk")
    )


def fan_out(alert_id: int, batch_size: int | None = None) -> int:
    """Write ``alert_id``'s copies, batch after batch; return how many were written."""
    alert = NewsAlert.objects.select_related("page").filter(pk=alert_id).first()
    if alert is None or alert.fanned_out_at is not None:  # done: newcomers get the next one
        return 0
    page = alert.page
    if not is_visible(page):  # unpublished or restricted since: nobody is told
        return 0
    size = batch_size or int(cma_settings.CRISIS_NEWS_ALERTS_BATCH_SIZE)
    topic_ids = list(page.topics.values_list("pk", flat=True))
    site = page.get_site()
    base_url = emails.base_url_for(site=site)
    with translation.override(settings.LANGUAGE_CODE):
        item = emails.news_item(page, base_url)
    written, after = 0, 0
    while True:
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            NewsAlert.objects.select_for_update().filter(pk=alert.pk).first()
            batch = list(recipients(alert, topic_ids).filter(pk__gt=after)[:size])
            if not batch:
                break
            write_batch(alert, item, batch, base_url)
        written += len(batch)
        after = batch[-1].pk
        if len(batch) < size:  # the last one: no need to ask for an empty batch
            break
    NewsAlert.objects.filter(pk=alert.pk).update(fanned_out_at=timezone.now())
    logger.info("News alert %s written for %d subscribers", alert.pk, written)
    return written


def write_batch(alert: NewsAlert, item: dict, batch: list[Subscriber], base_url: str) -> None:
    """One INSERT of the emails due now, one INSERT of every delivery of the batch."""
    now = timezone.now()
    at_once = alert.urgent
    deliveries, messages = [], []
    for subscriber in batch:
        immediate = at_once and subscriber.pace == Pace.URGENT_AT_ONCE
        deliveries.append(
            AlertDelivery(
                alert=alert,
                subscriber=subscriber,
                in_digest=not immediate,
                queued_at=now if immediate else None,
            )
        )
        if immediate:
            messages.append(emails.alert_email(subscriber, item, base_url))
    AlertDelivery.objects.bulk_create(deliveries)
    queue_emails(messages)


def pending_digest():
    """Deliveries waiting for the weekly digest, of subscribers still here."""
    return AlertDelivery.objects.filter(
        in_digest=True, queued_at__isnull=True, subscriber__isnull=False
    )


def send_digest(batch_size: int | None = None) -> int:
    """Write one digest email per subscriber with news waiting; return how many."""
    size = batch_size or int(cma_settings.CRISIS_NEWS_ALERTS_BATCH_SIZE)
    written, after = 0, 0
    while True:
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            subscriber_ids = list(
                pending_digest()
                .filter(subscriber_id__gt=after)
                .order_by("subscriber_id")
                .values_list("subscriber_id", flat=True)
                .distinct()[:size]
            )
            if not subscriber_ids:
                break
            written += _write_digests(subscriber_ids)
        after = subscriber_ids[-1]
    return written


def _write_digests(subscriber_ids: list[int]) -> int:
    """Lock the batch's waiting deliveries, write one email each, mark them queued."""
    waiting = list(
        pending_digest()
        .filter(subscriber_id__in=subscriber_ids)
        .select_for_update(of=("self",))
        .select_related("alert__page", "subscriber__site")
        .order_by("subscriber_id", "alert__page__published_on", "alert_id")
    )
    by_subscriber: dict[int, tuple[Subscriber, dict]] = {}
    for delivery in waiting:
        page = delivery.alert.page
        subscriber, pages = by_subscriber.setdefault(
            delivery.subscriber_id, (delivery.subscriber, {})
        )
        pages.setdefault(page.pk, page)  # a page announced twice is listed once
    items_cache: dict[int, dict] = {}
    messages = []
    for subscriber, pages in by_subscriber.values():
        items = [
            items_cache.setdefault(page.pk, emails.news_item(page))
            for page in pages.values()
            if page.live
        ]
        if items:
            base_url = emails.base_url_for(site=_site(subscriber, pages))
            messages.append(emails.digest_email(subscriber, items, base_url))
    queue_emails(messages)
    AlertDelivery.objects.filter(pk__in=[d.pk for d in waiting]).update(queued_at=timezone.now())
    return len(messages)


def _site(subscriber: Subscriber, pages: dict):
    if subscriber.site_id:
        return subscriber.site
    page = next(iter(pages.values()))
    return page.get_site()


def sent_count(page: CrisisNewsPage) -> int:
    """How many subscribers were sent this page (or have it in their next digest)."""
    return AlertDelivery.objects.filter(alert__page=page).count()
