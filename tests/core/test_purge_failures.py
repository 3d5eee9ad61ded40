"""A purge the shared cache refuses is counted, retried with a backoff and sent once the cache
answers again (docs/deployment.md, "What to watch"). The cache is a local HTTP server
answering Wagtail's ``PURGE`` requests (HTTPBackend, as for nginx or Varnish)."""

from __future__ import annotations

import datetime as dt
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import timezone

from cma_wagtail import outbox
from cma_wagtail.caching import sending, tasks
from cma_wagtail.outbox.models import FrontendCachePurge
from tests import cache_helpers
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db
#: Where the fake cache listens (0: a free port; CMA_TEST_CACHE_PORT to pin it).
PORT = int(os.environ.get("CMA_TEST_CACHE_PORT", "0"))
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


class FakeCache:
    """Answers ``PURGE`` with ``status`` (``failing`` paths: always 500); records the rest."""

    def __init__(self):
        self.status = 200
        self.failing: set[str] = set()
        self.purged: list[tuple[str, str, int]] = []
        cache = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
                status = 500 if self.path in cache.failing else cache.status
                cache.purged.append((self.headers["Host"], self.path, status))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def paths(self, status: int | None = None) -> list[str]:
        return [path for _host, path, code in self.purged if status is None or code == status]


@pytest.fixture
def cache():
    fake = FakeCache()
    fake.thread.start()
    backends = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": fake.url,
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backends):
        yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture
def page(home_page):
    return StandardPageFactory(parent=home_page, slug="fonds", title="Fonds de solidarité")


def _status(*args: str) -> str:
    out = StringIO()
    call_command("cma_status", *args, stdout=out)
    return out.getvalue()


def _purges_queued(backend) -> list:
    return [r for r in backend.results if r.task.module_path == sending.TASK]


def _publish(page, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_a_refused_purge_is_counted_retried_and_sent_when_the_cache_is_back(
    cache, page, django_capture_on_commit_callbacks
):
    cache.status = 500
    before = timezone.now()
    _publish(page, django_capture_on_commit_callbacks)

    page.refresh_from_db()
    assert page.live  # the publication never depends on the cache
    purge = FrontendCachePurge.objects.get()
    assert cache.paths(500)  # it was tried, once the publication committed
    assert purge.status == "failed" and purge.attempts == 1
    assert "http://localhost/fonds/" in purge.urls
    assert "HTTPError: 500" in purge.last_error
    # The next attempt after the first delay (10 s by default).
    assert before + dt.timedelta(seconds=10) <= purge.next_attempt_at
    assert purge.next_attempt_at <= timezone.now() + dt.timedelta(seconds=10)

    output = _status()
    assert (
        "purges du cache partagé\u00a0: 0 en attente, 1 en échec (dont 0 abandonnée(s))" in output
    )
    with pytest.raises(CommandError, match="Plus de 0 purge"):
        _status("--max-failed-purges", "0")

    # The cache answers again; cma_send_outbox (cron) waits for the backoff…
    cache.status = 200
    tried = len(cache.purged)
    assert outbox.retry_pending() == (0, 0)
    assert len(cache.purged) == tried
    # …then sends it: every URL of the publication is purged.
    FrontendCachePurge.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    assert outbox.retry_pending() == (1, 0)
    purge.refresh_from_db()
    assert purge.status == "sent" and purge.attempts == 2
    assert set(cache.paths(200)) == set(cache.paths(500))
    assert ("localhost", "/fonds/") in {(host, path) for host, path, _code in cache.purged}
    assert "0 en attente, 0 en échec (dont 0 abandonnée(s))" in _status("--max-failed-purges", "0")


def test_the_worker_retries_after_the_backoff_when_its_queue_can_wait(
    cache, page, django_capture_on_commit_callbacks
):
    cache.status = 503
    with override_settings(TASKS=DUMMY_TASKS):
        from django_tasks import default_task_backend

        _publish(page, django_capture_on_commit_callbacks)
        (first,) = _purges_queued(default_task_backend)
        purge = FrontendCachePurge.objects.get()
        assert list(first.args) == [purge.pk, 0]
        assert first.task.priority == sending.PRIORITY  # ahead of a queue full of emails
        assert purge.status == "pending"  # stored with the publication, sent by the worker

        assert tasks.purge.call(*first.args) is False  # the worker runs it: refused
        _first, retry = _purges_queued(default_task_backend)
        purge.refresh_from_db()
        assert purge.status == "failed" and purge.attempts == 1
        assert list(retry.args) == [purge.pk, 1]
        assert retry.task.run_after == purge.next_attempt_at

        cache.status = 200
        assert tasks.purge.call(*retry.args) is True
        purge.refresh_from_db()
        assert purge.status == "sent" and purge.attempts == 2
        # A retry scheduled before someone else's attempt is not an attempt more.
        assert tasks.purge.call(*retry.args) is False
        assert FrontendCachePurge.objects.get().attempts == 2


@override_settings(CMA_WAGTAIL_PURGE_RETRY_SECONDS=(0,))
def test_a_purge_is_given_up_after_its_last_attempt_and_deleted_a_week_later(
    cache, page, django_capture_on_commit_callbacks
):
    cache.status = 500
    _publish(page, django_capture_on_commit_callbacks)
    assert outbox.retry_pending() == (0, 1)  # the one retry
    purge = FrontendCachePurge.objects.get()
    assert purge.attempts == 2 and purge.next_attempt_at is None
    assert outbox.retry_pending() == (0, 0)  # bounded: no third attempt
    assert "1 en échec (dont 1 abandonnée(s))" in _status()

    assert sending.prune() == 0  # kept a week, still counted
    FrontendCachePurge.objects.update(created_at=timezone.now() - dt.timedelta(days=8))
    assert sending.prune() == 1


def test_only_what_failed_is_tried_again(cache, page, django_capture_on_commit_callbacks):
    """Of two backends, the one that purged is not asked again; of the URLs, only those the
    cache refused."""
    cache.failing = {"/fonds/"}
    backends = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": cache.url,
        },
        "recorder": {"BACKEND": "tests.cache_helpers.FakeFrontendCache"},
    }
    cache_helpers.PURGED.clear()
    with override_settings(WAGTAILFRONTENDCACHE=backends):
        _publish(page, django_capture_on_commit_callbacks)
        purge = FrontendCachePurge.objects.get()
        assert purge.status == "failed"
        assert purge.backends == ["nginx"]
        assert purge.urls == ["http://localhost/fonds/"]
        recorded = len(cache_helpers.PURGED)
        assert "http://localhost/fonds/" in cache_helpers.PURGED

        cache.failing = set()
        FrontendCachePurge.objects.update(next_attempt_at=None)
        assert outbox.retry_pending() == (1, 0)
    assert len(cache_helpers.PURGED) == recorded
    assert cache.paths(200)[-1] == "/fonds/"


def test_a_backend_that_raises_is_a_failure_too(page, django_capture_on_commit_callbacks):
    down = {"down": {"BACKEND": "tests.cache_helpers.BrokenFrontendCache"}}
    with override_settings(WAGTAILFRONTENDCACHE=down):
        _publish(page, django_capture_on_commit_callbacks)
    purge = FrontendCachePurge.objects.get()
    assert purge.status == "failed" and purge.backends == ["down"]
    assert "OSError: cache down" in purge.last_error
