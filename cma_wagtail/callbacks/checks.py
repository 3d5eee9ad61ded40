"""System checks of this capability, registered from its AppConfig's ``ready()``."""

from __future__ import annotations

from django.apps import apps
from django.core.checks import Error, Tags, register


@register(Tags.compatibility)
def check_modeladmin_installed(app_configs, **kwargs):
    """The callback requests inbox is a wagtail-modeladmin admin."""
    if apps.is_installed("wagtail_modeladmin"):
        return []
    return [
        Error(
            "The callback requests inbox needs wagtail-modeladmin.",
            hint="Add 'wagtail_modeladmin' to INSTALLED_APPS.",
            id="cma_wagtail.E002",
        )
    ]
