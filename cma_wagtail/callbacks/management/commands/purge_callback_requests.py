"""Anonymise closed callback requests older than CMA_WAGTAIL_CALLBACK_RETENTION_DAYS.

Run it daily (cron): ``python manage.py purge_callback_requests``.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand

from cma_wagtail.callbacks.purge import purge_closed_requests
from cma_wagtail.conf import settings as cma_settings


class Command(BaseCommand):
    help = (
        "Anonymise closed callback requests older than CMA_WAGTAIL_CALLBACK_RETENTION_DAYS: "
        "keep topic, dates, outcome and team; remove names, phone, email, SIRET, message, "
        "IP hash and call notes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Override the retention period (days) for this run.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the requests concerned."
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = cma_settings.CALLBACK_RETENTION_DAYS if days is None else days
        count = purge_closed_requests(dt.timedelta(days=days), dry_run=dry_run)
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(f"{count} closed callback request(s) older than {days} days {verb}.")
