"""Know the business before calling: identities from the State's public company directory.

The capabilities call these functions with their own objects; core never knows their
models (the identity links to them through a generic relation)::

    from cma_wagtail import companies

    companies.enrich_later(callback_request, callback_request.siret)  # after it is stored
    companies.identity_for(callback_request)  # what the directory said, or None
    companies.forget(CallbackRequest, [pk, ...])  # when the requests are purged

See ``docs/companies.md``.
"""

from __future__ import annotations

from typing import Any

from .signals import company_identified

__all__ = [
    "company_identified",
    "enrich_later",
    "forget",
    "identity_for",
    "is_enabled",
    "with_identities",
]


def is_enabled() -> bool:
    """False when ``CMA_WAGTAIL_COMPANY_DIRECTORY_URL`` is empty (the feature is off)."""
    from .client import is_enabled

    return is_enabled()


def enrich_later(obj: Any, siret: str):
    """Look the business of a stored ``obj`` up in a task; see :mod:`.services`."""
    from .services import enrich_later

    return enrich_later(obj, siret)


def identity_for(obj: Any):
    from .services import identity_for

    return identity_for(obj)


def forget(model: type, object_ids) -> int:
    from .services import forget

    return forget(model, object_ids)


def with_identities(queryset):
    """Iterate ``queryset`` with each object's identity as ``obj._cma_company`` (or None),
    one query per 500 objects: for exports and listings."""
    from .services import WithIdentities

    return WithIdentities(queryset)
