"""The public submit view: a plain HTML POST, re-rendering the page itself on error.

The page is served with ``page.serve(request)`` (not through ``before_serve_page``),
carrying the bound form in ``request.cma_callback_forms[block_id]`` so that the right
block shows the entered values and the errors.
"""

from __future__ import annotations

import math
from urllib.parse import urlencode

from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_protect

from cma_wagtail import ratelimit

from .block_support import BLOCK_PARAM, RESULT_PARAM, anchor, build_form
from .intake import intake_status
from .services import ip_allowed, phone_allowed, submit_callback_request
from .targets import FormTarget, get_target


def _target(request) -> FormTarget:
    try:
        page_id = int(request.POST.get("page_id", ""))
    except ValueError as exc:
        raise Http404("Unknown page") from exc
    block_id = request.POST.get("block_id", "")
    target = get_target(page_id, block_id) if block_id else None
    if target is None:
        raise Http404("Unknown form")
    if not target.accepts(request):
        raise Http404("Restricted page")
    return target


def _rerender(request, target: FormTarget, form, status=200, headers=None):
    page = target.get_page()
    if page is None:  # unpublished in the meantime
        raise Http404("Unknown page")
    block_id = target.block_id
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
    target = _target(request)
    value, chamber = target.value, target.chamber
    form = build_form(
        value, data=request.POST, chamber=chamber, request=request, block_id=target.block_id
    )
    ip = ratelimit.client_ip(request)

    limited = ip_allowed(ip)
    if not limited.allowed:
        form.is_valid()
        form.add_error(None, _rate_limit_message(limited.retry_after))
        return _rerender(request, target, form, 429, {"Retry-After": str(limited.retry_after)})

    status = intake_status(chamber, target.team)
    if not status.open:  # the block now shows why, the phone number and the next opening
        return _rerender(request, target, form)

    if not form.is_valid():
        return _rerender(request, target, form)

    limited = phone_allowed(form.cleaned_data["phone"])
    if not limited.allowed:
        form.add_error(None, _rate_limit_message(limited.retry_after))
        return _rerender(request, target, form, 429, {"Retry-After": str(limited.retry_after)})

    _obj, merged = submit_callback_request(
        value,
        form.cleaned_data,
        target.site,
        {"ip": ip, "page_id": target.page_id, "block_id": target.block_id, "chamber": chamber},
    )
    query = urlencode({RESULT_PARAM: "merged" if merged else "sent", BLOCK_PARAM: target.block_id})
    # Relative with one site, absolute with several (as the page's own links).
    return HttpResponseRedirect(f"{target.url}?{query}#{anchor(target.block_id)}", status=303)


def _rate_limit_message(retry_after: int) -> str:
    minutes = max(1, math.ceil(retry_after / 60))
    return ngettext(
        "You have sent several requests in a short time. Please try again in %(minutes)d "
        "minute, or call us.",
        "You have sent several requests in a short time. Please try again in %(minutes)d "
        "minutes, or call us.",
        minutes,
    ) % {"minutes": minutes}
