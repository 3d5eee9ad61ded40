"""Test settings: the example site, with fast and isolated services.

``DATABASE_URL`` selects the database (SQLite in memory by default). ``CMA_TEST_ONLY``
(e.g. ``callbacks``) installs only the core app and that one capability, so that
"install only what you need" stays true; the other capabilities' tests are skipped.
``CMA_TEST_EVENTS=1`` installs the test capability ``tests.capability_events`` as well.
"""

import os
import tempfile

import dj_database_url

from example_site.settings import *  # noqa: F403
from example_site.settings import CMA_WAGTAIL_APPS, INSTALLED_APPS

ONLY = os.environ.get("CMA_TEST_ONLY")
if ONLY:
    keep = f"cma_wagtail.{ONLY}" if ONLY != "core" else None
    INSTALLED_APPS = [a for a in INSTALLED_APPS if a not in CMA_WAGTAIL_APPS or a == keep]

SECRET_KEY = "tests-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
DATABASES = {"default": dj_database_url.config(default="sqlite://:memory:")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get(
        "CMA_TEST_DB_NAME", "test_cma_wagtail"
    )
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="cma-wagtail-tests-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
LANGUAGE_CODE = "fr"
# The minimum fill time is tested explicitly; elsewhere tests post at once.
CMA_WAGTAIL_MIN_FILL_SECONDS = 0
LOGGING = {"version": 1, "disable_existing_loggers": False}

# A fifth capability living in the tests (tests/capability_events), installed only in this
# variant so that the normal suite and its migrations check are unchanged (see .ci/run).
if os.environ.get("CMA_TEST_EVENTS"):
    INSTALLED_APPS = [*INSTALLED_APPS, "tests.capability_events"]

# Extending (component library): a site app adding its own block to every BodyField.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]
CMA_WAGTAIL_EXTRA_BODY_BLOCKS = [("event_map", "tests.testapp.blocks.EventMapBlock")]

# Admin login throttling (django-axes) is on in the example site and tested on its own
# (tests/core/test_login_throttling.py): elsewhere, tests log in with Client.login(), which
# axes refuses (it needs the request).
AXES_ENABLED = False

# Company look-ups: off, so that no test ever reaches the public directory; the tests of
# the look-ups point it at a local fake (tests/companies/fake_directory.py).
CMA_WAGTAIL_COMPANY_DIRECTORY_URL = ""
