"""The example site's URLs: they mount API v2 at /api/v2/ (and v3 at /api/v3/)."""

from example_site.urls import urlpatterns  # noqa: F401
