import os
from pathlib import Path

import pytest
import swapper
from django.apps import apps
from django.conf import settings

from cma_wagtail.capabilities import shipped

# The local fake of the public company directory and its fixtures (``fake_directory``).
pytest_plugins = ["tests.companies.fake_directory"]

# Tests of a capability live in tests/<capability>/ and are skipped when it is not installed.
CAPABILITY_DIRS = tuple(module.rsplit(".", 1)[1] for module in shipped())


TESTS_DIR = Path(__file__).resolve().parent


def pytest_ignore_collect(collection_path, config):
    # Relative to tests/: a checkout living in a folder named like a capability
    # (e.g. .../crisis_news/tests/core) must not skip everything.
    try:
        parts = Path(collection_path).resolve().relative_to(TESTS_DIR).parts
    except ValueError:
        return None
    if parts and parts[0] in CAPABILITY_DIRS:
        if not apps.is_installed(f"cma_wagtail.{parts[0]}"):
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
    """The default site; recreated with a root page after a transactional test flushed them."""
    from wagtail.models import Locale, Site

    Page = swapper.load_model("wagtailcore", "Page")

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None:
        return site
    Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    return Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)


@pytest.fixture
def home_page(site):
    """A HomePage as the default site's root (the test DB starts with Wagtail's welcome page)."""
    Page = swapper.load_model("wagtailcore", "Page")

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
def _fresh_content_types():
    """A transactional test flushes the tables and recreates content types with new ids;
    Django's per-process ContentType cache must not hand the next test the old ids."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
