"""Benchmark settings: the example site on a throwaway database, with Wagtail's API v2."""

import os
import tempfile

import dj_database_url

from example_site.settings import *  # noqa: F403

SECRET_KEY = "bench-secret-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "bench.urls"
_DB = os.environ.get("BENCH_DATABASE_URL") or (
    "sqlite:///" + os.path.join(tempfile.mkdtemp(prefix="cma-bench-"), "bench.sqlite3")
)
DATABASES = {"default": dj_database_url.parse(_DB)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # As the example site: WAL, so that a commit is not an fsync of a rollback journal.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="cma-bench-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_LIMIT_MAX = 1000
CMA_WAGTAIL_MIN_FILL_SECONDS = 0
CMA_WAGTAIL_RATE_LIMIT_PER_IP = (10**9, 3600)
CMA_WAGTAIL_RATE_LIMIT_PER_PHONE = (10**9, 3600)
CMA_WAGTAIL_TRAININGS_RATE_LIMIT_PER_IP = (10**9, 3600)
LOGGING = {"version": 1, "disable_existing_loggers": False}
WAGTAILSEARCH_BACKENDS = {}
# Tasks are queued, not run in the request, as with a real queue and its worker in production
# (the outbox's emails are sent by the worker, outside the measured request).
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
