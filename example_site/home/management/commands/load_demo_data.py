"""Build the demo content in code, from the CMA du Doubs story. Running it twice changes nothing."""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.conf import settings
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
        # After every section exists: the menu, logo and colours of the site frame.
        "example_site.demo.frame",
    ]


#: The URLs and accounts, for `manage.py demo_server` to print once the server listens.
SUMMARY = Path(settings.BASE_DIR) / ".cache" / "demo-summary.txt"


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo content of the example site."

    def handle(self, *args, **options):
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        context = DemoContext(stdout=self.stdout, style=self.style, base_url=base_url)
        with transaction.atomic():
            for module_name in demo_modules():
                if find_spec(module_name) is None:
                    continue
                import_module(module_name).load(context)
        lines = [f"Site\u00a0: {base_url}/", *context.report]
        SUMMARY.parent.mkdir(parents=True, exist_ok=True)
        SUMMARY.write_text("\n".join(lines) + "\n")
        if options["verbosity"] >= 1:
            for line in lines:
                self.stdout.write(line)
