"""HTTP caching of the package's v3 reads, and HEAD.

Every successful GET carries an ``ETag`` (a hash of the body it sends) and a
``Last-Modified`` (when this exact body was first served, remembered in the default cache
under its ETag), and answers ``304 Not Modified`` to ``If-None-Match`` or
``If-Modified-Since`` (Django's :func:`~django.utils.cache.get_conditional_response`).
Deriving both from the body itself means no query and no signal to keep in step with the
content: a change of any kind (an edit, a draft published, an image renamed, a topic) gives
another body, hence another ETag first served *now*. If the cache forgets an ETag, its
``Last-Modified`` is only later than it could be: a client then downloads again, it is never
told an outdated copy is current.

``Cache-Control`` is ``public, max-age=CMA_WAGTAIL_API_MAX_AGE`` for anonymous reads,
``private, no-cache`` for a request with a bearer token, and ``no-store`` for the personal
reads (:func:`personal`) and for every submission (their answers name a person).

HEAD runs the GET operation and sends its headers without the body.
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from ..conf import settings as cma_settings

READS = frozenset({"GET", "HEAD"})
FIRST_SERVED_SECONDS = 60 * 60 * 24 * 30


def personal(view: Callable) -> Callable:
    """Mark a read whose answer is about one person (a signed link's data): ``no-store``."""
    view.cma_personal = True
    return view


def http_caching(run: Callable) -> Callable:
    """django-ninja "view" decorator: validators, conditional answers and Cache-Control."""
    operation = getattr(inspect.unwrap(run), "__self__", None)
    view = getattr(operation, "view_func", None)
    is_personal = bool(getattr(view, "cma_personal", False))

    @wraps(run)
    def wrapper(request, **kwargs):
        response = run(request, **kwargs)
        if request.method not in READS or is_personal:
            patch_cache_control(response, no_store=True)
            return response
        if response.status_code != 200 or getattr(response, "streaming", False):
            return response
        response = conditional(request, response)
        if request.method == "HEAD":
            response.content = b""
        return response

    return wrapper


def conditional(request, response):
    """The response with its ETag, Last-Modified and Cache-Control, or a 304 in its place."""
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    last_modified = first_served(etag)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=int(cma_settings.API_MAX_AGE))
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=last_modified, response=response
    )
    return not_modified


def first_served(etag: str) -> int:
    """When the body named ``etag`` was first served (a Unix time), remembered in the cache."""
    key = "cma:api:first-served:" + etag.strip('"')
    now = int(timezone.now().timestamp())
    cache.add(key, now, timeout=FIRST_SERVED_SECONDS)
    value = cache.get(key)
    return int(value) if value is not None else now


def answer_head(operation) -> None:
    """Let a GET operation answer HEAD too (its body is dropped by :func:`http_caching`)."""
    if "GET" in operation.methods and "HEAD" not in operation.methods:
        operation.methods = [*operation.methods, "HEAD"]
