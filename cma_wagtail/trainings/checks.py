"""System checks of this capability, registered from its AppConfig's ``ready()``."""

from __future__ import annotations

from django.core.checks import Tags, register

from cma_wagtail.checks import modeladmin_required

#: E002: the training registrations inbox is a wagtail-modeladmin admin.
check_modeladmin_installed = register(
    modeladmin_required("The training registrations inbox"), Tags.compatibility
)
