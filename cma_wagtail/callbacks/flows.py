"""The one flow of a callback request, shared by the HTML form and ``POST /cma/callback-requests/``.

:func:`submit_callback` finds the form the submission names (a visible page of the site
that received it, and a callback block of that page), counts the submission against the
per-address limit, checks that the chamber takes requests now, validates, counts it
against the per-number limit and stores it (:func:`~.services.submit_callback_request`).
It returns an :class:`~cma_wagtail.flows.Outcome`; :mod:`.views` renders it as a page,
:mod:`.api.v3` as JSON.

A repeat request for a number that already has an open request ends ``DONE`` with the
result ``sent``, exactly like a new one: whoever types someone else's number learns
nothing about that person (the agents see the repeat in the request's history).
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from django.utils.translation import ngettext

from cma_wagtail import ratelimit
from cma_wagtail.base_page import get_base_page_model
from cma_wagtail.flows import Outcome
from cma_wagtail.models import ChamberSettings
from cma_wagtail.visibility import request_site, visible_pages

from .block_support import build_form
from .intake import expected_call_text, intake_status
from .models import CallbackTeam
from .services import ip_allowed, phone_allowed, submit_callback_request
from .targets import FormTarget, get_target

Page = get_base_page_model()

#: The result of every stored submission, new or repeated (part of the API contract).
SENT = "sent"


@dataclasses.dataclass(frozen=True)
class Destination:
    """The form a submission goes to, as seen from the site that received it."""

    value: Any  #: the block's value (topics, team…), never the client's word
    site: Any  #: the site that served the POST: the request is stored with it
    chamber: ChamberSettings | None
    #: The page and its callback block; None and "" for the API's default form.
    page: Page | None = None
    target: FormTarget | None = None

    @property
    def page_id(self) -> int | None:
        return self.page.pk if self.page is not None else None

    @property
    def block_id(self) -> str:
        return self.target.block_id if self.target is not None else ""

    @property
    def team(self) -> CallbackTeam | None:
        return self.target.team if self.target is not None else None


def rate_limit_message(retry_after: int) -> str:
    minutes = max(1, math.ceil(retry_after / 60))
    return ngettext(
        "You have sent several requests in a short time. Please try again in %(minutes)d "
        "minute, or call us.",
        "You have sent several requests in a short time. Please try again in %(minutes)d "
        "minutes, or call us.",
        minutes,
    ) % {"minutes": minutes}


def find_destination(request, page_id: int | None, block_id: str = "") -> Destination | None:
    """The form ``block_id`` of page ``page_id`` if the page is visible on the requesting
    site (live, public, of that site), else None; without ``page_id`` (the API only), the
    default form of the requesting site.

    Memoised on the request: the view asks again to re-render the page or to redirect.
    """
    memo = request.__dict__.setdefault("_cma_callback_destinations", {})
    key = (page_id, block_id)
    if key not in memo:
        memo[key] = _find_destination(request, page_id, block_id)
    return memo[key]


def _find_destination(request, page_id: int | None, block_id: str) -> Destination | None:
    site = request_site(request)
    chamber = ChamberSettings.for_request(request) if site is not None else None
    if page_id is None:
        if block_id:
            return None
        from cma_wagtail.blocks.callback import CallbackRequestBlock

        return Destination(CallbackRequestBlock().get_default(), site, chamber)
    if site is None:  # no site answers this host: no page is visible from it
        return None
    # The one visibility rule, for this site: the page's own row (for its URL), one query.
    page = visible_pages(Page.objects.filter(pk=page_id), site).first()
    target = get_target(page_id, block_id) if page is not None else None
    if target is None:
        return None
    return Destination(target.value, site, chamber, page=page, target=target)


def submit_callback(
    request, *, page_id: int | None, block_id: str = "", data, prefixed: bool = False
) -> Outcome:
    """Take one callback request (the form's ``data``, HTML or JSON) through every rule.

    ``prefixed``: the field names carry the block's prefix (the HTML page holds several
    forms). RATE_LIMITED and CLOSED outcomes carry the bound form too (``forms``), so
    that the HTML view can show it again with what was typed.
    """
    destination = find_destination(request, page_id, block_id)
    if destination is None:
        return Outcome.not_found()
    form = build_form(
        destination.value,
        data=data,
        chamber=destination.chamber,
        request=request,
        block_id=destination.block_id if prefixed else "",
    )
    ip = ratelimit.client_ip(request)
    limited = ip_allowed(ip)
    if not limited.allowed:
        return _rate_limited(limited.retry_after, form)
    status = intake_status(destination.chamber, destination.team)
    if not status.open:
        closed = Outcome.closed(status.reason, status.message, status=503)
        return dataclasses.replace(closed, forms=(form,))
    if not form.is_valid():
        return Outcome.invalid(form)
    limited = phone_allowed(form.cleaned_data["phone"])
    if not limited.allowed:
        return _rate_limited(limited.retry_after, form)
    obj, _merged = submit_callback_request(
        destination.value,
        form.cleaned_data,
        destination.site,
        {
            "ip": ip,
            "page_id": destination.page_id,
            "block_id": destination.block_id,
            "chamber": destination.chamber,
        },
    )
    # A repeat (merged) answers as a new request: the merge is the agents' business.
    return Outcome.done(SENT, obj, expected_call=str(expected_call_text(destination.chamber) or ""))


def _rate_limited(retry_after: int, form) -> Outcome:
    outcome = Outcome.rate_limited(retry_after, rate_limit_message(retry_after))
    return dataclasses.replace(outcome, forms=(form,))
