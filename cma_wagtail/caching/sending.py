"""Sending a stored purge to Wagtail's frontend-cache backends, and telling what failed.

Wagtail's backends do not raise when the cache refuses a purge: they log it ("Couldn't purge
'…'", at ERROR on the ``wagtail.frontendcache`` logger; Cloudflare's on the root logger) and
return. To count and retry failures, :func:`purge_urls` runs Wagtail's own purge (its task's
function: language variants and the backends' ``HOSTNAMES`` as Wagtail does them) once per
backend, in the calling thread, and listens to those records meanwhile: a backend that
logged a failure or raised has failed, for the URLs its records name (all of them when they
name none, as CloudFront's, which name paths).

:func:`store` is what :mod:`cma_wagtail.caching.purge` calls on publish: one
:class:`~cma_wagtail.outbox.models.FrontendCachePurge` row in the current transaction, sent
by :func:`cma_wagtail.caching.tasks.purge` once it commits.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import transaction

from ..outbox.models import FrontendCachePurge

logger = logging.getLogger("cma_wagtail.caching")

WAGTAIL_LOGGER = "wagtail.frontendcache"
FAILURE_PREFIX = "Couldn't purge"
TASK = "cma_wagtail.caching.tasks.purge"


class PurgeFailed(Exception):
    """Some backends did not purge some URLs: ``urls`` and ``backends`` are what to retry."""

    def __init__(self, urls: list[str], backends: list[str], errors: list[str], total: int):
        self.urls, self.backends, self.errors, self.total = urls, backends, errors, total
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{len(self.urls)} of {self.total} URLs not purged. " + "; ".join(self.errors)


class _FailureRecords(logging.Handler):
    """The purge failures logged by this thread (a worker may run other threads)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread or any(r is record for r in self.records):
            return  # another thread's, or seen on the way up to the root logger
        if record.name.startswith(WAGTAIL_LOGGER) or str(record.msg).startswith(FAILURE_PREFIX):
            self.records.append(record)


@contextmanager
def _failures_logged():
    handler = _FailureRecords()
    loggers = (logging.getLogger(WAGTAIL_LOGGER), logging.getLogger())
    for each in loggers:
        each.addHandler(handler)
    try:
        yield handler.records
    finally:
        for each in loggers:
            each.removeHandler(handler)


def _wagtail_purge(urls: list[str], backend_name: str) -> None:
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    # The task's function, run here: the attempt is ours (claimed, counted, retried).
    purge_urls_from_cache_task.func(urls, None, [backend_name])


def purge_urls(urls: Iterable[str], backends: Iterable[str] | None = None) -> PurgeFailed | None:
    """Purge ``urls`` from every configured backend (or those named); what failed, or None."""
    from wagtail.contrib.frontend_cache.utils import get_backends

    urls = list(urls)
    wanted = None if backends is None else set(backends)
    names = [name for name in get_backends() if wanted is None or name in wanted]
    failed_urls: set[str] = set()
    failed_backends: list[str] = []
    errors: list[str] = []
    for name in names:
        error = ""
        with _failures_logged() as records:
            try:
                _wagtail_purge(urls, name)
            except Exception as exc:  # a backend that raises (a timeout, a client library)
                error = f"{type(exc).__name__}: {exc}"
        if not records and not error:
            continue
        named = {
            arg
            for record in records
            for arg in (record.args if isinstance(record.args, tuple) else ())
            if isinstance(arg, str)
        }
        failed_urls |= named.intersection(urls) or set(urls)
        failed_backends.append(name)
        message = error or records[0].getMessage()
        others = f" (and {len(records) - 1} more)" if len(records) > 1 else ""
        errors.append(f"{name}: {message}{others}")
    if not failed_backends:
        return None
    return PurgeFailed(
        [url for url in urls if url in failed_urls], failed_backends, errors, total=len(urls)
    )


#: The purges' priority in a queue that has priorities (django-tasks-db: 0 by default, at
#: most 100): on a crisis day thousands of emails wait in the queue, and a purge behind
#: them would leave the old page in the cache for as long.
PRIORITY = 50


def store(urls: Iterable[str], *, reason: str) -> FrontendCachePurge | None:
    """Record a purge in the current transaction; a task sends it once the transaction commits."""
    urls = sorted(set(urls))
    if not urls:
        return None
    item = FrontendCachePurge.objects.create(urls=urls, reason=reason[:255])
    transaction.on_commit(lambda: _enqueue(item.pk, 0))
    return item


def enqueue_retry(item: FrontendCachePurge) -> None:
    """Have the worker try ``item`` again at ``item.next_attempt_at``, if its queue can wait.

    A queue that runs tasks at once (Django's ``ImmediateBackend``) cannot: then
    ``manage.py cma_send_outbox`` retries it once ``next_attempt_at`` has passed.
    """
    _enqueue(item.pk, item.attempts, run_after=item.next_attempt_at)


def _enqueue(pk: int, attempts: int, run_after=None) -> None:
    """A queue that is down is logged, never raised: ``cma_send_outbox`` sends the purge."""
    from .tasks import purge

    try:
        backend = purge.get_backend()
        if run_after is not None and not backend.supports_defer:
            return
        task = purge.using(run_after=run_after)
        if backend.supports_priority:
            task = task.using(priority=PRIORITY)
        task.enqueue(pk, attempts)
    except Exception:
        logger.exception("Could not enqueue purge %s", pk)


#: Days a purge is kept once sent or given up (``manage.py cma_send_outbox`` deletes it).
KEEP_DAYS = 7


def prune(now=None) -> int:
    """Delete the purges sent or given up more than :data:`KEEP_DAYS` days ago."""
    import datetime as dt

    from django.db.models import Q
    from django.utils import timezone

    before = (now or timezone.now()) - dt.timedelta(days=KEEP_DAYS)
    done = Q(status=FrontendCachePurge.Status.SENT) | Q(
        pk__in=FrontendCachePurge.given_up().values("pk")
    )
    deleted, _by_model = FrontendCachePurge.objects.filter(done, created_at__lt=before).delete()
    return deleted
