from django.utils.translation import gettext_lazy as _

from cma_wagtail import capabilities


class CallbacksConfig(capabilities.CapabilityConfig):
    name = "cma_wagtail.callbacks"
    label = "cma_callbacks"
    verbose_name = _("Callback requests")

    # What core needs to know (cma_wagtail.capabilities.CapabilityConfig).
    url_prefix = "cma/callbacks/"
    v2_endpoints = {}
    block_support = "cma_wagtail.callbacks.block_support.CallbacksBlockSupport"
    # Pinned so that an integrator's DEFAULT_AUTO_FIELD never creates a migration here.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cma_wagtail.api.v3 import add_router
        from cma_wagtail.outbox import retry_requested

        from . import checks  # noqa: F401  (registers the app's system checks)
        from .emails import queue_missing_notifications
        from .routing import connect_signals as connect_routing
        from .targets import connect_signals

        connect_signals()
        connect_routing()

        from . import companies

        companies.connect()
        retry_requested.connect(queue_missing_notifications, dispatch_uid="cma_callbacks.notify")

        add_router("/cma/callback-requests/", "cma_wagtail.callbacks.api.v3.router")
