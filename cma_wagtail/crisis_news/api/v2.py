"""API v2 endpoint of crisis news (read-only): ``?topic=&urgency=&expired=1&index=``."""

from __future__ import annotations

import swapper

from cma_wagtail.api.v2 import CmaPagesAPIViewSet
from cma_wagtail.validators import is_ascii_number

from ..models import CrisisNewsPage
from ..queries import parse_filters
from ..serializers import STREAM_FIELDS


class CrisisNewsAPIViewSet(CmaPagesAPIViewSet):
    model = CrisisNewsPage
    stream_fields = STREAM_FIELDS
    filter_parameters = ("topic", "urgency", "expired", "index")
    name = "crisis-news"

    def filter_pages(self, queryset, params):
        filters = parse_filters(params)
        index = params.get("index")
        if index:
            queryset = queryset.filter(pk__in=_children(index))
        return queryset.filtered(
            topic=filters.topic, urgency=filters.urgency, include_expired=filters.show_expired
        ).pinned_then_newest()


def _children(index: str):
    Page = swapper.load_model("wagtailcore", "Page")

    parent = Page.objects.filter(pk=int(index)).first() if is_ascii_number(index) else None
    if parent is None:
        return []
    return parent.get_children().values_list("pk", flat=True)


endpoint = CrisisNewsAPIViewSet
