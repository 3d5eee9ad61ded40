from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "cma_wagtail.initiatives"
    label = "cma_initiatives"
    verbose_name = _("Artisans' initiatives")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import filter_options, photos

        filter_options.connect()
        photos.connect()

        from . import companies

        companies.connect()

        from cma_wagtail.api.v3 import add_router

        add_router("/cma/initiatives/", "cma_wagtail.initiatives.api.v3.router")
