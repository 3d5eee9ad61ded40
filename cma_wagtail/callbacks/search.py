"""Inbox search: names, business, SIRET, and phone numbers written in any format."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from wagtail_modeladmin.helpers import DjangoORMSearchHandler

from cma_wagtail.validators import to_e164


def phone_query(term: str) -> Q | None:
    """``03 81 21 22 23``, ``0381212223``, ``+33 3 81…`` all find ``+33381212223``."""
    digits = "".join(c for c in term if c.isdigit())
    if len(digits) < 4:
        return None
    try:
        return Q(phone=to_e164(term))
    except ValidationError:
        pass
    # A partial number: match its digits after the leading trunk 0 ("0381" → "381").
    return Q(phone__contains=digits.lstrip("0") or digits)


class CallbackSearchHandler(DjangoORMSearchHandler):
    def search_queryset(self, queryset, search_term, **kwargs):
        term = (search_term or "").strip()
        if not term:
            return queryset
        compact = "".join(term.split())
        if compact.isdigit() and len(compact) == 14:
            return queryset.filter(siret=compact)
        by_phone = phone_query(term)
        if by_phone is not None and not any(c.isalpha() for c in term):
            return queryset.filter(by_phone | Q(siret__contains=compact))
        return super().search_queryset(queryset, term, **kwargs)

    @property
    def show_search_form(self):
        return True
