"""System checks of the events capability, registered from its ``ready()``."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.compatibility)
def check_events_limit(app_configs, **kwargs):
    limit = getattr(settings, "CMA_TEST_EVENTS_LIMIT", 10)
    if isinstance(limit, int) and not isinstance(limit, bool) and limit > 0:
        return []
    return [
        Error(
            f"CMA_TEST_EVENTS_LIMIT ({limit!r}) must be a whole number above 0.",
            hint="E.g. CMA_TEST_EVENTS_LIMIT = 10.",
            id="cma_test_events.E001",
        )
    ]
