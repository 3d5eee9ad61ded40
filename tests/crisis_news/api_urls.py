"""The example site's URLs plus a Wagtail API v2 router, for the API tests."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from example_site.urls import urlpatterns as site_urlpatterns

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("api/v2/", api_router.urls), *site_urlpatterns]
