"""Base of the capabilities' API v2 endpoints (Wagtail 7.4 and 8): read-only page listings
with their index page's filters, whose blocks are loaded in bulk (constant queries)."""

from __future__ import annotations

from wagtail.api.v2.views import PagesAPIViewSet

from .prefetch import prefetch_stream_fields


class CmaPagesAPIViewSet(PagesAPIViewSet):
    """One page type; ``filter_parameters`` are read by :meth:`filter_pages`."""

    model = None
    #: StreamFields bound in bulk for the whole page of results.
    stream_fields: tuple[str, ...] = ()
    #: Query parameters the endpoint understands besides Wagtail's own.
    filter_parameters: tuple[str, ...] = ()

    @classmethod
    def get_known_query_parameters(cls) -> set[str]:
        return set(PagesAPIViewSet.known_query_parameters) | set(cls.filter_parameters)

    def check_query_parameters(self, queryset):
        self.known_query_parameters = self.get_known_query_parameters()
        super().check_query_parameters(queryset)

    def get_queryset(self):
        base = self.get_base_queryset().values_list("pk", flat=True)
        # Wagtail's meta serialises each page's locale: joined here, not one query per page.
        queryset = self.model.objects.filter(pk__in=base).select_related("locale")
        if self.action == "listing_view":
            queryset = self.filter_pages(queryset, self.request.GET)
        return queryset

    def filter_pages(self, queryset, params):
        """The index page's filters (override per capability)."""
        return queryset

    def prefetch(self, pages: list) -> list:
        return prefetch_stream_fields(pages, self.stream_fields)

    def paginate_queryset(self, queryset):
        return self.prefetch(list(super().paginate_queryset(queryset)))

    def get_object(self):
        if not hasattr(self, "_cached_object"):
            self._cached_object = self.prefetch([super().get_object()])[0]
        return self._cached_object
