"""The public views: the submit view of the forms of pages, and the package's own
callback page (``cma_callbacks:request``), for a site whose chamber chose no page.

The flow (:func:`~.flows.submit_callback`) decides; these views only render its outcome: a
303 redirect to the form's confirmation, or the page again, with the bound form. A page's
form is re-rendered with ``page.serve(request)`` (not through ``before_serve_page``),
carrying the bound form in ``request.cma_callback_forms[block_id]`` so that the right block
shows the entered values and the errors.
No CSRF cookie: the forms live in pages a shared cache keeps, so a post is checked as coming
from the site itself instead (:mod:`cma_wagtail.caching.origin`).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from cma_wagtail.blocks.callback import CallbackRequestBlock
from cma_wagtail.caching import public_cache, same_origin_post
from cma_wagtail.flows import Kind
from cma_wagtail.models import ChamberSettings

from .block_support import BLOCK_PARAM, REF_PARAM, RESULT_PARAM, anchor
from .confirmation import remember_confirmation
from .flows import Destination, find_destination, submit_callback


def _confirmation_query(outcome, block_id: str) -> str:
    (form,) = outcome.forms
    return urlencode(
        {
            RESULT_PARAM: outcome.result,
            BLOCK_PARAM: block_id,
            REF_PARAM: remember_confirmation(form.cleaned_data),
        }
    )


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
        query = _confirmation_query(outcome, destination.block_id)
        url = destination.page.get_url(request) or "/"
        return HttpResponseRedirect(f"{url}?{query}#{anchor(destination.block_id)}", status=303)
    form, status, headers = _refusal(outcome)
    return _rerender(request, destination, form, status, headers)


def _refusal(outcome):
    (form,) = outcome.forms
    if outcome.kind is Kind.RATE_LIMITED:
        form.is_valid()  # errors of the fields too, if any, with the limit's message
        form.add_error(None, outcome.message)
        return form, 429, {"Retry-After": str(outcome.retry_after)}
    # INVALID: the errors; CLOSED: the block now shows why, the phone and the next opening.
    return form, 200, {}


def _rerender(request, destination: Destination, form, status=200, headers=None):
    page = destination.target.page
    form.refresh_timestamp()
    forms_by_block = getattr(request, "cma_callback_forms", {})
    forms_by_block[destination.block_id] = form
    request.cma_callback_forms = forms_by_block
    response = page.serve(request)
    response.status_code = status
    for key, value in (headers or {}).items():
        response[key] = value
    return response


@public_cache
@same_origin_post
def request_callback(request):
    """The package's callback page: the default form in the site frame (GET shows it, POST
    sends it through the same flow as the API's default form)."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    url = reverse("cma_callbacks:request")
    if request.method == "POST":
        outcome = submit_callback(request, page_id=None, data=request.POST)
        if outcome.kind is Kind.NOT_FOUND:
            raise Http404("Unknown form")
        if outcome.ok:
            query = _confirmation_query(outcome, "")
            return HttpResponseRedirect(f"{url}?{query}#{anchor('')}", status=303)
        form, status, headers = _refusal(outcome)
        form.refresh_timestamp()
        request.cma_callback_forms = {"": form}
    else:
        status, headers = 200, {}
    block = CallbackRequestBlock()
    value = block.get_default()
    context = {"request": request, "chamber": ChamberSettings.for_request(request)}
    context["block_html"] = block.render(
        value, context={**context, "callback_submit_url": url, "block_id": ""}
    )
    response = TemplateResponse(request, "cma_callbacks/request.html", context, status=status)
    for key, value in headers.items():
        response[key] = value
    return response
