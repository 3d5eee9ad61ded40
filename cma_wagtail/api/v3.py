"""Glue between the capabilities and Wagtail 8's API v3 (django-ninja).

Only imported when ``wagtail.api.v3`` is installed. A capability mounts its router from its
``AppConfig.ready()`` (routers must be added before the API's URLs are first read)::

    from cma_wagtail.api.v3 import add_router
    add_router("/cma/crisis-news/", "cma_wagtail.crisis_news.api.v3_router")

Public JSON submissions reuse the HTML forms and service functions; these helpers turn their
outcome into the API's conventions: 422 ``application/problem+json`` with one message per
field (:func:`raise_form_errors`), 429 with ``Retry-After`` (:class:`RateLimited`), and
``Idempotency-Key`` replays (:func:`idempotent`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import wraps

from django.apps import apps
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string

_mounted: set[str] = set()


def is_available() -> bool:
    return apps.is_installed("wagtail.api.v3")


def add_router(prefix: str, router_path: str) -> bool:
    """Mount the router at ``router_path`` on Wagtail's v3 API (once); False without v3."""
    if not is_available() or prefix in _mounted:
        return False
    from wagtail.api.v3.api import api

    _install_exception_handlers(api)
    api.add_router(prefix, import_string(router_path))
    _mounted.add(prefix)
    return True


class RateLimited(Exception):
    """Raise from an endpoint to answer 429 Too Many Requests with ``Retry-After``."""

    def __init__(self, retry_after: int, detail: str = ""):
        self.retry_after = retry_after
        self.detail = detail
        super().__init__(detail)


_handlers_installed = False


def _install_exception_handlers(api) -> None:
    global _handlers_installed
    if _handlers_installed:
        return
    from wagtail.api.v3.errors import problem_response

    @api.exception_handler(RateLimited)
    def rate_limited(request, exc: RateLimited):
        response = problem_response(status=429, detail=str(exc.detail))
        response["Retry-After"] = str(exc.retry_after)
        return response

    _handlers_installed = True


def raise_form_errors(*forms) -> None:
    """Raise the forms' errors as one 422 problem with one entry per field (``loc`` = field).

    Several forms (the steps of a wizard validated at once) give one combined answer.
    """
    from wagtail.utils.forms import FormValidationError

    errors: dict = {}
    for form in forms:
        for path, messages in FormValidationError.get_form_errors_as_dict(form).items():
            errors.setdefault(path, []).extend(messages)
    raise FormValidationError(errors)


def outcome_response(outcome, status: int = 201):
    """A flow's :class:`~cma_wagtail.flows.Outcome` as the API's answer.

    DONE: ``status`` with ``{"result": …, **outcome.data}``; INVALID: one 422 problem
    (:func:`raise_form_errors`); RATE_LIMITED: 429 with ``Retry-After``; CLOSED: a problem
    with the outcome's status and ``errors[0].type`` = its reason; NOT_FOUND: 404.
    """
    from django.http import Http404
    from ninja import Status
    from wagtail.api.v3.errors import problem_response

    from ..flows import Kind

    if outcome.kind is Kind.DONE:
        return Status(status, {"result": outcome.result, **outcome.data})
    if outcome.kind is Kind.INVALID:
        raise_form_errors(*outcome.forms)
    if outcome.kind is Kind.RATE_LIMITED:
        raise RateLimited(outcome.retry_after, outcome.message)
    if outcome.kind is Kind.CLOSED:
        return problem_response(
            status=outcome.status,
            detail=outcome.message,
            errors=[{"type": outcome.reason, "msg": outcome.message}],
        )
    raise Http404("No form matches the given query.")


def idempotent(scope: str) -> Callable:
    """Replay the first response of a POST retried with the same ``Idempotency-Key`` header.

    The stored response is bound to a hash of the request body: the same key with another
    body answers 422. Concurrent first attempts with one key may both run; the services'
    own rules (merging callback requests by phone, one registration per email) keep that
    from creating duplicates.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            key = request.headers.get("Idempotency-Key", "").strip()
            if not key:
                return view(request, *args, **kwargs)
            from ..models_api import IdempotentResponse

            digest = _request_digest(request)
            stored = IdempotentResponse.objects.filter(scope=scope, key=key[:255]).first()
            if stored is not None:
                return _replay(stored, digest)
            result = view(request, *args, **kwargs)
            status, payload = _status_and_payload(result)
            if status >= 500:
                return result
            try:
                with transaction.atomic():
                    IdempotentResponse.objects.create(
                        scope=scope,
                        key=key[:255],
                        request_hash=digest,
                        status=status,
                        body=payload,
                    )
            except IntegrityError:
                return _replay(IdempotentResponse.objects.get(scope=scope, key=key[:255]), digest)
            return result

        return wrapper

    return decorator


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


def _replay(stored, digest: str):
    from wagtail.api.v3.errors import problem_response

    if stored.request_hash != digest:
        return problem_response(
            status=422,
            detail="This Idempotency-Key was used with another request body.",
        )
    response = HttpResponse(
        json.dumps(stored.body), status=stored.status, content_type="application/json"
    )
    response["Idempotent-Replayed"] = "true"
    return response
