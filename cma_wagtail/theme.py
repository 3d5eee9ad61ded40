"""The chamber's two colours: parsing, WCAG contrast, and the pairs each colour must pass.

A chamber sets a primary and an accent colour in ``ChamberSettings``; the frame writes them
as the CSS custom properties ``--cma-color-primary`` and ``--cma-color-accent``. Each colour is
used with one text colour, fixed here, so that a contrast check at save time is enough:

- **primary** carries white text (header, buttons, the current menu item) and is itself the
  colour of links and headings on the white page: white on primary ≥ 4.5:1 (the same ratio).
- **accent** is a background behind the page's dark text (#1e1e1e): the skip link; it also
  draws the header's lower rule and marks the current menu item: #1e1e1e on accent ≥ 4.5:1.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

DEFAULT_PRIMARY = "#000091"
DEFAULT_ACCENT = "#ffca00"
TEXT_ON_PRIMARY = "#ffffff"
TEXT_ON_ACCENT = "#1e1e1e"
MIN_CONTRAST = 4.5

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

hex_colour_validator = RegexValidator(
    HEX_COLOUR,
    _("Enter a colour as # followed by six hexadecimal digits, e.g. #000091."),
    code="invalid_colour",
)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio between two ``#rrggbb`` colours (1 to 21)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


#: field name → (text colour it carries, words for the message)
PAIRS = {
    "primary_color": (TEXT_ON_PRIMARY, _("white text")),
    "accent_color": (TEXT_ON_ACCENT, _("dark text (#1e1e1e)")),
}


def check_colour(field: str, colour: str) -> None:
    """Raise a ValidationError (French in the admin) when ``colour`` fails its pair."""
    if not colour or not HEX_COLOUR.match(colour):
        return
    text, words = PAIRS[field]
    ratio = contrast(colour, text)
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            _(
                "This colour is too light or too dark for its text: %(text)s on %(colour)s "
                "has a contrast of %(ratio)s:1, at least %(minimum)s:1 is needed so that "
                "everyone can read it. Choose a darker or lighter shade."
            ),
            code="low_contrast",
            params={
                "text": words,
                "colour": colour,
                "ratio": f"{ratio:.2f}".replace(".", ","),
                "minimum": "4,5",
            },
        )
