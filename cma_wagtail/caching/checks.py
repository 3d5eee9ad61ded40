"""System checks of public caching (docs/caching.md)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register

MIDDLEWARE = "cma_wagtail.caching.PublicCacheMiddleware"
MIDDLEWARE_ALIASES = (MIDDLEWARE, "cma_wagtail.caching.public.PublicCacheMiddleware")
#: Middleware whose response handling must run before PublicCacheMiddleware's.
INNER = (
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
)
LOCALE = "django.middleware.locale.LocaleMiddleware"


@register(Tags.caches)
def check_public_cache(app_configs, **kwargs):
    from .purge import wagtail_handlers_connected

    warnings = []
    middleware = list(getattr(settings, "MIDDLEWARE", []))
    position = next((i for i, name in enumerate(middleware) if name in MIDDLEWARE_ALIASES), None)
    inner = [i for i, name in enumerate(middleware) if name in INNER]
    if position is not None and inner and position > min(inner):
        warnings.append(
            Warning(
                f"{MIDDLEWARE} comes after {middleware[min(inner)]} in MIDDLEWARE.",
                hint="Put it before SessionMiddleware: it must see the Vary header and the "
                "cookies those add to decide whether a page may be shared.",
                id="cma_wagtail.W031",
            )
        )
    if position is not None and LOCALE in middleware and not _i18n_patterns_used():
        warnings.append(
            Warning(
                "LocaleMiddleware without i18n_patterns: every public page varies on "
                "Accept-Language, so shared caches keep one copy per browser language (or "
                "none).",
                hint="Serve each language under its prefix with i18n_patterns(), or remove "
                "LocaleMiddleware from a site in one language.",
                id="cma_wagtail.W032",
            )
        )
    if wagtail_handlers_connected():
        warnings.append(
            Warning(
                "wagtail.contrib.frontend_cache is listed after cma_wagtail in "
                "INSTALLED_APPS: its own handlers purge a published page before the "
                "transaction commits (the old page may be cached again).",
                hint="List wagtail.contrib.frontend_cache before cma_wagtail: cma_wagtail "
                "then purges the page and what lists it once the publication is committed.",
                id="cma_wagtail.W030",
            )
        )
    return warnings


def _i18n_patterns_used() -> bool:
    from django.conf.urls.i18n import is_language_prefix_patterns_used

    try:
        used, _prefixed_default = is_language_prefix_patterns_used(settings.ROOT_URLCONF)
    except Exception:  # noqa: BLE001 (an URLconf that does not import is another check's job)
        return True
    return used
