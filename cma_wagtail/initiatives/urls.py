from django.urls import path, re_path

from .views import ProposeView, serve_page_json

app_name = "cma_initiatives"

urlpatterns = [path("propose/", ProposeView.as_view(), name="propose")]

#: Mounted at the site root by ``cma_wagtail.urls``: Wagtail's own page URLs cannot contain
#: a dot, so ``<index page url>map.json`` is handed to Wagtail's router from here.
root_urlpatterns = [
    re_path(
        r"^(?P<path>(?:[\w\-]+/)*)map\.json$",
        serve_page_json,
        {"name": "map.json"},
        name="cma_initiatives_map_json",
    )
]
