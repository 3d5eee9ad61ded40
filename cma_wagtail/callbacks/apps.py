from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallbacksConfig(AppConfig):
    name = "cma_wagtail.callbacks"
    label = "cma_callbacks"
    verbose_name = _("Callback requests")
    # Pinned so that an integrator's DEFAULT_AUTO_FIELD never creates a migration here.
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cma_wagtail.api.v3 import add_router
        from cma_wagtail.outbox import retry_requested

        from .notifications import queue_missing_notifications
        from .routing import connect_signals as connect_routing
        from .targets import connect_signals

        connect_signals()
        connect_routing()

        from . import companies

        companies.connect()
        retry_requested.connect(queue_missing_notifications, dispatch_uid="cma_callbacks.notify")

        add_router("/cma/callback-requests/", "cma_wagtail.callbacks.api.v3.router")
