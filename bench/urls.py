"""The example site's URLs (API v2 at /api/v2/ with Wagtail's pages endpoint and the
package's, API v3 at /api/v3/ on Wagtail >= 8) and the bare baseline view."""

from django.urls import path

from example_site.urls import urlpatterns as site_urlpatterns

from .baseline import bare_callback_view

urlpatterns = [
    path("bench/bare-callback/", bare_callback_view, name="bench_bare_callback"),
    *site_urlpatterns,
]
