"""Public URLs of the installed capabilities: ``path("", include("cma_wagtail.urls"))``.

Mount it before Wagtail's catch-all ``include(wagtail_urls)``. Each capability's URLs
live under its app label as namespace (``cma_callbacks:submit``…).
"""

from django.urls import include, path

from .capabilities import CAPABILITIES, is_installed

_PREFIXES = {
    "cma_crisis_news": "cma/news/",
    "cma_initiatives": "cma/initiatives/",
    "cma_trainings": "cma/trainings/",
    "cma_callbacks": "cma/callbacks/",
}


def _mount():
    from importlib import import_module
    from importlib.util import find_spec

    patterns = []
    for label, module in CAPABILITIES.items():
        if is_installed(label) and find_spec(f"{module}.urls") is not None:
            patterns.append(
                path(_PREFIXES[label], include((f"{module}.urls", label), namespace=label))
            )
            # Routes that must live at the site root, e.g. ``<index page url>map.json``.
            patterns += getattr(import_module(f"{module}.urls"), "root_urlpatterns", [])
    return patterns


urlpatterns = _mount()
