"""Where every "Be called back" link leads: straight to a callback form, at its heading.

In this order: the form on the current page (a fragment, ``#cma-callback-<block id>``),
else the first form of the page chosen in ``ChamberSettings.callback_page`` (that page
itself if it holds none: the editor chose it), else the
package's own callback page (``cma_callbacks:request``) when that app is installed, else
nowhere (None: the templates show the phone number instead). The fragment lands on the
form's heading without JavaScript; ``cma_wagtail.js`` then moves the focus to the first
field.
"""

from __future__ import annotations

from .blocks.callback import CallbackRequestBlock, form_anchor
from .capabilities import is_installed
from .fields import BodyField


def callback_anchor(page) -> str | None:
    """The anchor of the first callback form in the page's bodies, or None.

    Reads the raw stream data (no block is converted): cheap enough for every page.
    """
    if page is None:
        return None
    for field in page._meta.get_fields():
        if not isinstance(field, BodyField):
            continue
        stream = getattr(page, field.name, None)
        if not stream:
            continue
        child_blocks = field.stream_block.child_blocks
        for raw in stream.raw_data:
            block = child_blocks.get(raw.get("type"))
            if isinstance(block, CallbackRequestBlock):
                return form_anchor(raw.get("id") or "")
    return None


def callback_url(request, page=None) -> str | None:
    """The address of the callback form for a "Be called back" link on ``page``.

    Memoised on the request for the pages other than the current one (the chamber's page
    costs one query: the header, the banner and the body's links ask the same).
    """
    anchor = callback_anchor(page)
    if anchor:
        return f"#{anchor}"
    if request is None:
        return _package_url()
    memo = request.__dict__
    if "_cma_callback_url" not in memo:
        memo["_cma_callback_url"] = _site_url(request)
    return memo["_cma_callback_url"]


def _site_url(request) -> str | None:
    from .models import ChamberSettings

    chamber = ChamberSettings.for_request(request)
    target = chamber.callback_page if chamber is not None else None
    if target is not None and target.live:
        specific = target.specific
        anchor = callback_anchor(specific)
        url = specific.get_url(request)
        if url:  # the editor's choice, at its form when it has one
            return f"{url}#{anchor}" if anchor else url
    return _package_url()


def _package_url() -> str | None:
    if not is_installed("cma_callbacks"):
        return None
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("cma_callbacks:request") + "#" + form_anchor("")
    except NoReverseMatch:
        return None


def link_href(request, current_page, link) -> str:
    """The address of a link block (a call to action's button): a link to the chamber's
    callback page opens its form (:func:`callback_url`: the current page's own form first)."""
    href = link.href if link is not None else ""
    target = link.get("page") if link is not None else None
    if target is None or request is None:
        return href
    from .models import ChamberSettings

    chamber = ChamberSettings.for_request(request)
    if chamber is not None and chamber.callback_page_id == target.pk:
        return callback_url(request, current_page) or href
    return href
