from django.apps import AppConfig


class BareConfig(AppConfig):
    """The benchmarks' baseline page type: what Wagtail serves with nothing of cma-wagtail."""

    name = "bench.bare"
    label = "bench_bare"
    default_auto_field = "django.db.models.BigAutoField"
