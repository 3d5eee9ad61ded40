"""The public submit view: a plain HTML POST through the flow, rendered as a page.

The flow (:func:`~.flows.submit_callback`) decides; this view only renders its outcome: a
303 redirect to the block's result box, or the page itself again, served with
``page.serve(request)`` (not through ``before_serve_page``) and carrying the bound form in
``request.cma_callback_forms[block_id]`` so that the right block shows the entered values
and the errors. No CSRF cookie: the block lives in pages a shared cache keeps, so the post is
checked as coming from the site itself instead (:mod:`cma_wagtail.caching.origin`).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect

from cma_wagtail.caching import same_origin_post
from cma_wagtail.flows import Kind

from .block_support import BLOCK_PARAM, RESULT_PARAM, anchor
from .flows import Destination, find_destination, submit_callback


@same_origin_post
def submit(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        page_id = int(request.POST.get("page_id", ""))
    except ValueError as exc:
        raise Http404("Unknown page") from exc
    block_id = request.POST.get("block_id", "")
    if not block_id:  # the HTML form always names its block
        raise Http404("Unknown form")
    outcome = submit_callback(
        request, page_id=page_id, block_id=block_id, data=request.POST, prefixed=True
    )
    if outcome.kind is Kind.NOT_FOUND:
        raise Http404("Unknown form")
    destination = find_destination(request, page_id, block_id)  # memoised by the flow
    if outcome.ok:
        query = urlencode({RESULT_PARAM: outcome.result, BLOCK_PARAM: destination.block_id})
        url = destination.page.get_url(request) or "/"
        return HttpResponseRedirect(f"{url}?{query}#{anchor(destination.block_id)}", status=303)
    (form,) = outcome.forms
    if outcome.kind is Kind.RATE_LIMITED:
        form.is_valid()  # errors of the fields too, if any, with the limit's message
        form.add_error(None, outcome.message)
        return _rerender(request, destination, form, 429, {"Retry-After": str(outcome.retry_after)})
    # INVALID: the errors; CLOSED: the block now shows why, the phone and the next opening.
    return _rerender(request, destination, form)


def _rerender(request, destination: Destination, form, status=200, headers=None):
    page = destination.target.get_page()
    if page is None:  # unpublished in the meantime
        raise Http404("Unknown page")
    form.refresh_timestamp()
    forms_by_block = getattr(request, "cma_callback_forms", {})
    forms_by_block[destination.block_id] = form
    request.cma_callback_forms = forms_by_block
    response = page.serve(request)
    response.status_code = status
    for key, value in (headers or {}).items():
        response[key] = value
    return response
