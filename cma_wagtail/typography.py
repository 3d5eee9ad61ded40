"""French typography for what the site writes itself: dates, elision, spaces.

- ``format_date(value, "j F Y")`` → ``1er novembre 2026`` (the first of the month is
  "1er" in French), with no-break spaces between day, month and year so that a date never
  breaks across lines;
- ``of(words)`` → ``d'avril 2020``, ``de mai 2020``, ``d'Au Cœur du Tricot`` (elision of
  "de" before a vowel or a mute h);
- ``format_time(value)`` → ``9 h``, ``12 h 30``; ``format_time_range(opens, closes)`` →
  ``9 h – 12 h 30``; ``format_datetime(value)`` → ``1er décembre 2026 à 16 h 05``: every time
  of day the site and the back office show (never ``09:00``).

In a language other than French both fall back to Django's own formats and ``of …``.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import dateformat, formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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


def format_time(value) -> str:
    """A time of day as French writes it: ``9 h``, ``12 h 30`` (no leading zero, "h" between
    no-break spaces); in another language Django's ``TIME_FORMAT``. ``value`` is a time or a
    datetime (an aware one in local time)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.time.fromisoformat(value)
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if not is_french():
        return formats.time_format(value, "TIME_FORMAT")
    if value.minute:
        return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"
    return f"{value.hour}{NBSP}h"


def format_time_range(start, end) -> str:
    """``9 h – 12 h 30``: two times joined by a spaced en dash (the line may break only after
    the dash)."""
    return f"{format_time(start)}{NBSP}– {format_time(end)}"


def format_datetime(value, date_fmt: str = "j F Y") -> str:
    """A moment: ``1er décembre 2026 à 16 h 05`` (the date with :func:`format_date`'s ``date_fmt``,
    the time with :func:`format_time`), in local time."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    time = format_time(value)
    text = _("%(day)s at %(time)s") % {"day": format_date(value, date_fmt), "time": time}
    # The time stays on the line of the word before it ("à 9 h", never "à" alone).
    return text.replace(f" {time}", f"{NBSP}{time}")
