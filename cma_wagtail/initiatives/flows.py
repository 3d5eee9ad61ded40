"""The public proposal of an initiative, one flow for the HTML form and the JSON API.

:func:`propose` is called by :class:`~cma_wagtail.initiatives.views.ProposeView` and by
``POST /api/v3/cma/initiatives/proposals/``; each only builds the form from its request and
renders the :class:`~cma_wagtail.flows.Outcome`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .. import ratelimit
from ..conf import settings as cma_settings
from ..flows import Outcome
from ..visibility import request_site
from .queries import proposal_index
from .services import submit_proposal

RATE_LIMIT_SCOPE = "cma_initiatives.propose"

CLOSED = _("Proposals are closed for now. Please write to the chamber instead.")
TOO_MANY = _("You have sent several proposals in a short time. Please try again later.")


def ip_allowed(ip: str) -> ratelimit.RateLimitResult:
    """Count one proposal from this address (HTML and JSON alike)."""
    return ratelimit.hit(RATE_LIMIT_SCOPE + ".ip", ip, tuple(cma_settings.RATE_LIMIT_PER_IP))


def contact_allowed(cleaned_data: dict) -> ratelimit.RateLimitResult:
    """Count one valid proposal for this contact (the phone, else the email)."""
    contact = cleaned_data.get("phone") or cleaned_data["email"].lower()
    return ratelimit.hit(
        RATE_LIMIT_SCOPE + ".contact", contact, tuple(cma_settings.RATE_LIMIT_PER_PHONE)
    )


def propose(request, form) -> Outcome:
    """Receive one proposal: ``form`` is a bound ``InitiativeProposalForm``.

    In order: a visible index receives proposals on the request's site (else CLOSED, 503),
    the address's rate limit (counted for every attempt), the form (INVALID), the contact's
    rate limit (counted for valid proposals only), then the draft page, the photo in the
    private collection, the contact and the emails (DONE, ``result`` = ``"received"``).
    """
    site = request_site(request)
    index = proposal_index(site)
    if index is None:
        return Outcome.closed("closed", CLOSED, status=503)
    ip = ratelimit.client_ip(request)
    limited = ip_allowed(ip)
    if not limited.allowed:
        return Outcome.rate_limited(limited.retry_after, TOO_MANY)
    if not form.is_valid():
        return Outcome.invalid(form)
    limited = contact_allowed(form.cleaned_data)
    if not limited.allowed:
        return Outcome.rate_limited(limited.retry_after, TOO_MANY)
    proposal = submit_proposal(form.cleaned_data, site, ratelimit.hash_value(ip), index=index)
    # ``status`` is the field API clients read before ``result`` existed.
    return Outcome.done("received", proposal, status="received")
