"""A careful client of the public company directory (API Recherche d'entreprises).

Only ever called from a task or from a staff/public look-up endpoint, never while a
submission is being stored. Every call: the shared cache first (24 h by default), then the
breaker, the rate limit, a timeout; a 429 is retried after its ``Retry-After``, a 5xx or a
timeout after a short backoff; what is still failing raises :class:`DirectoryUnavailable`
(try again later) and what can never work raises :class:`DirectoryError`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from django.core.cache import caches

from .. import __version__
from ..conf import settings as cma_settings
from . import limits, parsing

logger = logging.getLogger(__name__)

USER_AGENT = (
    f"cma-wagtail/{__version__} (+https://cma-wagtail.readthedocs.io/; public company lookups)"
)
#: Attempts per call (the first one included).
ATTEMPTS = 3
#: Backoff before the second and third attempts after a 5xx or a timeout (seconds).
BACKOFF = (0.5, 2.0)
#: How the client waits between attempts (the tests record the waits instead).
sleep = time.sleep
#: A ``Retry-After`` longer than this is not waited for: the call gives up, the task retries.
MAX_WAIT = 10


class DirectoryError(Exception):
    """The directory cannot answer this (bad answer, feature off): retrying will not help."""


class DirectoryDisabled(DirectoryError):
    """``CMA_WAGTAIL_COMPANY_DIRECTORY_URL`` is empty."""


class DirectoryUnavailable(Exception):
    """Down, slow or rate limiting us: try again later (``retry_after`` seconds if known)."""

    def __init__(self, message: str, retry_after: int | None = None):
        self.retry_after = retry_after
        super().__init__(message)


def is_enabled() -> bool:
    return bool(cma_settings.COMPANY_DIRECTORY_URL)


def search(**params: str) -> dict[str, Any]:
    """The directory's ``GET /search`` answer for ``params`` (cached)."""
    base = cma_settings.COMPANY_DIRECTORY_URL
    if not base:
        raise DirectoryDisabled("the company directory is turned off")
    url = f"{base.rstrip('/')}/search?{urllib.parse.urlencode(sorted(params.items()))}"
    cache = caches[cma_settings.COMPANY_DIRECTORY_CACHE]
    key = "cma-companies:answer:" + hashlib.sha256(url.encode()).hexdigest()[:40]
    cached = cache.get(key)
    if cached is not None:
        return cached
    try:
        limits.breaker.check()
    except limits.CircuitOpen as exc:
        raise DirectoryUnavailable(str(exc), exc.retry_after) from None
    try:
        payload = _get_with_retries(url)
    except DirectoryUnavailable:
        limits.breaker.failure()
        raise
    limits.breaker.success()
    cache.set(key, payload, timeout=cma_settings.COMPANY_DIRECTORY_CACHE_SECONDS)
    return payload


def _get_with_retries(url: str) -> dict[str, Any]:
    error = DirectoryUnavailable("no attempt made")
    for attempt in range(ATTEMPTS):
        try:
            return _get(url)
        except DirectoryUnavailable as exc:
            error = exc
            if attempt + 1 == ATTEMPTS:
                break
            wait = exc.retry_after if exc.retry_after is not None else BACKOFF[attempt]
            if wait > MAX_WAIT:
                break
            logger.info("Company directory: %s; retrying in %s s", exc, wait)
            sleep(wait)
    raise error


def _get(url: str) -> dict[str, Any]:
    limits.throttle.wait()
    request = urllib.request.Request(  # noqa: S310 (the URL is the developer's setting)
        url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"}
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=cma_settings.COMPANY_DIRECTORY_TIMEOUT
        ) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        raise _http_error(exc) from None
    except (TimeoutError, urllib.error.URLError, ConnectionError) as exc:
        raise DirectoryUnavailable(f"no answer ({exc})") from None
    try:
        payload = json.loads(body)
        parsing.results(payload)
    except (ValueError, parsing.MalformedAnswer) as exc:
        raise DirectoryError(f"unreadable answer ({exc})") from None
    return payload


def _http_error(exc: urllib.error.HTTPError) -> Exception:
    if exc.code == 429 or exc.code >= 500:
        return DirectoryUnavailable(
            f"HTTP {exc.code}", _retry_after(exc.headers.get("Retry-After"))
        )
    return DirectoryError(f"HTTP {exc.code}")


def _retry_after(value: str | None) -> int | None:
    try:
        return max(int(value), 0) if value is not None else None
    except ValueError:
        return None
