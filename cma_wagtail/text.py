"""Text that the public typed, made fit for one line: a page title, an email header."""

from __future__ import annotations

import re
import unicodedata

#: Unicode categories that become a space: controls (CR, LF, NUL…), format characters (bidi
#: overrides…), surrogates, and the line and paragraph separators.
_BREAKING = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
#: Runs of whitespace, but for the no-break spaces of French typography (« : », « ! »).
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def one_line(value, max_length: int | None = None) -> str:
    """``value`` on one line, runs of whitespace as one space (no-break spaces kept), at
    most ``max_length`` long (cut with an ellipsis).

    Django refuses to send an email whose header holds a line break (``BadHeaderError``),
    so one stored value (a business name in a subject, a page title in Wagtail's moderation
    emails) would otherwise make an email unsendable on every retry, and a visitor could try
    to add headers of their own (``\\r\\nBcc: …``). Public forms already refuse such
    characters; this is the guarantee for what was stored before, or by other paths.
    """
    text = "".join(" " if unicodedata.category(char) in _BREAKING else char for char in str(value))
    text = _SPACES.sub(" ", text).strip(" ")
    if max_length is not None and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text
