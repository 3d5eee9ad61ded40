from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cma_wagtail.outbox import retry_pending


class Command(BaseCommand):
    help = "Send the pending emails of cma-wagtail and retry the failed ones (run it from cron)."

    def add_arguments(self, parser):
        parser.add_argument("--max-attempts", type=int, default=10)

    def handle(self, *args, max_attempts, **options):
        sent, failed = retry_pending(max_attempts=max_attempts)
        self.stdout.write(
            _("%(sent)d sent, %(failed)d still failing.") % {"sent": sent, "failed": failed}
        )
