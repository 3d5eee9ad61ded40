"""Delete the registrations of sessions ended more than CMA_WAGTAIL_TRAININGS_RETENTION_DAYS
ago.

Run it daily (cron): ``python manage.py purge_past_registrations``.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand

from cma_wagtail.conf import settings as cma_settings
from cma_wagtail.trainings.services import purge_past


class Command(BaseCommand):
    help = (
        "Delete the training registrations (any status) of sessions that ended more than "
        "CMA_WAGTAIL_TRAININGS_RETENTION_DAYS ago, with their emails and the business "
        "identity looked up for them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Override the retention period (days) for this run.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the registrations concerned."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = cma_settings.TRAININGS_RETENTION_DAYS if days is None else days
        count = purge_past(dt.timedelta(days=days), dry_run=dry_run)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(
            f"{count} registration(s) of sessions ended more than {days} days ago {verb}."
        )
