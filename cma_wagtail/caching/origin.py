"""Public forms without the CSRF cookie: a same-origin check instead.

A page kept by a shared cache is the same for every visitor, so it cannot carry a
per-visitor CSRF token: Django's check would refuse every form posted from a cached copy
(its English 403). The public submissions (callback request, initiative proposal, alert
subscription) act on no session and no account, so the CSRF cookie protects nothing of the
visitor's; what must still be refused is another site making its visitors' browsers post
(to spend their addresses against the rate limits). Browsers say where a POST comes from:

1. ``Sec-Fetch-Site`` (every current browser; a page's script cannot set it):
   ``same-origin`` or ``none`` (typed by the user) is accepted; ``same-site`` and
   ``cross-site`` only with an ``Origin`` listed in ``CSRF_TRUSTED_ORIGINS``.
2. Otherwise ``Origin`` (sent with every POST by browsers since 2020): this site
   (scheme and host of the request) or a trusted origin; ``null`` is refused.
3. Otherwise ``Referer``: the same test on its scheme and host.
4. None of the three: not a browser posting from another page (a script can post from
   its own server anyway, with or without this check): accepted, like an API client.

The time trap's token and the rate limits still apply to every submission
(:class:`cma_wagtail.forms.AntiSpamFormMixin`, :mod:`cma_wagtail.ratelimit`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.http import is_same_domain
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from ..conf import settings as cma_settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
SAME_ORIGIN_FETCH = frozenset({"same-origin", "none"})
PROBLEM_JSON = "application/problem+json"
REFUSAL_TEMPLATE = "cma_wagtail/cross_site_refused.html"


def _origin_of(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def is_trusted(origin: str, request) -> bool:
    """This site's own origin, or one of ``CSRF_TRUSTED_ORIGINS`` (``*.`` wildcards too)."""
    if origin == f"{request.scheme}://{request.get_host()}".lower():
        return True
    parts = urlsplit(origin)
    for trusted in getattr(settings, "CSRF_TRUSTED_ORIGINS", []):
        trusted_parts = urlsplit(trusted.lower())
        if trusted_parts.scheme != parts.scheme:
            continue
        pattern = trusted_parts.netloc
        if pattern.startswith("*."):
            if is_same_domain(parts.netloc, pattern[1:]):
                return True
        elif pattern == parts.netloc:
            return True
    return False


def is_same_origin(request) -> bool:
    """Whether this POST comes from one of the site's own pages (see the module's rules)."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE", "").lower()
    origin_header = request.META.get("HTTP_ORIGIN")
    origin = _origin_of(origin_header) if origin_header else None
    if fetch_site:
        if fetch_site in SAME_ORIGIN_FETCH:
            return True
        return origin is not None and is_trusted(origin, request)
    if origin_header is not None:
        return origin is not None and is_trusted(origin, request)
    referer = request.META.get("HTTP_REFERER")
    if referer:
        origin = _origin_of(referer)
        return origin is not None and is_trusted(origin, request)
    return True


def wants_json(request) -> bool:
    accept = request.META.get("HTTP_ACCEPT", "")
    content_type = request.content_type or ""
    return (
        request.path_info.startswith(tuple(cma_settings.API_PATH_PREFIXES))
        or content_type == "application/json"
        or content_type.endswith("+json")
        or ("json" in accept and "html" not in accept)
    )


def refuse(request) -> HttpResponse:
    """403, in French: a short page, or ``application/problem+json`` for a JSON client."""
    detail = _(
        "This form was sent from another website, so it was refused. Open the form on "
        "our website and send it from there."
    )
    if wants_json(request):
        body = {"type": "about:blank", "title": _("Forbidden"), "status": 403, "detail": detail}
        response = HttpResponse(json.dumps(body), status=403, content_type=PROBLEM_JSON)
    else:
        html = render_to_string(REFUSAL_TEMPLATE, {"detail": detail}, request=request)
        response = HttpResponse(html, status=403)
    response["Cache-Control"] = "private, no-store"
    return response


def same_origin_post(view: Callable) -> Callable:
    """A public form's view: no CSRF cookie needed, cross-site POSTs refused (403), the
    answers to POSTs ``private, no-store``."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method in SAFE_METHODS:
            return view(request, *args, **kwargs)
        if not is_same_origin(request):
            return refuse(request)
        response = view(request, *args, **kwargs)
        if not response.has_header("Cache-Control"):  # a form shown again names a person
            patch_cache_control(response, private=True, no_store=True)
        return response

    return csrf_exempt(wrapper)
