"""The example site's URLs, Wagtail's API v2 pages endpoint and the bare baseline view."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from example_site.urls import urlpatterns as site_urlpatterns

from .baseline import bare_callback_view

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("bench/bare-callback/", bare_callback_view, name="bench_bare_callback"),
    *site_urlpatterns,
]
