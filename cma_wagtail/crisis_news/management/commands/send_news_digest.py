"""Write the weekly digest of crisis news alerts to the outbox.

Run it once a week (cron), e.g. on Monday morning: ``python manage.py send_news_digest``;
``--enqueue`` hands the work to the django-tasks worker instead.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cma_wagtail.crisis_news.fanout import send_digest


class Command(BaseCommand):
    help = "Write one digest email per subscriber with crisis news waiting (weekly, by cron)."

    def add_arguments(self, parser):
        parser.add_argument("--enqueue", action="store_true", help="Run it as a django-tasks task.")

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            from cma_wagtail.crisis_news.tasks import send_weekly_digest

            send_weekly_digest.enqueue()
            self.stdout.write("Weekly digest enqueued.")
            return
        count = send_digest()
        self.stdout.write(f"{count} digest email(s) written to the outbox.")
