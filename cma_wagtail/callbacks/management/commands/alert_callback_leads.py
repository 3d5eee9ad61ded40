"""Email the team leads whose oldest waiting request is over target (run it from cron)."""

from django.core.management.base import BaseCommand

from cma_wagtail.callbacks.alerts import check_all


class Command(BaseCommand):
    help = "Email each team lead once when their team's oldest waiting request is over target."

    def handle(self, *args, **options):
        self.stdout.write(f"{check_all()} lead(s) alerted.")
