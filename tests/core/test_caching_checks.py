"""Checks that keep public caching working: middleware order, Accept-Language, purges."""

from django.test import override_settings

from cma_wagtail.caching.checks import check_public_cache
from example_site import settings as site_settings


def ids():
    return {warning.id for warning in check_public_cache(None)}


def test_the_example_site_passes():
    assert ids() == set()


def test_the_middleware_after_sessions_is_reported():
    middleware = [m for m in site_settings.MIDDLEWARE if "PublicCache" not in m]
    middleware.append("cma_wagtail.caching.PublicCacheMiddleware")
    with override_settings(MIDDLEWARE=middleware):
        assert "cma_wagtail.W031" in ids()


def test_locale_middleware_without_i18n_patterns_is_reported():
    middleware = [*site_settings.MIDDLEWARE, "django.middleware.locale.LocaleMiddleware"]
    with override_settings(MIDDLEWARE=middleware):
        assert "cma_wagtail.W032" in ids()


def test_wagtails_before_commit_purge_handlers_are_reported():
    from wagtail.contrib.frontend_cache.signal_handlers import register_signal_handlers

    from cma_wagtail.caching.purge import disconnect_wagtail_handlers

    register_signal_handlers()  # as if frontend_cache came after cma_wagtail
    try:
        assert "cma_wagtail.W030" in ids()
    finally:
        disconnect_wagtail_handlers()
    assert "cma_wagtail.W030" not in ids()
