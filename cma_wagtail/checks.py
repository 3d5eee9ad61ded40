"""System checks of core: missing prerequisites and misconfiguration, each with a hint.

A capability's own checks live in its ``checks.py``, registered from its ``ready()``. The
two kept here that name a capability (W002, W008) warn that it is *absent*, which its own
``ready()`` cannot do: they are the checks of core's callback and alerts blocks.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.utils.module_loading import import_string

from .capabilities import is_installed
from .conf import settings as cma_settings

REQUIRED_APPS = {
    "wagtail.contrib.settings": "ChamberSettings is a Wagtail site setting.",
    "wagtail.contrib.routable_page": "Index pages serve feeds and JSON through sub-routes.",
}


@register(Tags.compatibility)
def check_required_apps(app_configs, **kwargs):
    errors = []
    for app, why in REQUIRED_APPS.items():
        if not apps.is_installed(app):
            errors.append(
                Error(
                    f"'{app}' must be in INSTALLED_APPS for cma-wagtail.",
                    hint=f"Add '{app}' to INSTALLED_APPS. {why}",
                    id="cma_wagtail.E001",
                )
            )
    return errors


@register(Tags.compatibility)
def check_context_processor(app_configs, **kwargs):
    """Templates use ``request``: without its context processor, settings and banners vanish."""
    for engine in getattr(settings, "TEMPLATES", []):
        if engine.get("BACKEND") != "django.template.backends.django.DjangoTemplates":
            continue
        processors = engine.get("OPTIONS", {}).get("context_processors", [])
        if "django.template.context_processors.request" not in processors:
            return [
                Warning(
                    "The 'request' context processor is not enabled.",
                    hint="Add 'django.template.context_processors.request' to "
                    "TEMPLATES[...]['OPTIONS']['context_processors']: the chamber settings, "
                    "the crisis banner and the public forms need it.",
                    id="cma_wagtail.W001",
                )
            ]
    return []


@register(Tags.compatibility)
def check_extra_body_blocks(app_configs, **kwargs):
    errors = []
    extra = cma_settings.EXTRA_BODY_BLOCKS
    if not isinstance(extra, list | tuple):
        return [
            Error(
                "CMA_WAGTAIL_EXTRA_BODY_BLOCKS must be a list of (name, dotted path) pairs.",
                hint='E.g. [("map", "mysite.blocks.MapBlock")].',
                id="cma_wagtail.E003",
            )
        ]
    for entry in extra:
        try:
            name, path = entry
            if isinstance(path, str):
                import_string(path)
        except (ImportError, ValueError, TypeError) as exc:
            errors.append(
                Error(
                    f"CMA_WAGTAIL_EXTRA_BODY_BLOCKS entry {entry!r} cannot be loaded: {exc}",
                    hint="Each entry is a (name, 'dotted.path.to.BlockClass') pair.",
                    id="cma_wagtail.E004",
                )
            )
    return errors


@register(Tags.compatibility)
def check_callbacks_installed(app_configs, **kwargs):
    if is_installed("cma_callbacks"):
        return []
    return [
        Warning(
            "cma_wagtail.callbacks is not installed: callback-request blocks show only the "
            "chamber's phone number.",
            hint="Add 'cma_wagtail.callbacks' to INSTALLED_APPS to receive callback requests, "
            "or silence this with SILENCED_SYSTEM_CHECKS = ['cma_wagtail.W002'].",
            id="cma_wagtail.W002",
        )
    ]


@register(Tags.compatibility)
def check_crisis_news_installed(app_configs, **kwargs):
    if is_installed("cma_crisis_news"):
        return []
    return [
        Warning(
            "cma_wagtail.crisis_news is not installed: crisis news alert blocks show nothing.",
            hint="Add 'cma_wagtail.crisis_news' to INSTALLED_APPS to take alert subscriptions, "
            "or silence this with SILENCED_SYSTEM_CHECKS = ['cma_wagtail.W008'].",
            id="cma_wagtail.W008",
        )
    ]


@register(Tags.caches)
def check_rate_limit_cache(app_configs, **kwargs):
    alias = cma_settings.RATE_LIMIT_CACHE
    caches = getattr(settings, "CACHES", {})
    if alias not in caches:
        return [
            Error(
                f"CMA_WAGTAIL_RATE_LIMIT_CACHE names the cache {alias!r}, which is not in CACHES.",
                hint="Point it at a cache shared by all app servers (Redis, Memcached).",
                id="cma_wagtail.E005",
            )
        ]
    backend = caches[alias].get("BACKEND", "")
    if backend.endswith(("DummyCache",)):
        return [
            Warning(
                "The rate-limit cache is a DummyCache: public forms are not rate limited.",
                hint="Use Redis, Memcached or the database cache in production.",
                id="cma_wagtail.W003",
            )
        ]
    return []


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """``check --deploy``: a per-process default cache is wrong with several processes."""
    backend = getattr(settings, "CACHES", {}).get("default", {}).get("BACKEND", "")
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The default cache is Django's local-memory cache, one per process: rate limits "
                "count per process, and editors' changes (callback forms, filter options) reach "
                "the other processes only when their cache entries expire.",
                hint="With more than one process, use Redis, Memcached or the database cache.",
                id="cma_wagtail.W005",
            )
        ]
    return []


MALFORMED_INPUT_MIDDLEWARE = "cma_wagtail.middleware.MalformedInputMiddleware"


@register(Tags.security)
def check_malformed_input_middleware(app_configs, **kwargs):
    """Without it, a ``%00`` in a search or a filter is a 500 on PostgreSQL."""
    if MALFORMED_INPUT_MIDDLEWARE in getattr(settings, "MIDDLEWARE", []):
        return []
    return [
        Warning(
            "cma_wagtail.middleware.MalformedInputMiddleware is not in MIDDLEWARE: a null "
            "character in a URL or a form (%00) makes searches and filters fail with a server "
            "error on PostgreSQL, and oversize bodies are not answered 413.",
            hint=f"Add '{MALFORMED_INPUT_MIDDLEWARE}' near the top of MIDDLEWARE.",
            id="cma_wagtail.W006",
        )
    ]


@register(Tags.security)
def check_api_docs_assets(app_configs, **kwargs):
    """API v3's docs page (on by default) must not load Swagger UI from a CDN.

    django-ninja serves its own copy of Swagger UI only when ``"ninja"`` itself is in
    INSTALLED_APPS (it tests that exact string); otherwise the page loads scripts from
    cdn.jsdelivr.net and icons from django-ninja.dev, without integrity hashes.
    """
    if not apps.is_installed("wagtail.api.v3"):
        return []
    if not getattr(settings, "WAGTAILAPI_DOCS_ENABLED", True):
        return []
    if "ninja" in settings.INSTALLED_APPS:
        return []
    return [
        Warning(
            "The API docs page (/api/v3/docs/) loads its scripts from cdn.jsdelivr.net and "
            "django-ninja.dev: every visitor of the page is known to them, and the scripts "
            "run without an integrity check.",
            hint="Add 'ninja' to INSTALLED_APPS (django-ninja then serves Swagger UI from "
            "your static files), or set WAGTAILAPI_DOCS_ENABLED = False.",
            id="cma_wagtail.W007",
        )
    ]


@register(Tags.compatibility)
def check_phone_policy(app_configs, **kwargs):
    """The allowed phone types must be names of phonenumbers' PhoneNumberType."""
    from .validators import phone_number_types

    types = cma_settings.PHONE_ALLOWED_TYPES
    try:
        if types is not None:
            phone_number_types(types)
    except (AttributeError, TypeError):
        return [
            Error(
                f"CMA_WAGTAIL_PHONE_ALLOWED_TYPES = {types!r} has an unknown number type.",
                hint='Use names of phonenumbers.PhoneNumberType, e.g. ["MOBILE", "FIXED_LINE"].',
                id="cma_wagtail.E007",
            )
        ]
    return []


@register(Tags.compatibility)
def check_webhooks(app_configs, **kwargs):
    errors = []
    for index, endpoint in enumerate(cma_settings.WEBHOOKS):
        if not isinstance(endpoint, dict) or not endpoint.get("url"):
            errors.append(
                Error(
                    f"CMA_WAGTAIL_WEBHOOKS[{index}] has no 'url'.",
                    hint='Each endpoint is {"url": "https://…", "secret": "…"}.',
                    id="cma_wagtail.E006",
                )
            )
        elif not endpoint.get("secret"):
            errors.append(
                Warning(
                    f"CMA_WAGTAIL_WEBHOOKS[{index}] ({endpoint['url']}) has no 'secret'.",
                    hint="Without a shared secret the receiver cannot verify the signature.",
                    id="cma_wagtail.W004",
                )
            )
    return errors


@register(Tags.compatibility)
def check_company_directory(app_configs, **kwargs):
    """The directory's URL, rate and cache: a wrong one would hammer it or call nothing."""
    from urllib.parse import urlsplit

    errors = []
    url = cma_settings.COMPANY_DIRECTORY_URL
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc):
        errors.append(
            Error(
                f"CMA_WAGTAIL_COMPANY_DIRECTORY_URL ({url!r}) is not an http(s) URL.",
                hint="Use the directory's base URL, e.g. "
                "'https://recherche-entreprises.api.gouv.fr', or '' to turn look-ups off.",
                id="cma_wagtail.E008",
            )
        )
    rate = cma_settings.COMPANY_DIRECTORY_RATE
    if not isinstance(rate, int | float) or isinstance(rate, bool) or rate <= 0:
        errors.append(
            Error(
                f"CMA_WAGTAIL_COMPANY_DIRECTORY_RATE ({rate!r}) must be a number of requests "
                "per second above 0.",
                hint="The default, 5, stays under the directory's 7 per second.",
                id="cma_wagtail.E009",
            )
        )
    elif rate >= 7 and "recherche-entreprises.api.gouv.fr" in (url or ""):
        errors.append(
            Warning(
                f"CMA_WAGTAIL_COMPANY_DIRECTORY_RATE ({rate}) is not under the public "
                "directory's limit of 7 requests per second.",
                hint="It answers 429 past that limit (and blocks past 30 per network): keep "
                "the default, 5.",
                id="cma_wagtail.W009",
            )
        )
    alias = cma_settings.COMPANY_DIRECTORY_CACHE
    if url and alias not in getattr(settings, "CACHES", {}):
        errors.append(
            Error(
                f"CMA_WAGTAIL_COMPANY_DIRECTORY_CACHE names the cache {alias!r}, which is not "
                "in CACHES.",
                hint="Point it at a cache shared by all app servers: it holds the answers, "
                "the shared rate limit and the circuit breaker.",
                id="cma_wagtail.E010",
            )
        )
    return errors
