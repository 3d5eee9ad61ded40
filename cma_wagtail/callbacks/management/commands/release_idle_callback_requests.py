"""Put back in the queue the requests taken and left untouched (run it from cron)."""

from django.core.management.base import BaseCommand

from cma_wagtail.callbacks.queue import release_idle


class Command(BaseCommand):
    help = (
        "Put back in the queue the callback requests taken and left untouched for "
        "CMA_WAGTAIL_CALLBACK_RELEASE_AFTER_MINUTES."
    )

    def handle(self, *args, **options):
        count = release_idle()
        self.stdout.write(f"{count} request(s) put back in the queue.")
