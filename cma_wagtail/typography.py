"""French typography for what the site writes itself: dates, elision, spaces.

- ``format_date(value, "j F Y")`` → ``1er novembre 2026`` (the first of the month is
  "1er" in French), with no-break spaces between day, month and year so that a date never
  breaks across lines;
- ``of(words)`` → ``d'avril 2020``, ``de mai 2020``, ``d'Au Cœur du Tricot`` (elision of
  "de" before a vowel or a mute h).

In a language other than French both fall back to Django's own formats and ``of …``.
"""

from __future__ import annotations

import re

from django.utils import dateformat, timezone
from django.utils.translation import get_language

NBSP = "\u00a0"
_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"
#: Words whose h is "aspiré": no elision (de haricots, de Hollande…). Enough for place and
#: business names; a name missing here gets "d'", the common case.
_H_ASPIRE = (
    "hache",
    "haie",
    "hall",
    "hameau",
    "hamster",
    "handicap",
    "hangar",
    "haricot",
    "hasard",
    "haut",
    "hérisson",
    "héros",
    "hibou",
    "hockey",
    "hollande",
    "homard",
    "honte",
    "hors",
    "houblon",
)
# "j" not preceded by a backslash (an escaped literal j stays).
_DAY = re.compile(r"(?<!\\)j")
# A space between two of the date's tokens (weekday, day, month, year).
_DATE_SPACE = re.compile(r"(?<=[lDjFMNYy]) (?=[jFMNYy])")


def is_french() -> bool:
    return (get_language() or "fr").lower().startswith("fr")


def format_date(value, fmt: str = "j F Y") -> str:
    """``value`` (a date or datetime, aware ones in local time) formatted with Django's
    ``fmt``; in French the first of the month is ``1er`` and the date's spaces do not break."""
    if not value:
        return ""
    french = is_french()
    if french:
        fmt = _DATE_SPACE.sub(NBSP, fmt)
        if value.day == 1:
            # A literal "1er" (each letter escaped: "e" and "r" are format characters).
            fmt = _DAY.sub(r"1\\e\\r", fmt)
    if hasattr(value, "hour") and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = dateformat.format(value, fmt)
    # French writes day and month names in lower case inside a sentence ("lundi 2 novembre").
    return text.lower() if french else text


def elides(word: str) -> bool:
    """Whether "de" becomes "d'" before ``word``."""
    lower = word.strip().lower()
    if not lower:
        return False
    if lower[0] in _VOWELS:
        return True
    return lower[0] == "h" and not lower.startswith(_H_ASPIRE)


def of(words) -> str:
    """``words`` preceded by "de"/"d'" in French (``d'avril``), "of" otherwise."""
    words = str(words)
    if not is_french():
        return f"of {words}"
    return f"d’{words}" if elides(words) else f"de {words}"
