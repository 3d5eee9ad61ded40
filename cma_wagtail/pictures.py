"""Responsive pictures: one fixed set of renditions per kind of picture, used by every card
and page template (``{% cma_picture %}``) and prefetched by every listing.

A fixed set (rather than one per template) keeps the number of renditions a site stores
small and lets a listing prefetch exactly what its cards show, in one query. Each picture
is offered in WebP with a JPEG fallback (Wagtail's ``Picture``: a ``<picture>`` with a WebP
``<source>`` and an ``<img>`` that carries ``width``/``height``, so the layout does not jump).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.html import format_html
from wagtail.images import get_image_model
from wagtail.images.models import Picture

__all__ = ["KINDS", "PictureKind", "picture_prefetch", "picture_specs", "render_picture"]

#: Formats offered, the browser picks the first it supports; the last is the <img> fallback.
FORMATS = ("webp", "jpeg")


@dataclass(frozen=True)
class PictureKind:
    #: rendition widths in pixels, smallest first
    widths: tuple[int, ...]
    #: width / height, or None to keep the original's proportions
    ratio: tuple[int, int] | None
    #: the ``sizes`` attribute used when the template gives none
    sizes: str

    def operation(self, width: int) -> str:
        if self.ratio is None:
            return f"width-{width}"
        w, h = self.ratio
        return f"fill-{width}x{round(width * h / w)}-c100"


KINDS: dict[str, PictureKind] = {
    # A card in a grid: one column on a phone, up to three on a wide screen.
    "card": PictureKind(
        (320, 480, 720), (3, 2), "(min-width: 64em) 22rem, (min-width: 40em) 45vw, 92vw"
    ),
    # The picture of a page or a photo of a gallery, at most the text column's width.
    "wide": PictureKind((480, 800, 1200), None, "(min-width: 50em) 46rem, 92vw"),
}


def picture_specs(kind: str = "card") -> list[str]:
    """Every rendition filter spec a picture of ``kind`` uses (to prefetch them)."""
    spec = KINDS[kind]
    return [f"{spec.operation(width)}|format-{fmt}" for fmt in FORMATS for width in spec.widths]


def picture_prefetch(lookup: str, kind: str = "card") -> Prefetch:
    """``Prefetch`` of the renditions of the image at ``lookup`` (e.g. ``"listing_image"``)
    that a picture of ``kind`` shows: one query for a whole listing."""
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=picture_specs(kind))
    )
    return Prefetch(f"{lookup}__renditions", queryset=renditions, to_attr="prefetched_renditions")


def render_picture(
    image,
    kind: str = "card",
    *,
    sizes: str = "",
    alt: str | None = None,
    lazy: bool = True,
    css_class: str = "",
) -> str:
    """The ``<picture>`` of ``image`` (empty string without an image).

    ``alt=None`` uses the image's description (else its title), ``alt=""`` marks the
    picture as decorative. ``lazy=False`` for a picture at the top of the page (the largest
    contentful paint must not wait for the lazy loader).
    """
    if image is None:
        return ""
    spec = KINDS[kind]
    renditions = image.get_renditions(*picture_specs(kind))
    attrs = {
        "sizes": sizes or spec.sizes,
        "alt": image.default_alt_text if alt is None else alt,
        "decoding": "async",
    }
    if lazy:
        attrs["loading"] = "lazy"
    else:
        attrs["fetchpriority"] = "high"
    if css_class:
        attrs["class"] = css_class
    return format_html("{}", Picture(renditions, attrs))
