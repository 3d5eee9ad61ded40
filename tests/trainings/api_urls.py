"""A test urlconf mounting Wagtail's API v2 pages endpoint, as an integrator would."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [
    path("api/v2/", router.urls),
    path("", include("cma_wagtail.urls")),
    path("", include(wagtail_urls)),
]
