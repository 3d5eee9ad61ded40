import os
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

# Tests of a capability live in tests/<capability>/ and are skipped when it is not installed.
CAPABILITY_DIRS = ("crisis_news", "initiatives", "trainings", "callbacks")


TESTS_DIR = Path(__file__).resolve().parent


def pytest_ignore_collect(collection_path, config):
    # Relative to tests/, so that a checkout under e.g. /work/trainings/ is not mistaken for one.
    try:
        parts = Path(collection_path).resolve().relative_to(TESTS_DIR).parts
    except ValueError:
        return None
    for name in CAPABILITY_DIRS:
        if parts and parts[0] == name:
            if not apps.is_installed(f"cma_wagtail.{name}"):
                return True
    return None


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests are skipped on SQLite rather than failing."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)
    if not os.environ.get("CMA_RUN_SLOW"):
        skip_slow = pytest.mark.skip(reason="slow check: set CMA_RUN_SLOW=1")
        for item in items:
            if "slow" in item.keywords:
                item.add_marker(skip_slow)


@pytest.fixture
def site(db):
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    """A HomePage as the default site's root (the test DB starts with Wagtail's welcome page)."""
    from wagtail.models import Page

    from tests.factories import HomePageFactory

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, title="Accueil", slug="accueil-test")
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def chamber(site):
    from cma_wagtail.models import ChamberSettings

    settings_obj = ChamberSettings.for_site(site)
    settings_obj.chamber_name = "CMA du Doubs"
    settings_obj.phone = "+33381212223"
    settings_obj.email = "contact@cma-doubs.example"
    settings_obj.save()
    return settings_obj


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
