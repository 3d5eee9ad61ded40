"""Delete unconfirmed alert subscriptions whose confirmation link has expired.

Run it daily (cron): ``python manage.py purge_news_subscribers``.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cma_wagtail.conf import settings as cma_settings
from cma_wagtail.crisis_news.purge import purge_unconfirmed


class Command(BaseCommand):
    help = (
        "Delete crisis news alert subscriptions never confirmed within "
        "CMA_WAGTAIL_CRISIS_NEWS_ALERTS_CONFIRM_DAYS, with their confirmation emails."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count them.")

    def handle(self, *args, dry_run=False, **options):
        count = purge_unconfirmed(dry_run=dry_run)
        days = cma_settings.CRISIS_NEWS_ALERTS_CONFIRM_DAYS
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"{count} subscription(s) unconfirmed after {days} days {verb}.")
