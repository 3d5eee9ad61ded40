"""API v2 endpoint of trainings (read-only): ``?theme=&format=&available=1&index=``."""

from __future__ import annotations

from cma_wagtail.api.v2 import CmaPagesAPIViewSet
from cma_wagtail.base_page import get_base_page_model
from cma_wagtail.validators import is_ascii_number

from ..models import TrainingPage
from ..queries import filter_trainings, parse_filters, trainings_for_listing
from ..serializers import STREAM_FIELDS

Page = get_base_page_model()


class TrainingsAPIViewSet(CmaPagesAPIViewSet):
    model = TrainingPage
    stream_fields = STREAM_FIELDS
    filter_parameters = ("theme", "format", "available", "index")
    name = "trainings"

    def filter_pages(self, queryset, params):
        index = params.get("index", "")
        if index:
            parent = Page.objects.filter(pk=int(index)).first() if is_ascii_number(index) else None
            queryset = queryset.child_of(parent) if parent else queryset.none()
        return filter_trainings(trainings_for_listing(queryset), **parse_filters(params))


endpoint = TrainingsAPIViewSet
