"""Glue between the capabilities and Wagtail 8's API v3 (django-ninja).

Only imported when ``wagtail.api.v3`` is installed. A capability mounts its router from its
``AppConfig.ready()`` (routers must be added before the API's URLs are first read)::

    from cma_wagtail.api.v3 import add_router
    add_router("/cma/crisis-news/", "cma_wagtail.crisis_news.api.v3.router")

Public JSON submissions reuse the HTML forms and service functions; these helpers turn their
outcome into the API's conventions: 422 ``application/problem+json`` with one message per
field (:func:`raise_form_errors`), 429 with ``Retry-After`` (:class:`RateLimited`), and
``Idempotency-Key`` replays (:func:`idempotent`, from :mod:`cma_wagtail.api.idempotency`).
"""

from __future__ import annotations

from django.apps import apps
from django.utils.module_loading import import_string

from . import openapi, validation
from .content_types import require_declared_content_type
from .http_cache import answer_head, http_caching
from .idempotency import idempotent

__all__ = [
    "RateLimited",
    "add_router",
    "idempotent",
    "is_available",
    "outcome_response",
    "raise_form_errors",
]

_mounted: set[str] = set()


def is_available() -> bool:
    return apps.is_installed("wagtail.api.v3")


def add_router(prefix: str, router_path: str) -> bool:
    """Mount the router at ``router_path`` on Wagtail's v3 API (once); False without v3.

    Its operations (and its sub-routers') with a body answer 415 to a ``Content-Type`` they
    do not read (:mod:`cma_wagtail.api.content_types`); its reads answer HEAD and
    conditional requests (:mod:`cma_wagtail.api.http_cache`); the OpenAPI document says so
    (:mod:`cma_wagtail.api.openapi`).
    """
    if not is_available() or prefix in _mounted:
        return False
    from wagtail.api.v3.api import api

    _install_exception_handlers(api)
    _keep_docs_on_site(api)
    router = import_string(router_path)
    for operation in openapi.walk_operations(router):
        answer_head(operation)
        openapi.document_operation(operation)
    router.add_decorator(require_declared_content_type, mode="view")
    router.add_decorator(http_caching, mode="view")
    api.add_router(prefix, router)
    _mounted.add(prefix)
    return True


class RateLimited(Exception):
    """Raise from an endpoint to answer 429 Too Many Requests with ``Retry-After``."""

    def __init__(self, retry_after: int, detail: str = ""):
        self.retry_after = retry_after
        self.detail = detail
        super().__init__(detail)


_handlers_installed = False


def _keep_docs_on_site(api) -> None:
    """Swagger UI's validator badge sends the schema's address to validator.swagger.io: off.

    (Its scripts come from the site's static files when ``"ninja"`` is installed, see the
    ``cma_wagtail.W007`` check.)
    """
    settings = getattr(api.docs, "settings", None)
    if isinstance(settings, dict):
        settings.setdefault("validatorUrl", "none")


def _install_exception_handlers(api) -> None:
    global _handlers_installed
    if _handlers_installed:
        return
    from wagtail.api.v3.errors import problem_response

    validation.install(api, is_package_request)
    openapi.install(api)

    @api.exception_handler(RateLimited)
    def rate_limited(request, exc: RateLimited):
        response = problem_response(status=429, detail=str(exc.detail))
        response["Retry-After"] = str(exc.retry_after)
        return response

    _handlers_installed = True


def api_url(path: str) -> str | None:
    """The path of one of the package's v3 endpoints (``path`` after the API's root, e.g.
    ``"cma/callback-requests/"``), or None without API v3: a block's JSON submission URL,
    given beside its HTML form's one, both paths on the site's host."""
    if not is_available():
        return None
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("wagtailapi_v3:api-root") + path
    except NoReverseMatch:
        return None


def is_package_request(request) -> bool:
    """Whether ``request`` is for one of the package's endpoints (all under ``…/cma/``)."""
    return openapi.PACKAGE_PATHS in request.path


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
