"""The site's base page model (Wagtail 8's ``WAGTAIL_PAGE_MODEL``), known while models load.

Wagtail 8 lets a site swap ``wagtail.models.Page`` for its own base page model. The package's
page types are written as abstract mixins (``CrisisNewsPageMixin``…) and concrete page types
built on :func:`get_base_page_model`: ``wagtail.models.Page`` on a default site (and on Wagtail
7.4, which has no swappable page), the site's own base page model when ``WAGTAIL_PAGE_MODEL``
names one. So the concrete page types, their related models (sessions, galleries, alerts,
proposals) and their URLs keep one name on every site. Migrations name the base page through
:func:`base_page_model_name` and :func:`parent_link_name`, as Wagtail's own test app does.
"""

from __future__ import annotations

from importlib import import_module

import swapper
from django.apps import apps

# Read WAGTAIL_PAGE_MODEL (not WAGTAILCORE_PAGE_MODEL) even if this module loads before Wagtail's.
swapper.set_app_prefix("wagtailcore", "wagtail")


def base_page_model_name() -> str:
    """``"wagtailcore.Page"`` or the site's ``WAGTAIL_PAGE_MODEL`` (valid before models load)."""
    return swapper.get_model_name("wagtailcore", "Page")


def parent_link_name() -> str:
    """The name Django gives the parent link of a page type: ``page_ptr``, ``basepage_ptr``…"""
    return f"{swapper.split(base_page_model_name())[1].lower()}_ptr"


def get_base_page_model():
    """The base page model class, usable in a models module (unlike ``swapper.load_model``).

    App configs are imported before any models module, so the base page's app is found by its
    label and its models module imported; keep the base page model in an app of its own that does
    not import this package (Wagtail recommends that app anyway).
    """
    if not swapper.is_swapped("wagtailcore", "Page"):
        from wagtail.models import Page

        return Page
    app_label, model_name = swapper.split(base_page_model_name())
    try:
        return apps.get_registered_model(app_label, model_name)
    except LookupError:
        import_module(f"{apps.get_app_config(app_label).name}.models")
        return apps.get_registered_model(app_label, model_name)
