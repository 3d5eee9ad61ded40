"""API v2 endpoint of initiatives (read-only): ``?category=&departement=&q=&index=``."""

from __future__ import annotations

from cma_wagtail.api.v2 import CmaPagesAPIViewSet
from cma_wagtail.base_page import get_base_page_model
from cma_wagtail.validators import is_ascii_number

from ..models import InitiativePage
from ..serializers import STREAM_FIELDS, prefetch_initiatives
from . import initiatives_queryset

Page = get_base_page_model()


class InitiativesAPIViewSet(CmaPagesAPIViewSet):
    model = InitiativePage
    stream_fields = STREAM_FIELDS
    filter_parameters = ("category", "departement", "q", "index")
    name = "initiatives"

    def filter_pages(self, queryset, params):
        index = params.get("index", "")
        if index:
            parent = Page.objects.filter(pk=int(index)).first() if is_ascii_number(index) else None
            queryset = queryset.descendant_of(parent) if parent else queryset.none()
        return initiatives_queryset(queryset, params, InitiativePage.objects.live())

    def prefetch(self, pages: list) -> list:
        return prefetch_initiatives(pages)


endpoint = InitiativesAPIViewSet
