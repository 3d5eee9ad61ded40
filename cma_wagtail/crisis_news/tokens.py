"""The signed links of alert emails: confirm (expires), manage and unsubscribe (do not).

A link carries the subscriber's random ``key``, signed with ``SECRET_KEY`` and a salt per
purpose, so that a tampered link, or a confirmation link used to unsubscribe, is refused.
A deleted subscriber's links find nobody: after unsubscribing, old emails' links are dead.
"""

from __future__ import annotations

import enum

from django.core import signing

from cma_wagtail.conf import settings as cma_settings

from .models import Subscriber

CONFIRM_SALT = "cma_crisis_news.alerts.confirm"
MANAGE_SALT = "cma_crisis_news.alerts.manage"


class LinkError(enum.StrEnum):
    INVALID = "invalid_link"
    EXPIRED = "expired_link"


class BadLink(Exception):
    def __init__(self, reason: LinkError):
        self.reason = reason
        super().__init__(reason)


def confirm_token(subscriber: Subscriber) -> str:
    return signing.dumps(subscriber.key, salt=CONFIRM_SALT, compress=False)


def manage_token(key: str) -> str:
    """For the preferences page and the one-click unsubscribe (a key: the fan-out signs
    thousands of links from ``values()`` rows without building model instances)."""
    return signing.Signer(salt=MANAGE_SALT).sign(key)


def confirm_max_age() -> int:
    return int(cma_settings.CRISIS_NEWS_ALERTS_CONFIRM_DAYS) * 24 * 60 * 60


def read_confirm_token(token: str) -> str:
    """The key of a confirmation link; :class:`BadLink` if tampered with or expired."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT, max_age=confirm_max_age())
    except signing.SignatureExpired as exc:
        raise BadLink(LinkError.EXPIRED) from exc
    except signing.BadSignature as exc:
        raise BadLink(LinkError.INVALID) from exc


def read_manage_token(token: str) -> str:
    try:
        return signing.Signer(salt=MANAGE_SALT).unsign(token)
    except signing.BadSignature as exc:
        raise BadLink(LinkError.INVALID) from exc
