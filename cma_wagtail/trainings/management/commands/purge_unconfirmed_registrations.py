"""Delete the registrations whose email address was not confirmed in time.

Run it daily (cron): ``python manage.py purge_unconfirmed_registrations``.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cma_wagtail.conf import settings as cma_settings
from cma_wagtail.trainings.services import purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Delete the training registrations still waiting for their email confirmation "
        "after CMA_WAGTAIL_TRAININGS_CONFIRMATION_HOURS (they never held a seat), with "
        "their emails."
    )

    def handle(self, *args, **options):
        count = purge_unconfirmed()
        hours = cma_settings.TRAININGS_CONFIRMATION_HOURS
        self.stdout.write(f"{count} unconfirmed registration(s) older than {hours} hours deleted.")
