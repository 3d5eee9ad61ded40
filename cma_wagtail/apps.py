from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmaWagtailConfig(AppConfig):
    name = "cma_wagtail"
    label = "cma_wagtail"
    verbose_name = _("CMA Wagtail")
    # Pinned so that an integrator's DEFAULT_AUTO_FIELD never creates a migration here.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks, conf, webhooks  # noqa: F401  (registers checks and the settings reset)

        webhooks.connect()

        from .caching import checks as caching_checks  # noqa: F401  (registers them)
        from .caching import purge

        purge.connect()

        from .companies.services import retry_pending
        from .outbox import retry_requested

        retry_requested.connect(retry_pending, dispatch_uid="cma_wagtail.companies.retry")

        from .api.v3 import add_router, is_available
        from .capabilities import capability_configs

        if is_available():
            from .api.v3_tools import register_body_field_schema

            register_body_field_schema()
        add_router("/cma/", "cma_wagtail.api.v3_tools.form_token_router")
        add_router("/cma/companies/", "cma_wagtail.companies.api.router")
        add_router("/cma/site/", "cma_wagtail.api.site.router")
        # A decoupled front end previews the page types the capabilities declare.
        if any(config.preview_models for config in capability_configs()):
            add_router("/cma/preview/", "cma_wagtail.api.preview.router")
