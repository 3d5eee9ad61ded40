"""``Idempotency-Key`` replays for the public JSON submissions.

A key means something only to the client that chose it, for the request it was sent with:
the stored answer is found by a SHA-256 of (client, method, path, whole key). The client is
a keyed hash of its bearer token when it sends one, else of its IP address, so one client
can never replay (or block) another's answer, and a key reused on another URL (another
session, another form) runs that request instead of replaying the first one. Keys are never
stored: two long keys that share a prefix stay two keys.

A stored answer is replayed for ``CMA_WAGTAIL_IDEMPOTENCY_KEY_HOURS`` (24 by default), the
time a client may reasonably retry; ``manage.py cma_send_outbox`` (the cron every few
minutes) deletes older ones (:func:`purge_expired`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from functools import wraps

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..conf import settings as cma_settings
from ..ratelimit import client_ip, hash_value

HEADER = "Idempotency-Key"


def idempotent(scope: str) -> Callable:
    """Replay the first response of a POST retried with the same ``Idempotency-Key`` header.

    ``scope`` names the endpoint in the stored rows (for people reading the table). The
    stored response is bound to a hash of the request body: the same key with another body
    answers 422. Concurrent first attempts with one key may both run; the flows' own rules
    (one open callback request per phone, one registration per email) keep that from
    creating duplicates.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            key = request.headers.get(HEADER, "").strip()
            if not key:
                return view(request, *args, **kwargs)
            return _run_once(scope, key_digest(request, key), request, view, args, kwargs)

        wrapper.cma_idempotent = True  # documented as such (cma_wagtail.api.openapi)
        return wrapper

    return decorator


def key_digest(request: HttpRequest, key: str) -> str:
    """SHA-256 of the key as this client sent it to this method and path."""
    scoped = json.dumps([client_identity(request), request.method, request.path, key])
    return hashlib.sha256(scoped.encode()).hexdigest()


def client_identity(request: HttpRequest) -> str:
    """Who sent the request: a hash of its bearer token if any, else of its IP address."""
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "token:" + hash_value("bearer:" + token.strip())
    return "ip:" + hash_value("ip:" + client_ip(request))


def expiry_cutoff() -> dt.datetime:
    """Stored answers created before this are no longer replayed."""
    return timezone.now() - dt.timedelta(hours=cma_settings.IDEMPOTENCY_KEY_HOURS)


def purge_expired() -> int:
    """Delete the answers past their lifetime; return how many."""
    from ..models_api import IdempotentResponse

    deleted, _by_model = IdempotentResponse.objects.filter(created_at__lt=expiry_cutoff()).delete()
    return deleted


def _run_once(scope, digest, request, view, args, kwargs):
    from ..models_api import IdempotentResponse

    body_hash = _request_digest(request)
    stored = IdempotentResponse.objects.filter(key_hash=digest).first()
    if stored is not None and stored.created_at < expiry_cutoff():
        stored.delete()  # not purged yet: this key is new again
        stored = None
    if stored is not None:
        return _replay(stored, body_hash)
    result = view(request, *args, **kwargs)
    status, payload = _status_and_payload(result)
    if status >= 500:
        return result
    try:
        with transaction.atomic():
            IdempotentResponse.objects.create(
                scope=scope, key_hash=digest, request_hash=body_hash, status=status, body=payload
            )
    except IntegrityError:  # a concurrent first attempt stored its answer first
        return _replay(IdempotentResponse.objects.get(key_hash=digest), body_hash)
    return result


def _request_digest(request: HttpRequest) -> str:
    """A hash of what was sent: the raw body, or the parsed fields and files of a multipart
    request (its boundary changes between retries, and Django has already read its body)."""
    content_type = request.content_type or ""
    if content_type.startswith("multipart/") or content_type.endswith("x-www-form-urlencoded"):
        digest = hashlib.sha256()
        for name in sorted(request.POST):
            for value in request.POST.getlist(name):
                digest.update(f"{name}={value}\n".encode())
        for name in sorted(request.FILES):
            for upload in request.FILES.getlist(name):
                digest.update(f"{name}:{upload.name}:{upload.size}\n".encode())
                for chunk in upload.chunks():
                    digest.update(chunk)
                upload.seek(0)
        return digest.hexdigest()
    return hashlib.sha256(request.body or b"").hexdigest()


def _status_and_payload(result) -> tuple[int, object]:
    if isinstance(result, HttpResponse):
        try:
            return result.status_code, json.loads(result.content or b"null")
        except ValueError:
            return result.status_code, None
    if hasattr(result, "status_code") and hasattr(result, "value"):  # ninja.Status
        status, payload = result.status_code, result.value
    elif isinstance(result, tuple) and len(result) == 2:
        status, payload = result
    else:
        status, payload = 200, result
    if hasattr(payload, "model_dump"):
        payload = payload.model_dump(mode="json")
    return int(status), json.loads(json.dumps(payload, default=str))


def _replay(stored, body_hash: str):
    from wagtail.api.v3.errors import problem_response

    if stored.request_hash != body_hash:
        return problem_response(
            status=422,
            detail=_("This Idempotency-Key was used with another request body."),
        )
    response = HttpResponse(
        json.dumps(stored.body), status=stored.status, content_type="application/json"
    )
    response["Idempotent-Replayed"] = "true"
    return response
