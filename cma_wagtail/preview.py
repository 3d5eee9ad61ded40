"""Headless preview: Wagtail's Preview opens the chamber's decoupled front end on a draft.

Following wagtail-headless-preview's conventions: when ``CMA_WAGTAIL_HEADLESS_PREVIEW_URLS``
gives a front end for the page's site (``{"www.cma-doubs.example": "https://front…/preview",
"default": …}``), Preview redirects to ``<url>?content_type=<app_label.model>&token=<token>``
instead of rendering the page. The front end reads the draft with
``GET /api/v3/cma/preview/?content_type=…&token=…`` and renders it as it renders a page.

The token is short-lived and signed: the draft as the editor sees it in the editing form
(saved or not) is kept in the default cache under a random key for
``CMA_WAGTAIL_HEADLESS_PREVIEW_SECONDS``; the token is that key, signed with a timestamp.
Without a valid token (forged, expired, for another page type) the API answers 404, like for
any page nobody may see; nothing else ever returns a draft.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

from django.core import signing
from django.core.cache import cache
from django.http import HttpResponseRedirect

from .conf import settings as cma_settings

SALT = "cma_wagtail.preview"
CACHE_PREFIX = "cma:preview:"


def client_url(page, request) -> str | None:
    """The front end's preview address for the page's site, or None (Wagtail's preview)."""
    urls = cma_settings.HEADLESS_PREVIEW_URLS or {}
    site = page.get_site() if page.pk else None
    hostname = site.hostname if site is not None else request.get_host().split(":")[0]
    return urls.get(hostname) or urls.get("default")


def content_type_label(page) -> str:
    return page._meta.label_lower


def issue_token(page) -> str:
    """Keep the draft (``page`` as edited) and return the signed token that reads it."""
    key = secrets.token_urlsafe(24)
    data = {"content_type": content_type_label(page), "page": page.serializable_data()}
    cache.set(CACHE_PREFIX + key, data, timeout=int(cma_settings.HEADLESS_PREVIEW_SECONDS))
    return signing.dumps(key, salt=SALT)


def read_draft(token: str, content_type: str):
    """The draft page a valid token names (an unsaved instance), or None."""
    try:
        key = signing.loads(token, salt=SALT, max_age=int(cma_settings.HEADLESS_PREVIEW_SECONDS))
    except signing.BadSignature:  # includes SignatureExpired
        return None
    data = cache.get(CACHE_PREFIX + str(key))
    if not data or data["content_type"] != content_type:
        return None
    from django.apps import apps

    model = apps.get_model(content_type)
    return model.from_serializable_data(data["page"])


class HeadlessPreviewMixin:
    """Page mixin: Preview redirects to the site's decoupled front end when one is set."""

    def serve_preview(self, request, mode_name):
        url = client_url(self, request)
        if not url:
            return super().serve_preview(request, mode_name)
        query = urlencode({"content_type": content_type_label(self), "token": issue_token(self)})
        return HttpResponseRedirect(f"{url}{'&' if '?' in url else '?'}{query}")
