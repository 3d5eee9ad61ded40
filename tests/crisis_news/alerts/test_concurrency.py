"""Two workers fanning out one alert at once write each subscriber's email once (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from cma_wagtail.crisis_news import fanout
from cma_wagtail.crisis_news.models import AlertDelivery, NewsAlert
from cma_wagtail.outbox.models import OutgoingEmail

from .test_sending import make_subscribers

WORKERS = 4


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_fan_outs_never_write_twice(make_news, topics, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    make_subscribers(60, topics=[topics["aides"]])
    alert = NewsAlert.objects.create(page=make_news(topics=[topics["aides"]]), urgent=True)
    barrier = threading.Barrier(WORKERS)
    errors, written = [], []

    def work():
        try:
            barrier.wait(timeout=10)
            written.append(fanout.fan_out(alert.pk, batch_size=7))
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(written) == 60
    assert AlertDelivery.objects.count() == 60
    assert OutgoingEmail.objects.filter(kind="cma_crisis_news.alert").count() == 60
