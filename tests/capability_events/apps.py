from django.utils.translation import gettext_lazy as _

from cma_wagtail import capabilities


class EventsConfig(capabilities.CapabilityConfig):
    name = "tests.capability_events"
    label = "cma_test_events"
    verbose_name = _("Events")

    # What core needs to know: where its URLs go, its API v2 list, its blocks' adapter.
    url_prefix = "cma/events/"
    v2_endpoints = {"events": "tests.capability_events.api.EventsAPIViewSet"}
    block_support = "tests.capability_events.block_support.EventsBlockSupport"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the app's system checks)
