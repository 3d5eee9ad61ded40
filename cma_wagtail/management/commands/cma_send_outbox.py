from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cma_wagtail.api.idempotency import purge_expired
from cma_wagtail.caching import sending
from cma_wagtail.outbox import retry_pending


class Command(BaseCommand):
    help = (
        "Send the pending emails and purges of cma-wagtail, retry the failed ones, delete "
        "expired idempotency keys and old purges (run it from cron every few minutes)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--max-attempts", type=int, default=10)
        parser.add_argument(
            "--stale-after-minutes",
            type=int,
            default=15,
            help=(
                "Retry a message left 'sending' for this long (its worker died mid-send). "
                "0 right after a crash, once every worker is stopped: a message the mail "
                "server had accepted is then sent again, with the same Message-ID."
            ),
        )

    def handle(self, *args, max_attempts, stale_after_minutes, **options):
        sent, failed = retry_pending(
            max_attempts=max_attempts, stale_after_minutes=stale_after_minutes
        )
        self.stdout.write(
            _("%(sent)d sent, %(failed)d still failing.") % {"sent": sent, "failed": failed}
        )
        purged = purge_expired()  # the API's stored answers past their lifetime
        if purged:
            self.stdout.write(_("%(count)d expired idempotency keys deleted.") % {"count": purged})
        pruned = sending.prune()  # purges sent or given up a week ago
        if pruned:
            self.stdout.write(
                _("%(count)d old purges of the shared cache deleted.") % {"count": pruned}
            )
