"""The emails of news alerts, through the core outbox (rendered when they are sent).

Templates ``cma_crisis_news/emails/<name>`` (``_subject.txt``, ``.txt``, ``.html``), the
subscriber as ``object``.

Every email sent to a subscriber carries the RFC 2369 ``List-Unsubscribe`` header with its
RFC 8058 ``List-Unsubscribe-Post: List-Unsubscribe=One-Click`` companion (mail clients
show an "unsubscribe" button that posts to the link), a text body and an HTML alternative,
and, in its body, the signed link of the preferences page.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats

from cma_wagtail.outbox import build_email, queue_email
from cma_wagtail.outbox.models import OutgoingEmail

from .tokens import confirm_token, manage_token

TEMPLATES = "cma_crisis_news/emails/"


def absolute(base_url: str, path: str) -> str:
    return f"{(base_url or '').rstrip('/')}{path}"


def base_url_for(site=None, request=None) -> str:
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    if site is not None:
        return site.root_url
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""


PLACEHOLDER = "0TOKEN0"


@functools.lru_cache(maxsize=8)
def _link_templates(urlconf: str, script_prefix: str, base_url: str) -> tuple[str, str]:
    """The manage and unsubscribe addresses with a placeholder for the token: a mailing
    formats thousands of them, and ``reverse()`` was a quarter of its time."""
    return tuple(
        absolute(base_url, reverse(name, args=[PLACEHOLDER]))
        for name in ("cma_crisis_news:alerts_manage", "cma_crisis_news:alerts_unsubscribe")
    )


def links(key: str, base_url: str) -> dict[str, str]:
    token = manage_token(key)
    urlconf = str(get_urlconf() or settings.ROOT_URLCONF)
    manage, unsubscribe = _link_templates(urlconf, get_script_prefix(), base_url)
    return {
        "manage_url": manage.replace(PLACEHOLDER, token),
        "unsubscribe_url": unsubscribe.replace(PLACEHOLDER, token),
    }


def unsubscribe_headers(unsubscribe_url: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _mailing(subscriber, *, name: str, context: dict, base_url: str) -> OutgoingEmail | None:
    urls = links(subscriber.key, base_url)
    return build_email(
        template_name=f"{TEMPLATES}{name}",
        to=[subscriber.email],
        context={**context, **urls},
        related=subscriber,
        headers=unsubscribe_headers(urls["unsubscribe_url"]),
        kind=f"cma_crisis_news.{name}",
    )


def queue_confirmation(subscriber, base_url: str) -> None:
    """The double opt-in email: nothing else is sent before its link is followed."""
    from cma_wagtail.conf import settings as cma_settings

    url = absolute(
        base_url, reverse("cma_crisis_news:alerts_confirm", args=[confirm_token(subscriber)])
    )
    queue_email(
        template_name=f"{TEMPLATES}confirm",
        to=[subscriber.email],
        context={"confirm_url": url, "days": cma_settings.CRISIS_NEWS_ALERTS_CONFIRM_DAYS},
        related=subscriber,
        kind="cma_crisis_news.confirm",
    )


def queue_already_subscribed(subscriber, base_url: str) -> None:
    """Told to the owner of a confirmed address that someone subscribed again (the form
    itself answers the same as for a new address)."""
    urls = links(subscriber.key, base_url)
    queue_email(
        template_name=f"{TEMPLATES}already_subscribed",
        to=[subscriber.email],
        context=urls,
        related=subscriber,
        headers=unsubscribe_headers(urls["unsubscribe_url"]),
        kind="cma_crisis_news.already_subscribed",
    )


def news_item(page, base_url: str = "") -> dict:
    """What an email says of a page (JSON: rendered later, out of this process)."""
    return {
        "title": page.title,
        "summary": page.summary,
        "url": page.get_full_url() or absolute(base_url, page.url or ""),
        "urgent": page.urgency == "urgent",
        "urgency": str(page.get_urgency_display()),
        "published_on": _date(page.published_on),
        "valid_until": _date(page.valid_until),
        "source_url": page.source_url,
    }


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def alert_email(subscriber, item: dict, base_url: str) -> OutgoingEmail | None:
    return _mailing(subscriber, name="alert", context={"news": item}, base_url=base_url)


def digest_email(subscriber, items: list[dict], base_url: str) -> OutgoingEmail | None:
    return _mailing(subscriber, name="digest", context={"items": items}, base_url=base_url)
