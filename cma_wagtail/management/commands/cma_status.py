"""What to watch on a running site (docs/deployment.md): the outbox, the shared cache's
purges, the task queue, the callback requests still waiting for their emails. For
monitoring: ``--max-age-minutes`` makes the command exit with status 1 when something has
waited longer than that, ``--max-failed-purges`` when more purges than that have failed."""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cma_wagtail.outbox import OUTBOXES
from cma_wagtail.outbox.models import FrontendCachePurge


def _minutes(since) -> float | None:
    return None if since is None else (timezone.now() - since).total_seconds() / 60


class Command(BaseCommand):
    help = (
        "Print the outbox (waiting, failed, being sent, oldest unsent message), the shared "
        "cache's purges (waiting, failed, given up, oldest failed), the task queue "
        "(django-tasks-db: ready, running, oldest ready task) and the callback requests "
        "whose emails are not written yet; exit 1 past --max-age-minutes or "
        "--max-failed-purges."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-age-minutes",
            type=float,
            default=None,
            help="Exit with status 1 if a message, purge, task or request has waited longer.",
        )
        parser.add_argument(
            "--max-failed-purges",
            type=int,
            default=None,
            help=(
                "Exit with status 1 if more purges of the shared cache than this are failed "
                "(waiting for their retry or given up): visitors are shown old pages."
            ),
        )

    def handle(self, *args, max_age_minutes, max_failed_purges, **options):
        ages: list[float] = []
        failed_purges = 0
        for model in OUTBOXES:
            if model is FrontendCachePurge:
                failed_purges, oldest = self._purges()
                ages.append(oldest or 0)
                continue
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
        if max_failed_purges is not None and failed_purges > max_failed_purges:
            raise CommandError(
                _("More than %(count)d failed purges of the shared cache.")
                % {"count": max_failed_purges},
                returncode=1,
            )

    def _purges(self) -> tuple[int, float | None]:
        """Print the purges' line; return (failed, minutes since the oldest unsent one)."""
        purges = FrontendCachePurge.objects
        status = FrontendCachePurge.Status
        failed = purges.filter(status=status.FAILED)
        oldest_failed = _minutes(failed.aggregate(t=Min("created_at"))["t"])
        oldest = _minutes(
            purges.filter(status__in=FrontendCachePurge.SENDABLE).aggregate(t=Min("created_at"))[
                "t"
            ]
        )
        count = failed.count()
        self.stdout.write(
            _(
                "%(what)s: %(pending)d waiting, %(failed)d failed (%(given_up)d given up), "
                "%(sending)d being sent; oldest failed: %(oldest)s"
            )
            % {
                "what": FrontendCachePurge._meta.verbose_name_plural,
                "pending": purges.filter(status=status.PENDING).count(),
                "failed": count,
                "given_up": FrontendCachePurge.given_up().count(),
                "sending": purges.filter(status=status.SENDING).count(),
                "oldest": self._age(oldest_failed, feminine=True),
            }
        )
        return count, oldest

    @staticmethod
    def _age(minutes: float | None, *, feminine: bool = False) -> str:
        if minutes is None:
            if feminine:  # French: "plus ancienne en échec : aucune"
                return pgettext("oldest failed purge", "none")
            return pgettext("oldest waiting item", "none")
        return _("%(minutes).0f min") % {"minutes": minutes}
