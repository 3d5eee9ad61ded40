"""Public URLs of the installed capabilities: ``path("", include("cma_wagtail.urls"))``.

Mount it before Wagtail's catch-all ``include(wagtail_urls)``. Each capability declares its
prefix (``CapabilityConfig.url_prefix``); its URLs live under its app label as namespace
(``cma_callbacks:submit``…).
"""

from importlib import import_module
from importlib.util import find_spec

from django.urls import include, path

from .capabilities import capability_configs


def _mount():
    patterns = []
    for config in capability_configs():
        module = f"{config.name}.urls"
        if not config.url_prefix or find_spec(module) is None:
            continue
        patterns.append(
            path(config.url_prefix, include((module, config.label), namespace=config.label))
        )
        # Routes that must live at the site root, e.g. ``<index page url>map.json``.
        patterns += getattr(import_module(module), "root_urlpatterns", [])
    return patterns


urlpatterns = _mount()
