from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cma_wagtail.api import v2_router

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Headless (docs/headless.md): API v2 (read-only) and, on Wagtail >= 8, API v3.
    path("api/v2/", v2_router().urls),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("cma_wagtail.urls")),
]

if apps.is_installed("wagtail.api.v3"):
    from wagtail.api.v3.urls import api as api_v3

    urlpatterns.append(path("api/v3/", api_v3.urls))

if settings.DEBUG:
    # Static files for the demo under any server (runserver or gunicorn) without WhiteNoise.
    urlpatterns += staticfiles_urlpatterns()
if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # The demo's uploaded images, DEBUG or not (a real site serves them from its web server).
    urlpatterns.append(
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )

urlpatterns.append(path("", include(wagtail_urls)))
