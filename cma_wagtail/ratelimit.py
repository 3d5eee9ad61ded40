"""Cache-based fixed-window rate limiting for public forms and endpoints.

The cache named by ``CMA_WAGTAIL_RATE_LIMIT_CACHE`` must be shared by all app
servers (Redis or Memcached in production; the local-memory cache only limits
per process).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

from django.conf import settings as django_settings
from django.core.cache import caches

from .conf import settings as cma_settings


@dataclass(frozen=True)
class RateLimitResult:
    allowed: bool
    retry_after: int  # seconds until the window resets (0 when allowed)


def hash_value(value: str) -> str:
    """Salted, keyed hash used for IP addresses and rate-limit keys: never store the raw value."""
    salt = cma_settings.IP_HASH_SALT or f"cma-wagtail:{django_settings.SECRET_KEY}"
    return hmac.new(salt.encode(), value.encode(), hashlib.sha256).hexdigest()


def client_ip(request) -> str:
    """The client address as seen by Django (configure your proxy to set REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def hit(scope: str, key: str, limit: tuple[int, int]) -> RateLimitResult:
    """Count one hit for ``key`` in ``scope``; refuse once ``limit`` = (count, seconds) is passed."""
    max_hits, period = limit
    if not key or max_hits <= 0:
        return RateLimitResult(True, 0)
    window = int(time.time() // period)
    cache_key = f"cma-rl:{scope}:{hash_value(key)[:32]}:{window}"
    cache = caches[cma_settings.RATE_LIMIT_CACHE]
    # One round trip for a key's first hit in the window (most visitors post once).
    if cache.add(cache_key, 1, timeout=period + 1):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired or evicted between add and incr
            cache.set(cache_key, 1, timeout=period + 1)
            count = 1
    if count > max_hits:
        retry_after = int(period - (time.time() % period)) + 1
        return RateLimitResult(False, retry_after)
    return RateLimitResult(True, 0)
