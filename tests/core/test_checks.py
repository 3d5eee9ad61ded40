from django.test import override_settings

from cma_wagtail import checks


def _ids(messages):
    return {m.id for m in messages}


def test_required_apps_present_in_example_site():
    assert checks.check_required_apps(None) == []


def test_missing_settings_app_is_an_error(monkeypatch):
    real = checks.apps.is_installed
    monkeypatch.setattr(
        checks.apps, "is_installed", lambda app: app != "wagtail.contrib.settings" and real(app)
    )
    assert "cma_wagtail.E001" in _ids(checks.check_required_apps(None))


def test_missing_request_context_processor_warns(settings):
    templates = [dict(t) for t in settings.TEMPLATES]
    templates[0] = {**templates[0], "OPTIONS": {"context_processors": []}}
    settings.TEMPLATES = templates
    messages = checks.check_context_processor(None)
    assert _ids(messages) == {"cma_wagtail.W001"}
    assert "context_processors" in messages[0].hint


@override_settings(CMA_WAGTAIL_EXTRA_BODY_BLOCKS=[("map", "nowhere.MapBlock")])
def test_unimportable_extra_block_is_an_error():
    messages = checks.check_extra_body_blocks(None)
    assert _ids(messages) == {"cma_wagtail.E004"}
    assert "nowhere.MapBlock" in messages[0].msg


@override_settings(CMA_WAGTAIL_EXTRA_BODY_BLOCKS="oops")
def test_extra_blocks_must_be_a_list():
    assert _ids(checks.check_extra_body_blocks(None)) == {"cma_wagtail.E003"}


@override_settings(CMA_WAGTAIL_RATE_LIMIT_CACHE="nope")
def test_rate_limit_cache_must_exist():
    assert _ids(checks.check_rate_limit_cache(None)) == {"cma_wagtail.E005"}


def test_dummy_rate_limit_cache_warns(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert _ids(checks.check_rate_limit_cache(None)) == {"cma_wagtail.W003"}


def test_local_memory_cache_warns_on_deploy(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert _ids(checks.check_shared_cache(None)) == {"cma_wagtail.W005"}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
    assert checks.check_shared_cache(None) == []
