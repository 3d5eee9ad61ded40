"""The one JSON shape of an image, wherever the API sends one (blocks, listing items,
initiatives' galleries, the site's logo), in v2 and v3 alike.

A fixed set of renditions, never an arbitrary size a client asks for: WebP at the widths of
:data:`IMAGE_WIDTHS` for a ``srcset`` (a width is never upscaled: a small image gives fewer
distinct widths) and one fallback in the image's own format (``url``, ``width``, ``height``:
what an ``<img src>`` without ``srcset`` shows). ``alt`` is the text chosen where the image
is used (empty for a decorative one), ``focal_point`` the editor's focal area in the
original's pixels (null when none is set), so that a front end cropping with CSS
(``object-position``) keeps the subject. Its schema is
:class:`cma_wagtail.api.block_schemas.CmaImage`.

No pydantic here: the blocks' API values use it on Wagtail 7.4 too (API v2).
"""

from __future__ import annotations

from collections.abc import Sequence

#: The widths of the WebP renditions of every image in the API.
IMAGE_WIDTHS = (320, 640, 960, 1280)
WEBP_SPECS = tuple(f"width-{width}|format-webp" for width in IMAGE_WIDTHS)
#: The rendition for browsers without WebP, in the image's own format.
FALLBACK_SPEC = "width-960"
#: Every rendition an API image carries (what the lists prefetch, in one query).
IMAGE_RENDITIONS: Sequence[str] = (*WEBP_SPECS, FALLBACK_SPEC)


def image_data(image, alt: str = "") -> dict | None:
    """The API shape of ``image`` (None for no image); uses prefetched renditions."""
    if image is None:
        return None
    renditions = image.get_renditions(*IMAGE_RENDITIONS)
    fallback = renditions[FALLBACK_SPEC]
    sources, widths = [], set()
    for spec in WEBP_SPECS:
        rendition = renditions[spec]
        if rendition.width in widths:
            continue  # a small image: the larger widths are the same rendition
        widths.add(rendition.width)
        sources.append({"url": rendition.url, "width": rendition.width, "height": rendition.height})
    focal_point = None
    if image.has_focal_point():
        focal_point = {
            "x": image.focal_point_x,
            "y": image.focal_point_y,
            "width": image.focal_point_width,
            "height": image.focal_point_height,
        }
    return {
        "id": image.pk,
        "alt": alt,
        "url": fallback.url,
        "width": fallback.width,
        "height": fallback.height,
        "srcset": ", ".join(f"{s['url']} {s['width']}w" for s in sources),
        "sources": sources,
        "original_width": image.width,
        "original_height": image.height,
        "focal_point": focal_point,
    }
