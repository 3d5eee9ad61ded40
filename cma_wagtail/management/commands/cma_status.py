"""What to watch on a running site (docs/deployment.md): the outbox, the task queue, the
callback requests still waiting for their emails. For monitoring: ``--max-age-minutes``
makes the command exit with status 1 when something has waited longer than that."""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cma_wagtail.outbox import OUTBOXES


def _minutes(since) -> float | None:
    return None if since is None else (timezone.now() - since).total_seconds() / 60


class Command(BaseCommand):
    help = (
        "Print the outbox (waiting, failed, being sent, oldest unsent message), the task "
        "queue (django-tasks-db: ready, running, oldest ready task) and the callback "
        "requests whose emails are not written yet; exit 1 past --max-age-minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-age-minutes",
            type=float,
            default=None,
            help="Exit with status 1 if a message, task or request has waited longer.",
        )

    def handle(self, *args, max_age_minutes, **options):
        ages: list[float] = []
        for model in OUTBOXES:
            counts = {
                status: model.objects.filter(status=status).count()
                for status in (
                    model.Status.PENDING,
                    model.Status.FAILED,
                    model.Status.SENDING,
                )
            }
            oldest = _minutes(
                model.objects.filter(status__in=model.SENDABLE).aggregate(t=Min("created_at"))["t"]
            )
            ages.append(oldest or 0)
            self.stdout.write(
                _(
                    "%(what)s: %(pending)d waiting, %(failed)d failed, %(sending)d being "
                    "sent; oldest unsent: %(oldest)s"
                )
                % {
                    "what": model._meta.verbose_name_plural,
                    "pending": counts[model.Status.PENDING],
                    "failed": counts[model.Status.FAILED],
                    "sending": counts[model.Status.SENDING],
                    "oldest": self._age(oldest),
                }
            )
        if apps.is_installed("django_tasks_db"):
            task_model = apps.get_model("django_tasks_database", "DBTaskResult")
            ready = task_model.objects.ready()
            oldest = _minutes(ready.aggregate(t=Min("enqueued_at"))["t"])
            ages.append(oldest or 0)
            self.stdout.write(
                _("task queue: %(ready)d ready, %(running)d running; oldest ready: %(oldest)s")
                % {
                    "ready": ready.count(),
                    "running": task_model.objects.running().count(),
                    "oldest": self._age(oldest),
                }
            )
        if apps.is_installed("cma_wagtail.callbacks"):
            requests = apps.get_model("cma_callbacks", "CallbackRequest").objects.filter(
                notified_at__isnull=True
            )
            oldest = _minutes(requests.aggregate(t=Min("created_at"))["t"])
            ages.append(oldest or 0)
            self.stdout.write(
                _("callback requests without their emails: %(count)d; oldest: %(oldest)s")
                % {"count": requests.count(), "oldest": self._age(oldest)}
            )
        if max_age_minutes is not None and max(ages, default=0) > max_age_minutes:
            raise CommandError(
                _("Something has waited more than %(minutes)s minutes.")
                % {"minutes": f"{max_age_minutes:g}"},
                returncode=1,
            )

    @staticmethod
    def _age(minutes: float | None) -> str:
        if minutes is None:
            return pgettext("oldest waiting item", "none")
        return _("%(minutes).0f min") % {"minutes": minutes}
