"""Crisis news alerts: publishing one urgent page to 10,000 confirmed subscribers.

- the publication itself (``save_revision().publish()`` and its commit), with 0 and with
  10,000 subscribers: the fan-out is a task enqueued on commit, so both should match;
- the fan-out task writing the 10,000 emails to the outbox: time, batches, and SQL
  queries per batch for 1,000 and for 10,000 subscribers (constant);
- the worker's resident memory before and after the fan-out and after sending the emails
  (``deliver_many`` with Django's dummy email backend: rendering, headers, HTML included).
"""

from __future__ import annotations

import resource
import time

from common import median, save, setup_django, table

SUBSCRIBERS = 10_000
SENT = 1_000  # the worker sends at a steady pace: 1,000 are enough to measure it
PUBLISHES = 30


def rss_mib() -> float:
    """Current resident memory of this process (Linux), else its peak."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> dict:
    setup_django()
    from data import setup_world
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from cma_wagtail.crisis_news import fanout
    from cma_wagtail.crisis_news.models import NewsAlert, Subscriber
    from cma_wagtail.outbox import tasks as outbox_tasks
    from cma_wagtail.outbox.models import OutgoingEmail
    from tests import factories as f

    world = setup_world()
    topic = world.topics[0]

    def publish_time() -> float:
        page = f.CrisisNewsPageFactory(
            parent=world.news_index, urgency="urgent", live=False, topics=[topic]
        )
        started = time.perf_counter()
        with transaction.atomic():
            page.save_revision().publish()
        return time.perf_counter() - started

    def subscribe(count: int, start: int) -> None:
        now = timezone.now()
        Subscriber.objects.bulk_create(
            [
                Subscriber(
                    email=f"artisan{n}@bench.example",
                    key=f"bench-key-{n}",
                    all_topics=True,
                    confirmed_at=now,
                    site=world.site,
                )
                for n in range(start, start + count)
            ],
            batch_size=2000,
        )

    for _ in range(3):
        publish_time()  # warm-up
    without = median([publish_time() for _ in range(PUBLISHES)])
    subscribe(SUBSCRIBERS, 0)
    with_subscribers = median([publish_time() for _ in range(PUBLISHES)])

    def fan_out(count: int) -> dict:
        """Fan one new urgent page out to ``count`` of the subscribers (the others are
        turned into subscribers of another topic for the run)."""
        Subscriber.objects.update(all_topics=True)
        if count < SUBSCRIBERS:
            cut = Subscriber.objects.order_by("pk").values_list("pk", flat=True)[count]
            Subscriber.objects.filter(pk__gte=cut).update(all_topics=False)
        page = f.CrisisNewsPageFactory(parent=world.news_index, urgency="urgent", topics=[topic])
        alert = NewsAlert.objects.create(page=page, urgent=True)
        size = fanout.cma_settings.CRISIS_NEWS_ALERTS_BATCH_SIZE
        before = rss_mib()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            written = fanout.fan_out(alert.pk)
            elapsed = time.perf_counter() - started
        assert written == count, (written, count)
        # Each batch starts by locking the alert: the queries between two locks are a batch.
        locks = [
            i
            for i, q in enumerate(queries.captured_queries)
            if 'FROM "cma_crisis_news_newsalert"' in q["sql"]
        ][1:]
        per_batch = [b - a for a, b in zip(locks, locks[1:], strict=False)]
        return {
            "count": count,
            "seconds": elapsed,
            "batches": -(-count // size),
            "queries": len(queries),
            "per_batch": f"{per_batch[0]} (first) / {per_batch[-1]} (last)",
            "rss_before": before,
            "rss_after": rss_mib(),
            "alert": alert,
        }

    small = fan_out(1_000)
    OutgoingEmail.objects.all().delete()
    big = fan_out(SUBSCRIBERS)

    pks = list(
        OutgoingEmail.objects.filter(kind="cma_crisis_news.alert")
        .order_by("pk")
        .values_list("pk", flat=True)[:SENT]
    )
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        started = time.perf_counter()
        sent = 0
        for start in range(0, len(pks), 500):  # as the worker: one deliver_many per batch
            sent += outbox_tasks.deliver_many.call(
                "cma_wagtail.OutgoingEmail", pks[start : start + 500]
            )
        send_seconds = time.perf_counter() - started
    rss_sent = rss_mib()

    rows = [
        ["publish one urgent page, 0 subscribers (median)", f"{without * 1000:.1f} ms"],
        [
            f"publish one urgent page, {SUBSCRIBERS:,} subscribers (median)",
            f"{with_subscribers * 1000:.1f} ms ({with_subscribers / without:.2f}×)",
        ],
        [
            f"fan-out to {small['count']:,}: outbox written in",
            f"{small['seconds']:.2f} s, {small['batches']} batches, "
            f"queries per batch {small['per_batch']}",
        ],
        [
            f"fan-out to {big['count']:,}: outbox written in",
            f"{big['seconds']:.2f} s, {big['batches']} batches, "
            f"queries per batch {big['per_batch']}",
        ],
        [
            "worker memory (RSS) before / after the fan-out",
            f"{big['rss_before']:.0f} MiB / {big['rss_after']:.0f} MiB",
        ],
        [
            f"worker sends {sent:,} emails (text + HTML, headers)",
            f"{send_seconds:.1f} s ({send_seconds / max(sent, 1) * 1000:.2f} ms each), "
            f"RSS {rss_sent:.0f} MiB",
        ],
    ]
    text = table(
        "Alerts: one urgent page to 10,000 subscribers",
        ["measure", "result"],
        rows,
    )
    data = {
        "publish_without_ms": without * 1000,
        "publish_with_ms": with_subscribers * 1000,
        "fan_out": [{k: v for k, v in r.items() if k != "alert"} for r in (small, big)],
        "sent": sent,
        "send_seconds": send_seconds,
        "rss_sent": rss_sent,
    }
    save("alerts", text, data)
    return data


if __name__ == "__main__":
    main()
