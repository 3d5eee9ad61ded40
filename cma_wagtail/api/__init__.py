"""Helpers shared by the capabilities' API modules, and the v2 entry point.

- :mod:`cma_wagtail.api.streamfield`: typed StreamField schemas (a discriminated union on
  the block ``type``) for Wagtail 8's API v3 / OpenAPI.
- :mod:`cma_wagtail.api.prefetch`: loads the blocks of a whole listing in bulk.
- :mod:`cma_wagtail.api.v3` / :mod:`cma_wagtail.api.v3_tools`: glue with API v3 (Wagtail >= 8).
- :func:`register_v2_endpoints`: the capabilities' read-only endpoints on an API v2 router.
"""

from __future__ import annotations

from django.utils.module_loading import import_string


def register_v2_endpoints(router) -> list[str]:
    """Add an endpoint per installed capability to a ``WagtailAPIRouter``; return their names.

    Read-only (API v2 has no write operations): submissions go through API v3 or the HTML
    forms. Each capability declares its endpoints (``CapabilityConfig.v2_endpoints``); each
    lists that capability's pages with the filters of its index page and prefetches what its
    fields need.
    """
    from ..capabilities import capability_configs

    names = []
    for config in capability_configs():
        for name, dotted_path in config.v2_endpoints.items():
            router.register_endpoint(name, import_string(dotted_path))
            names.append(name)
    return names


def v2_router(namespace: str = "wagtailapi"):
    """A v2 router with Wagtail's pages, images and documents endpoints and the package's."""
    from wagtail.api.v2.router import WagtailAPIRouter
    from wagtail.api.v2.views import PagesAPIViewSet
    from wagtail.documents.api.v2.views import DocumentsAPIViewSet
    from wagtail.images.api.v2.views import ImagesAPIViewSet

    router = WagtailAPIRouter(namespace)
    router.register_endpoint("pages", PagesAPIViewSet)
    router.register_endpoint("images", ImagesAPIViewSet)
    router.register_endpoint("documents", DocumentsAPIViewSet)
    register_v2_endpoints(router)
    return router
