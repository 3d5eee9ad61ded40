"""The public submit view: a plain HTML POST, re-rendering the page itself on error.

The page is served with ``page.serve(request)`` (not through ``before_serve_page``),
carrying the bound form in ``request.cma_callback_forms[block_id]`` so that the right
block shows the entered values and the errors.
"""

from __future__ import annotations

import math
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Exists
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_protect
from wagtail.models import Page, PageViewRestriction, Site

from cma_wagtail import ratelimit
from cma_wagtail.blocks.callback import CallbackRequestBlock
from cma_wagtail.fields import BodyField
from cma_wagtail.models import ChamberSettings

from .block_support import BLOCK_PARAM, RESULT_PARAM, anchor, build_form
from .intake import intake_status
from .services import ip_allowed, phone_allowed, resolve_team, submit_callback_request


def find_block(page, block_id: str):
    """The CallbackRequestBlock with this id in any BodyField of the page, or None."""
    if not block_id:
        return None
    for field in page._meta.get_fields():
        if not isinstance(field, BodyField):
            continue
        for child in getattr(page, field.name) or []:
            if child.id == block_id and isinstance(child.block, CallbackRequestBlock):
                return child
    return None


def _live_specific_page(page_id: int):
    """The live page, specific, in one query: the page's content type (which never changes)
    is cached, and the view restrictions are read only when the site has some."""
    cache_key = f"cma-callbacks:page-type:{page_id}"
    content_type_id = cache.get(cache_key)
    if content_type_id is None:
        content_type_id = (
            Page.objects.filter(pk=page_id).values_list("content_type_id", flat=True).first()
        )
        if content_type_id is None:
            return None, False
        cache.set(cache_key, content_type_id, timeout=24 * 60 * 60)
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None or not issubclass(model, Page):
        return None, False
    page = (
        model.objects.live()
        .filter(pk=page_id)
        .annotate(_cma_restrictions=Exists(PageViewRestriction.objects.all()))
        .first()
    )
    return page, bool(page is not None and page._cma_restrictions)


def _page_and_block(request):
    try:
        page_id = int(request.POST.get("page_id", ""))
    except ValueError as exc:
        raise Http404("Unknown page") from exc
    page, site_has_restrictions = _live_specific_page(page_id)
    if page is None:
        raise Http404("Unknown page")
    if site_has_restrictions:
        for restriction in page.get_view_restrictions():
            if not restriction.accept_request(request):
                raise Http404("Restricted page")
    child = find_block(page, request.POST.get("block_id", ""))
    if child is None:
        raise Http404("Unknown form")
    return page, child


def _site_and_chamber(page):
    """The page's site and its chamber settings, in one query (site root paths are cached)."""
    url_parts = page.get_url_parts()
    if url_parts is None:
        return None, None
    chamber = ChamberSettings.objects.select_related("site").filter(site_id=url_parts[0]).first()
    if chamber is None:  # first use of the settings: created with their defaults
        site = Site.objects.filter(pk=url_parts[0]).first()
        return site, (ChamberSettings.for_site(site) if site is not None else None)
    return chamber.site, chamber


def _rerender(request, page, block_id, form, status=200, headers=None):
    form.refresh_timestamp()
    forms_by_block = getattr(request, "cma_callback_forms", {})
    forms_by_block[block_id] = form
    request.cma_callback_forms = forms_by_block
    response = page.serve(request)
    response.status_code = status
    for key, value in (headers or {}).items():
        response[key] = value
    return response


@csrf_protect
def submit(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    page, child = _page_and_block(request)
    block_id, value = child.id, child.value
    site, chamber = _site_and_chamber(page)
    form = build_form(value, data=request.POST, chamber=chamber, request=request, block_id=block_id)
    ip = ratelimit.client_ip(request)

    limited = ip_allowed(ip)
    if not limited.allowed:
        form.is_valid()
        form.add_error(None, _rate_limit_message(limited.retry_after))
        return _rerender(
            request, page, block_id, form, 429, {"Retry-After": str(limited.retry_after)}
        )

    status = intake_status(chamber, resolve_team(value.get("team")))
    if not status.open:  # the block now shows why, the phone number and the next opening
        return _rerender(request, page, block_id, form)

    if not form.is_valid():
        return _rerender(request, page, block_id, form)

    limited = phone_allowed(form.cleaned_data["phone"])
    if not limited.allowed:
        form.add_error(None, _rate_limit_message(limited.retry_after))
        return _rerender(
            request, page, block_id, form, 429, {"Retry-After": str(limited.retry_after)}
        )

    _obj, merged = submit_callback_request(
        value,
        form.cleaned_data,
        site,
        {"ip": ip, "page": page, "block_id": block_id, "chamber": chamber},
    )
    query = urlencode({RESULT_PARAM: "merged" if merged else "sent", BLOCK_PARAM: block_id})
    url = page.get_url() or "/"  # relative with one site, absolute with several
    return HttpResponseRedirect(f"{url}?{query}#{anchor(block_id)}", status=303)


def _rate_limit_message(retry_after: int) -> str:
    minutes = max(1, math.ceil(retry_after / 60))
    return ngettext(
        "You have sent several requests in a short time. Please try again in %(minutes)d "
        "minute, or call us.",
        "You have sent several requests in a short time. Please try again in %(minutes)d "
        "minutes, or call us.",
        minutes,
    ) % {"minutes": minutes}
