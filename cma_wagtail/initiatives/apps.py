from django.utils.translation import gettext_lazy as _

from cma_wagtail import capabilities


class InitiativesConfig(capabilities.CapabilityConfig):
    name = "cma_wagtail.initiatives"
    label = "cma_initiatives"
    verbose_name = _("Artisans' initiatives")

    # What core needs to know (cma_wagtail.capabilities.CapabilityConfig).
    url_prefix = "cma/initiatives/"
    v2_endpoints = {"initiatives": "cma_wagtail.initiatives.api.v2.endpoint"}
    block_support = "cma_wagtail.initiatives.block_support.InitiativesBlockSupport"
    preview_models = {
        "cma_initiatives.initiativepage": (
            "cma_wagtail.initiatives.serializers.Initiative",
            "cma_wagtail.initiatives.serializers.serialize_initiatives",
        )
    }
    # Pinned so that an integrator's DEFAULT_AUTO_FIELD never creates a migration here.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import photos
        from .queries import connect_filter_options

        connect_filter_options()
        photos.connect()

        from . import companies

        companies.connect()

        from cma_wagtail.api.v3 import add_router

        add_router("/cma/initiatives/", "cma_wagtail.initiatives.api.v3.router")
