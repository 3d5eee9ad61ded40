"""``GET /api/v3/cma/companies/{siret}/``: confirm a SIRET on a public form, from the browser.

Progressive enhancement only: the forms never need it, and no submission or public page
calls it. It proxies the directory with its own rate limit per address and the client's
shared cache, and answers only what the directory publishes to anyone.
Imported only when ``wagtail.api.v3`` is installed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from wagtail.api.v3.errors import ProblemDetail, problem_response

from .. import ratelimit
from ..api.v3 import RateLimited
from ..conf import settings as cma_settings
from ..validators import normalize_siret, validate_siret
from . import client, services

router = Router(tags=["companies"])

RATE_LIMIT_SCOPE = "cma_wagtail.companies.lookup"


class CompanySummary(Schema):
    siret: str
    name: str
    activity: str
    naf_code: str
    commune: str
    postcode: str
    closed: bool


@router.get(
    "/{siret}/",
    response={
        200: CompanySummary,
        404: ProblemDetail,
        422: ProblemDetail,
        429: ProblemDetail,
        503: ProblemDetail,
    },
    auth=None,
    url_name="cma_company",
)
def company(request, siret: str):
    """The business of a SIRET as the public directory describes it (name, activity, commune).

    404 when the directory does not know the SIRET; 503 when the look-ups are turned off or
    the directory does not answer (the form works the same without this answer).
    """
    siret = normalize_siret(siret)
    try:
        validate_siret(siret)
    except ValidationError as error:
        return problem_response(status=422, detail=" ".join(error.messages))
    if not client.is_enabled():
        return problem_response(status=503, detail=_("Company look-ups are turned off."))
    limit = ratelimit.hit(
        RATE_LIMIT_SCOPE,
        ratelimit.client_ip(request),
        tuple(cma_settings.COMPANY_LOOKUP_RATE_LIMIT_PER_IP),
    )
    if not limit.allowed:
        raise RateLimited(limit.retry_after, _("Too many look-ups: please try again later."))
    try:
        summary = services.public_summary(siret)
    except (client.DirectoryError, client.DirectoryUnavailable):
        return problem_response(
            status=503, detail=_("The company directory does not answer at the moment.")
        )
    if summary is None:
        raise Http404(_("The directory does not know this SIRET."))
    return summary
