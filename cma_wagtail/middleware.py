"""Answer malformed requests with 400 or 413 before any view or query sees them.

A NUL character in a query string, a path or a form value reaches the database as a
string literal, which PostgreSQL refuses (a 500 on every search and filter); text that is
not UTF-8 cannot be stored either; a body larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE`` is
refused by Django only when a view reads it, as an error page rather than a 413. This
middleware is the one place that turns all of them into a short answer: a French plain
text page, or ``application/problem+json`` under the API (``CMA_WAGTAIL_API_PATH_PREFIXES``).
"""

from __future__ import annotations

import json
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

from .conf import settings as cma_settings

PROBLEM_JSON = "application/problem+json"


def _bad_bytes(raw: bytes) -> bool:
    """NUL, or not UTF-8 (lone surrogates included: strict UTF-8 refuses them)."""
    if b"\x00" in raw:
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _bad_text(text: str) -> bool:
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _bad_urlencoded(encoded: str | bytes) -> bool:
    """A percent-encoded query string or body whose decoded bytes are malformed."""
    if isinstance(encoded, str):
        encoded = encoded.encode("latin-1", errors="replace")
    return _bad_bytes(unquote_to_bytes(encoded))


def _bad_json(value) -> bool:
    """Any string (key or value) of a decoded JSON document is malformed."""
    if isinstance(value, str):
        return _bad_text(value)
    if isinstance(value, dict):
        return any(_bad_text(key) or _bad_json(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_bad_json(item) for item in value)
    return False


class MalformedInputMiddleware:
    """400 for NUL or non-UTF-8 text in the path, the query string or the submitted
    values; 413 for a body (other than a multipart upload) over
    ``DATA_UPLOAD_MAX_MEMORY_SIZE``.

    Put it early in ``MIDDLEWARE`` (before CSRF, sessions and Wagtail's redirects, which
    query the database with the path). Multipart uploads keep Django's and the forms' own
    limits (a proposal's photo size): their files are not counted here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.too_large(request):
            return self.refuse(request, 413, _("What you sent is too large. Send less at a time."))
        if self.malformed(request):
            return self.refuse(
                request,
                400,
                _(
                    "This address or this form contains characters that cannot be read "
                    "(for example a null character). Check it and try again."
                ),
            )
        return self.get_response(request)

    # Decisions -------------------------------------------------------------------------
    def too_large(self, request) -> bool:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is None or request.content_type == "multipart/form-data":
            return False
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return False
        return length > limit

    def malformed(self, request) -> bool:
        return (
            _bad_text(request.path_info)
            or _bad_urlencoded(request.META.get("QUERY_STRING", ""))
            or self.malformed_body(request)
        )

    def malformed_body(self, request) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return False
        content_type = request.content_type or ""
        if content_type == "application/x-www-form-urlencoded":
            return _bad_urlencoded(request.body)
        if content_type == "multipart/form-data":
            try:
                request.POST  # noqa: B018 (parses the fields and files once, for the view too)
            except MultiPartParserError:
                return True
            # Django's parser already cleans the files' names; the fields' values it decodes.
            values = [v for key in request.POST for v in request.POST.getlist(key)]
            return any(_bad_text(text) for text in [*request.POST, *values])
        if content_type == "application/json" or content_type.endswith("+json"):
            try:
                document = json.loads(request.body or b"null")
            except (ValueError, RecursionError):
                return False  # the view answers its own error for a body that is not JSON
            return _bad_json(document)
        return False

    def is_api(self, request) -> bool:
        return request.path_info.startswith(tuple(cma_settings.API_PATH_PREFIXES))

    # Responses ---------------------------------------------------------------------------
    def refuse(self, request, status: int, detail: str) -> HttpResponse:
        if self.is_api(request):
            title = {400: "Bad Request", 413: "Content Too Large"}[status]
            body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
            return HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_JSON)
        return HttpResponse(detail, status=status, content_type="text/plain; charset=utf-8")
