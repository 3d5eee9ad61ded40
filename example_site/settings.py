"""Settings of the cma-wagtail example site.

SQLite by default (``db.sqlite3`` at the repository root); set ``DATABASE_URL`` (e.g.
``postgres://postgres@127.0.0.1:5432/cma_wagtail``) to use PostgreSQL.
"""

import os
import warnings
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "demo-only-secret-key-change-me")
# Off by default: the demo shows what artisans see (the package's 404 and 500 pages, static
# files served by WhiteNoise). `DEBUG=1 make demo` for Django's debug pages.
DEBUG = os.environ.get("DEBUG", "0") == "1"
# The port `make demo` serves on: the demo Site and the links in emails and feeds follow it.
PORT = os.environ.get("PORT", "8000")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")

# The capabilities of cma-wagtail that this site runs: all of them.
CMA_WAGTAIL_APPS = [
    app
    for app in (
        "cma_wagtail.crisis_news",
        "cma_wagtail.initiatives",
        "cma_wagtail.trainings",
        "cma_wagtail.callbacks",
    )
    if find_spec(app) is not None
]

INSTALLED_APPS = [
    "example_site.home",
    # Before cma_wagtail, which replaces its purge handlers by ones run after the commit.
    "wagtail.contrib.frontend_cache",
    "cma_wagtail",
    *CMA_WAGTAIL_APPS,
    "wagtail_modeladmin",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "formtools",
    "django_tasks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
]
# CORS for decoupled front ends (django-cors-headers, in the "test" extra that `make demo`
# installs; the docs build and a bare install go without it).
HAS_CORS = find_spec("corsheaders") is not None
if HAS_CORS:
    INSTALLED_APPS.append("corsheaders")
if find_spec("wagtail.api.v3") is not None:  # Wagtail >= 8
    # "ninja" (exactly that name): the API docs page serves Swagger UI from the static files
    # instead of loading it from a CDN (check cma_wagtail.W007).
    INSTALLED_APPS += ["wagtail.api.v3", "ninja"]
INSTALLED_APPS.append("rest_framework")

MIDDLEWARE = [
    # Behind the reverse proxy (TRUSTED_PROXIES set): REMOTE_ADDR becomes the client's address
    # from X-Forwarded-For, for the rate limits and django-axes (docs/deployment.md).
    "example_site.middleware.real_client_ip",
    # NUL or non-UTF-8 input → 400, oversize bodies → 413, before anything queries.
    "cma_wagtail.middleware.MalformedInputMiddleware",
    # Before sessions and CSRF: public pages' Cache-Control, once they have added their Vary.
    "cma_wagtail.caching.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "example_site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "example_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite for concurrent web use: WAL journal, a busy timeout and IMMEDIATE
    # transactions so that two writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# CORS (docs/headless.md): the decoupled front ends' origins, comma-separated, e.g.
# CORS_ALLOWED_ORIGINS=https://front.cma-doubs.example. Only the API answers CORS; browser
# code may send Idempotency-Key and read the headers the API's clients need.
CORS_ALLOWED_ORIGINS = [
    origin for origin in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",") if origin
]
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_HEADERS = (
    "accept",
    "authorization",
    "content-type",
    "user-agent",
    "x-csrftoken",
    "x-requested-with",
    "idempotency-key",
    "if-none-match",
)
CORS_EXPOSE_HEADERS = ["Retry-After", "Idempotent-Replayed", "ETag", "Last-Modified"]
CORS_PREFLIGHT_MAX_AGE = 86400
if HAS_CORS:  # right after the input guard, before CommonMiddleware
    MIDDLEWARE.insert(2, "corsheaders.middleware.CorsMiddleware")
# Static files without a separate web server (the "demo" extra): WhiteNoise, first after the
# input guard. It serves straight from the apps' static folders (no collectstatic step for the
# demo); after `collectstatic` it serves STATIC_ROOT, compressed.
HAS_WHITENOISE = find_spec("whitenoise") is not None
if HAS_WHITENOISE:
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = DEBUG
    # Without collectstatic there is no STATIC_ROOT yet: WhiteNoise need not say so.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)

# Admin login throttling (docs/deployment.md): django-axes checks every login (Wagtail's admin
# login form is Django's) and refuses a username from one address for 15 minutes after 5
# wrong passwords. Unlock early with `manage.py axes_reset_username <username>` (or
# `axes_reset` for everyone). Attempts live in the database (works with several processes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "example_site/lockout.html"
# Keep failures only (deleted once their 15 minutes are over), not a log of every login.
AXES_DISABLE_ACCESS_LOG = True
# Behind a reverse proxy, REMOTE_ADDR must be the client's address (as for the public forms'
# rate limits): TRUSTED_PROXIES below (example_site.middleware.real_client_ip) sets it.
#: The proxies' addresses or networks, comma-separated (e.g. "127.0.0.1,10.0.0.0/8"): only
#: their X-Forwarded-For is believed. Empty (the default): REMOTE_ADDR is left as it is.
TRUSTED_PROXIES = [net for net in os.environ.get("TRUSTED_PROXIES", "").split(",") if net]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

# The public site is in French whatever the browser asks (no LocaleMiddleware); each
# admin user picks their own admin language in Wagtail's account settings.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "example_site" / "locale"]
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if HAS_WHITENOISE
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# The demo serves its uploaded images itself, DEBUG or not (example_site/urls.py); a real
# site serves MEDIA_ROOT from its web server or object storage.
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "1") == "1"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "cma-wagtail-demo",
    }
}
if os.environ.get("CACHE_DIR"):
    # Several app server processes on one machine without Redis (the browser tests' gunicorn):
    # a cache they share, so that rate limits and the callback confirmation hold across them.
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ["CACHE_DIR"],
    }
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }

# Shared cache in front of the site (docs/caching.md): FRONTEND_CACHE_URL is where purge
# requests go (nginx's or Varnish's purge location, e.g. http://127.0.0.1:8080); publishing,
# unpublishing or moving a page and saving the chamber settings purge what changed.
if os.environ.get("FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_URL"],
        }
    }

# The demo's emails are written as files in .cache/demo-mail/ (one per message), not printed;
# EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend prints them instead. EMAIL_HOST
# (and EMAIL_PORT, 25 by default) sends them through that SMTP server (docs/deployment.md).
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
    )
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / ".cache" / "demo-mail"))
DEFAULT_FROM_EMAIL = "CMA du Doubs <ne-pas-repondre@cma-doubs.example>"

# Tasks run right after the request's transaction commits in the demo (TASKS_BACKEND unset
# or "immediate"). TASKS_BACKEND=database queues them in the database (django-tasks-db, in
# the "deploy" extra) for `manage.py db_worker` to run, as the reference deployment does
# (docs/deployment.md).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
if TASKS_BACKEND == "database":
    INSTALLED_APPS.append("django_tasks_db")
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"TASKS_BACKEND={TASKS_BACKEND!r}: use 'immediate' (the default) or 'database'."
    )

WAGTAIL_SITE_NAME = "CMA du Doubs (démo cma-wagtail)"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{PORT}")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed"}]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Load and fault tests (tests/load, bench/): the public forms' limits can be changed from the
# environment, e.g. CMA_WAGTAIL_RATE_LIMIT_PER_IP="100000,3600" and CMA_WAGTAIL_MIN_FILL_SECONDS=0,
# so that a load generator on one address is not refused as a spammer.
for _name in (
    "RATE_LIMIT_PER_IP",
    "RATE_LIMIT_PER_PHONE",
    "TRAININGS_RATE_LIMIT_PER_IP",
    "PURGE_RETRY_SECONDS",  # the stack test retries a failed purge within seconds
):
    if os.environ.get(f"CMA_WAGTAIL_{_name}"):
        globals()[f"CMA_WAGTAIL_{_name}"] = tuple(
            int(part) for part in os.environ[f"CMA_WAGTAIL_{_name}"].split(",")
        )
if os.environ.get("CMA_WAGTAIL_MIN_FILL_SECONDS"):
    CMA_WAGTAIL_MIN_FILL_SECONDS = int(os.environ["CMA_WAGTAIL_MIN_FILL_SECONDS"])

# Company look-ups (docs/companies.md): off in the demo, which must work offline and runs its
# tasks inside the web request (ImmediateBackend). Turn them on with
# CMA_WAGTAIL_COMPANY_DIRECTORY_URL=https://recherche-entreprises.api.gouv.fr in the environment.
CMA_WAGTAIL_COMPANY_DIRECTORY_URL = os.environ.get("CMA_WAGTAIL_COMPANY_DIRECTORY_URL", "")

# The initiatives map's tiles (docs/initiatives-map.md): OpenStreetMap's by default. A tile
# server of your own with CMA_WAGTAIL_MAP_TILES_URL (and its attribution); "" shows no map.
if "CMA_WAGTAIL_MAP_TILES_URL" in os.environ:
    CMA_WAGTAIL_MAP_TILES = {
        "url": os.environ["CMA_WAGTAIL_MAP_TILES_URL"],
        "attribution": os.environ.get("CMA_WAGTAIL_MAP_TILES_ATTRIBUTION", ""),
        "max_zoom": 19,
    }
