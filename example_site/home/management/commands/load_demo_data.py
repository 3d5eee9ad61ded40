"""Build the demo content in code, from the CMA du Doubs story. Running it twice changes nothing."""

from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand
from django.db import transaction

from example_site.demo import DemoContext


def demo_modules() -> list[str]:
    """Core first, then ``example_site.demo.<capability>`` for each installed capability
    that has one (in INSTALLED_APPS order), then the modules that build on them."""
    from cma_wagtail.capabilities import capability_configs

    capability_modules = [
        f"example_site.demo.{config.name.rsplit('.', 1)[1]}" for config in capability_configs()
    ]
    return [
        "example_site.demo.core",
        *capability_modules,
        # After the requests and registrations: their company identities, already looked up.
        "example_site.demo.companies",
        # Last: a crisis page from the block library (links to the callback page when there is one).
        "example_site.demo.library",
    ]


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo content of the example site."

    def handle(self, *args, **options):
        context = DemoContext(stdout=self.stdout, style=self.style)
        with transaction.atomic():
            for module_name in demo_modules():
                if find_spec(module_name) is None:
                    continue
                import_module(module_name).load(context)
        for line in context.report:
            self.stdout.write(line)
