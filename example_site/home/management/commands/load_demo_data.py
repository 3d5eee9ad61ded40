"""Build the demo content in code, from the CMA du Doubs story. Running it twice changes nothing."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from example_site.demo import DemoContext

#: (module, app it needs): each capability adds its own module here.
DEMO_MODULES = [
    ("example_site.demo.core", None),
    ("example_site.demo.crisis_news", "cma_wagtail.crisis_news"),
    ("example_site.demo.initiatives", "cma_wagtail.initiatives"),
    ("example_site.demo.trainings", "cma_wagtail.trainings"),
    ("example_site.demo.callbacks", "cma_wagtail.callbacks"),
    # After the requests and registrations: their company identities, already looked up.
    ("example_site.demo.companies", None),
    # Last: a crisis page from the block library (links to the callback page when there is one).
    ("example_site.demo.library", None),
]


class Command(BaseCommand):
    help = "Create (or bring up to date) the demo content of the example site."

    def handle(self, *args, **options):
        context = DemoContext(stdout=self.stdout, style=self.style)
        with transaction.atomic():
            for module_name, app in DEMO_MODULES:
                if app is not None and not apps.is_installed(app):
                    continue
                if find_spec(module_name) is None:
                    continue
                import_module(module_name).load(context)
        for line in context.report:
            self.stdout.write(line)
