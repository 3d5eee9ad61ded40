"""What the page says once a request is sent: the number we will call, and when.

The submit view redirects (303) to the form's page with
``?callback=sent&cb=<block>&ref=<reference>``. The reference is random and names an entry
of the rate-limit cache (``CMA_WAGTAIL_RATE_LIMIT_CACHE``, shared by the app servers) holding the number and the slot asked for, for :data:`MAX_AGE`: the
address (which lands in server logs and the browser's history) carries neither the number
nor the request's id, and a repeat for a number that already had an open request gets an
address exactly like a new one's (see :mod:`.flows`). Reopened later, or served by a
process that does not share the cache, the confirmation says "sent" without the details.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets

from django.core.cache import caches

from cma_wagtail.conf import settings as cma_settings
from cma_wagtail.validators import format_phone_national

from .intake import expected_call_for

#: Seconds a confirmation shows the number and the expected call.
MAX_AGE = 60 * 60
_PREFIX = "cma-callbacks:confirmation:"


@dataclasses.dataclass(frozen=True)
class Confirmation:
    phone: str  #: E.164
    phone_display: str  #: "06 12 34 56 78"
    expected_call: str


def remember_confirmation(cleaned_data: dict) -> str:
    """Keep what the confirmation repeats; return its reference for the address."""
    reference = secrets.token_urlsafe(16)
    day = cleaned_data.get("preferred_date")
    caches[cma_settings.RATE_LIMIT_CACHE].set(
        _PREFIX + reference,
        {
            "phone": cleaned_data.get("phone") or "",
            "slot": cleaned_data.get("preferred_slot") or "asap",
            "day": day.isoformat() if day else "",
        },
        timeout=MAX_AGE,
    )
    return reference


def read_confirmation(reference: str, chamber) -> Confirmation | None:
    """The confirmation a reference names, or None (unknown, expired or malformed)."""
    if not reference or len(reference) > 64:
        return None
    stored = caches[cma_settings.RATE_LIMIT_CACHE].get(_PREFIX + reference)
    if not isinstance(stored, dict) or not stored.get("phone"):
        return None
    try:
        day = dt.date.fromisoformat(stored["day"]) if stored.get("day") else None
    except (TypeError, ValueError):
        day = None
    return Confirmation(
        phone=stored["phone"],
        phone_display=format_phone_national(stored["phone"]),
        expected_call=str(expected_call_for(chamber, stored.get("slot", "asap"), day)),
    )
