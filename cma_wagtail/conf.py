"""Developer settings of cma-wagtail.

Every setting is read as ``CMA_WAGTAIL_<NAME>`` from Django settings, falling back to
:data:`DEFAULTS`. Code reads them only through ``cma_wagtail.conf.settings`` so that
``override_settings`` works in tests (the cache is cleared on ``setting_changed``).
What an *editor* changes lives in :class:`cma_wagtail.models.ChamberSettings` instead.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings as django_settings
from django.core.signals import setting_changed

PREFIX = "CMA_WAGTAIL_"

DEFAULTS: dict[str, Any] = {
    # Extra (name, "dotted.path.to.BlockClass") pairs appended to BodyBlock.
    "EXTRA_BODY_BLOCKS": [],
    # Region used to read phone numbers written without a country code.
    "PHONE_REGION": "FR",
    # Numbers that public forms accept as numbers to call back (toll fraud): countries and
    # territories (ISO codes; metropolitan France and the overseas départements and
    # collectivités sharing its numbering plan) and phonenumbers' type names. VOIP is
    # France's 09 numbers (internet boxes). None accepts any.
    "PHONE_ALLOWED_REGIONS": ["FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF"],
    "PHONE_ALLOWED_TYPES": ["MOBILE", "FIXED_LINE", "FIXED_LINE_OR_MOBILE", "VOIP"],
    # Malformed-input middleware: paths whose error answers are application/problem+json.
    "API_PATH_PREFIXES": ["/api/"],
    # Public forms: minimum seconds between displaying a form and posting it.
    "MIN_FILL_SECONDS": 3,
    # Public forms: seconds a visitor may take to fill a form in; its token is refused (and
    # the form shown again with a fresh one) after this plus PUBLIC_CACHE_MAX_AGE, the age of
    # the oldest cached copy of the page that a visitor can be given.
    "MAX_FORM_AGE": 60 * 60 * 4,
    # Public forms: rate limits as (number of submissions, period in seconds).
    "RATE_LIMIT_PER_IP": (10, 60 * 60),
    "RATE_LIMIT_PER_PHONE": (3, 60 * 60),
    # Cache alias holding the rate-limit counters (must be shared by all app servers).
    "RATE_LIMIT_CACHE": "default",
    # Salt for hashing client IP addresses; defaults to a value derived from SECRET_KEY.
    "IP_HASH_SALT": None,
    # Dotted path to a callable ``(request, form) -> None`` raising ValidationError,
    # run on every public form (e.g. to plug a captcha).
    "SPAM_CHECK": None,
    # API v3: hours during which a retry with the same ``Idempotency-Key`` gets the first
    # answer back; older stored answers are deleted by ``manage.py cma_send_outbox``.
    "IDEMPOTENCY_KEY_HOURS": 24,
    # Signed webhooks on publish/unpublish/delete of the package's pages:
    # [{"url": "https://…", "secret": "…", "events": ["page.published", …]}].
    "WEBHOOKS": [],
    # Which pages' events the webhooks send: "*" (every page type), "package" (the
    # package's page types only) or a list of model labels, e.g. ["home.HomePage"].
    "WEBHOOK_PAGE_TYPES": "*",
    # Headless preview: the decoupled front end's preview URL per site hostname ("default"
    # for the others); empty = Wagtail's own preview. And how long a preview token lasts.
    "HEADLESS_PREVIEW_URLS": {},
    "HEADLESS_PREVIEW_SECONDS": 600,
    # Public pages (docs/caching.md): seconds a shared cache or a browser may keep what an
    # anonymous visitor is shown (Cache-Control: public, max-age=N): Wagtail pages, their
    # feeds and map.json, the public forms' pages, .ics files. Short: a purge on publish
    # (wagtail.contrib.frontend_cache) is the fast path, this is the bound without one.
    "PUBLIC_CACHE_MAX_AGE": 60,
    # Frontend-cache purges (wagtail.contrib.frontend_cache): most pages purged for one
    # publication besides the page itself (its index, the site's root, the pages with a
    # listing block of its kind); the others expire after PUBLIC_CACHE_MAX_AGE.
    "PURGE_MAX_PAGES": 100,
    # Frontend-cache purges: seconds to wait before each retry of a purge the cache refused
    # (one attempt, then one per delay; then its pages expire after their max-age). The
    # worker retries when its queue can defer tasks (django-tasks-db, RQ), else
    # ``manage.py cma_send_outbox`` does, once the delay has passed.
    "PURGE_RETRY_SECONDS": (10, 60, 300, 1800),
    # API v3: seconds a shared cache or a browser may keep an anonymous read
    # (Cache-Control: public, max-age=N); every read also carries ETag and Last-Modified.
    "API_MAX_AGE": 60,
    # Companies: base URL of the State's public company directory (API Recherche
    # d'entreprises), asked after a submission carrying a SIRET is stored. Empty = off.
    "COMPANY_DIRECTORY_URL": "https://recherche-entreprises.api.gouv.fr",
    # Companies: how long (seconds) the directory's answers stay in the shared cache.
    "COMPANY_DIRECTORY_CACHE_SECONDS": 60 * 60 * 24,
    # Companies: most requests per second to the directory, for all processes sharing the
    # cache (the directory allows 7 per second per address).
    "COMPANY_DIRECTORY_RATE": 5,
    # Companies: seconds to wait for one answer of the directory.
    "COMPANY_DIRECTORY_TIMEOUT": 5,
    # Companies: cache alias holding the answers, the shared rate limit and the breaker.
    "COMPANY_DIRECTORY_CACHE": "default",
    # Companies: public look-ups (progressive enhancement of the forms) per IP per period.
    "COMPANY_LOOKUP_RATE_LIMIT_PER_IP": (30, 60 * 10),
    # Initiatives (cma_wagtail.initiatives): largest photo, in megabytes, that an artisan may
    # attach to a public proposal.
    "PROPOSAL_MAX_IMAGE_MB": 5,
    # Initiatives: id of the InitiativeIndexPage that receives public proposals; None = the
    # first live InitiativeIndexPage of the requesting site (in tree order).
    "INITIATIVES_PROPOSAL_INDEX": None,
    # Initiatives: id of the private collection holding the photos of proposals until their
    # page is published; None = a child of the root collection named "Initiative proposals
    # (unpublished)" (translated), created on the first proposal with a photo.
    "INITIATIVES_PROPOSAL_COLLECTION": None,
    # Initiatives: the map's tile layer, {"url": "…{z}/{x}/{y}…", "attribution": "<a …>…</a>",
    # "max_zoom": 19}. Default: OpenStreetMap's tiles with the attribution its licence
    # requires. None (or an empty "url") shows no map: the list alone, as without JavaScript.
    "MAP_TILES": {
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": (
            '&copy; <a href="https://www.openstreetmap.org/copyright">'
            "les contributeurs d’OpenStreetMap</a>"
        ),
        "max_zoom": 19,
    },
    # Crisis news (cma_wagtail.crisis_news): news per page of an index, items per RSS/Atom feed.
    "CRISIS_NEWS_PER_PAGE": 10,
    "CRISIS_NEWS_FEED_ITEMS": 20,
    # Crisis news alerts: days a confirmation link stays valid (an unconfirmed subscription
    # is deleted after it), subscribers written to the outbox per batch, and subscription
    # requests per address per period (seconds).
    "CRISIS_NEWS_ALERTS_CONFIRM_DAYS": 7,
    "CRISIS_NEWS_ALERTS_BATCH_SIZE": 500,
    "CRISIS_NEWS_ALERTS_RATE_LIMIT_PER_EMAIL": (3, 60 * 60),
    # Callbacks: closed requests older than this many days are anonymised by
    # ``manage.py purge_callback_requests``.
    "CALLBACK_RETENTION_DAYS": 365,
    # Callbacks' queue: minutes after which a request taken and left untouched goes back to
    # the queue, and minutes (counted from the call, moved into opening hours) before a
    # request whose call got no answer comes back into it.
    "CALLBACK_RELEASE_AFTER_MINUTES": 30,
    "CALLBACK_RETRY_AFTER_MINUTES": 120,
    # Callbacks: hours (counted in the chamber's opening hours) a request may wait before
    # its team's lead is emailed by ``manage.py alert_callback_leads`` (cron).
    "CALLBACK_TARGET_WAIT_HOURS": 4,
    # Trainings: time zone of the sessions' times in iCal files and emails.
    "TRAININGS_TIME_ZONE": "Europe/Paris",
    # Trainings: registrations per IP address per period (seconds).
    "TRAININGS_RATE_LIMIT_PER_IP": (10, 60 * 60),
    # Trainings: hours a new registration waits for the participant to confirm their email
    # address (it holds no seat meanwhile); unconfirmed ones are then deleted by
    # ``manage.py purge_unconfirmed_registrations``.
    "TRAININGS_CONFIRMATION_HOURS": 48,
    # Trainings: days after its session's end a registration is kept (attendance records,
    # Qualiopi and funders' audits), then deleted by ``manage.py purge_past_registrations``.
    "TRAININGS_RETENTION_DAYS": 3 * 365,
}


class Settings:
    """Lazy accessor: ``settings.PHONE_REGION`` reads ``CMA_WAGTAIL_PHONE_REGION``."""

    def __init__(self) -> None:
        self._cache: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in DEFAULTS:
            raise AttributeError(f"Unknown cma-wagtail setting: {name}")
        if name not in self._cache:
            self._cache[name] = getattr(django_settings, PREFIX + name, DEFAULTS[name])
        return self._cache[name]

    def reset(self) -> None:
        self._cache.clear()


settings = Settings()


def _on_setting_changed(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith(PREFIX):
        settings.reset()


setting_changed.connect(_on_setting_changed, dispatch_uid="cma_wagtail_conf_reset")
