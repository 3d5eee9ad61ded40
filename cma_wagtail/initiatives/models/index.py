"""``InitiativeIndexPage``: the showcase, its filters and its GeoJSON map feed."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, IntegerField, When
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField

from ...base_page import get_base_page_model
from ...departements import DEPARTEMENTS, departement_label
from ..maps import map_options
from ..serializers import category_data
from .categories import InitiativeCategory
from .pages import InitiativePage

if TYPE_CHECKING:  # pragma: no cover
    from ..queries import FilterOptions

#: Wagtail's ``Page`` or the site's own base page model (``WAGTAIL_PAGE_MODEL``).
Page = get_base_page_model()


@dataclass(frozen=True)
class InitiativeFilters:
    """The filters of a request, already checked: unknown values are dropped."""

    category: str = ""
    departement: str = ""
    q: str = ""

    def __bool__(self) -> bool:
        return bool(self.category or self.departement or self.q)

    def as_query(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v}


def parse_filters(params, category_slugs: Collection[str] = ()) -> InitiativeFilters:
    """``?category=<slug>&departement=<code>&q=<text>``, checked: unknown values are dropped.

    A category slug found in ``category_slugs`` (the cached options of an index) is taken
    as it is; any other is looked up in the database, so that a category created since the
    options were cached is never dropped.
    """
    category = (params.get("category") or "").strip()
    if (
        category
        and category not in category_slugs
        and not InitiativeCategory.objects.filter(slug=category).exists()
    ):
        category = ""
    departement = (params.get("departement") or "").strip().upper()
    if departement not in DEPARTEMENTS:
        departement = ""
    q = " ".join((params.get("q") or "").split())[:100]
    return InitiativeFilters(category=category, departement=departement, q=q)


def filter_initiatives(queryset, filters: InitiativeFilters, search_scope, max_results: int = 500):
    """Apply the filters in SQL; free text goes through Wagtail search, then back to SQL.

    Shared by the index page and the APIs. Search backends (the database one in particular)
    only filter on declared ``FilterField``s and cannot follow the categories relation, so
    the search runs on ``search_scope`` unfiltered and its hits (in order of relevance)
    become a ``pk__in`` filter that combines with the others and with pagination.
    """
    if filters.category:
        queryset = queryset.filter(categories__slug=filters.category)
    if filters.departement:
        queryset = queryset.filter(departement=filters.departement)
    if filters.q:
        hits = search_scope.search(filters.q)
        pks = [page.pk for page in hits[:max_results]]
        ranking = Case(
            *(When(pk=pk, then=rank) for rank, pk in enumerate(pks)),
            output_field=IntegerField(),
        )
        queryset = queryset.filter(pk__in=pks)
        if pks:
            queryset = queryset.alias(search_rank=ranking).order_by("search_rank")
    return queryset


class InitiativeIndexPageMixin(RoutablePageMixin, models.Model):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    #: Cards per page of the list.
    per_page = 12
    #: Most search hits considered (the search backend returns them by relevance).
    max_search_results = 500
    #: Seconds the filter form's options stay in the cache. Publishing, unpublishing,
    #: moving or deleting an initiative, and editing a category or a view restriction,
    #: replace them at once (see :mod:`cma_wagtail.initiatives.queries`).
    filter_options_cache_timeout = 60 * 60

    subpage_types = ["cma_initiatives.InitiativePage"]
    template = "cma_initiatives/initiative_index_page.html"
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro"), APIField("all_categories"), APIField("map_url")]

    class Meta:
        abstract = True
        verbose_name = _("initiatives index")
        verbose_name_plural = _("initiatives indexes")

    # Querying

    def get_initiatives(self):
        """The published initiatives below this page, newest first (no filter applied)."""
        from ..queries import initiatives_queryset

        return initiatives_queryset(parent=self)

    def get_filters(self, request, options: FilterOptions | None = None) -> InitiativeFilters:
        return parse_filters(request.GET, options.category_slugs if options else ())

    def get_filter_options(self) -> FilterOptions:
        """The filter form's categories and départements, cached across requests."""
        from ..queries import get_cached

        return get_cached(self, self.build_filter_options, self.filter_options_cache_timeout)

    def build_filter_options(self) -> FilterOptions:
        """What :meth:`get_filter_options` caches: every category, and the départements of
        the initiatives this index lists (two queries)."""
        from ..queries import CategoryOption, FilterOptions

        departements = (
            self.get_initiatives()
            .exclude(departement="")
            .order_by("departement")
            .values_list("departement", flat=True)
            .distinct()
        )
        categories = InitiativeCategory.objects.values_list("slug", "name", "icon")
        return FilterOptions(
            categories=tuple(CategoryOption(*row) for row in categories),
            departements=tuple(departements),
        )

    def filter_initiatives(self, queryset, filters: InitiativeFilters):
        return filter_initiatives(
            queryset,
            filters,
            search_scope=InitiativePage.objects.live().descendant_of(self),
            max_results=self.max_search_results,
        )

    def get_filtered_initiatives(self, request, filters: InitiativeFilters | None = None):
        filters = filters if filters is not None else self.get_filters(request)
        return self.filter_initiatives(self.get_initiatives(), filters)

    # Views

    def get_context(self, request, *args, **kwargs):
        from ..forms import InitiativeFilterForm

        context = super().get_context(request, *args, **kwargs)
        # Cached: no query while the options are fresh (see get_filter_options).
        options = self.get_filter_options()
        filters = self.get_filters(request, options)
        # Two queries: the count, then the page of initiatives (view restrictions checked
        # inside both), plus the prefetches of the cards.
        queryset = self.filter_initiatives(self.get_initiatives(), filters).prefetch_related(
            *InitiativePage.listing_prefetches()
        )
        paginator = Paginator(queryset, self.per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            filters=filters,
            filter_form=InitiativeFilterForm(
                data=filters.as_query() or None,
                categories=options.categories,
                departements=[(code, departement_label(code)) for code in options.departements],
            ),
            initiatives=page_obj,
            paginator=paginator,
            query_string=urlencode(filters.as_query()),
            map_url=self.url + self.reverse_subpage("map"),
        )
        query = context["query_string"]
        context["map_options"] = map_options(context["map_url"] + (f"?{query}" if query else ""))
        return context

    @re_path(r"^map\.json/?$", name="map")
    def map_json(self, request):
        """A GeoJSON FeatureCollection (RFC 7946) of the filtered initiatives that have coordinates."""
        queryset = (
            self.get_filtered_initiatives(request)
            .filter(latitude__isnull=False, longitude__isnull=False)
            .prefetch_related("categories")
        )
        features = [self.get_feature(page, request) for page in queryset]
        response = JsonResponse(
            {"type": "FeatureCollection", "features": features},
            content_type="application/geo+json",
            json_dumps_params={"ensure_ascii": False},
        )
        # Public data, meant for any front end (a map on another site included).
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def get_cached_paths(self):
        """Purged with the index by ``wagtail.contrib.frontend_cache`` (docs/caching.md)."""
        return ["/", "map.json"]

    def get_feature(self, page: InitiativePage, request) -> dict:
        return {
            "type": "Feature",
            "id": page.pk,
            "geometry": {
                "type": "Point",
                # RFC 7946: longitude first; 6 decimals (about 10 cm) is plenty.
                "coordinates": [round(float(page.longitude), 6), round(float(page.latitude), 6)],
            },
            "properties": {
                "title": page.title,
                "business_name": page.business_name,
                "url": page.get_full_url(request),
                "town": page.town,
                "postcode": page.postcode,
                "departement": page.departement,
                "departement_name": page.departement_name,
                "categories": [category_data(c) for c in page.categories.all()],
                "summary": page.summary,
            },
        }

    # API

    @property
    def all_categories(self) -> list[dict]:
        return [category_data(c) for c in InitiativeCategory.objects.all()]

    @property
    def map_url(self) -> str:
        return (self.url or "") + self.reverse_subpage("map")


class InitiativeIndexPage(InitiativeIndexPageMixin, Page):
    """The page type on the active base page model (``Page`` or ``WAGTAIL_PAGE_MODEL``)."""

    class Meta(InitiativeIndexPageMixin.Meta):
        pass
