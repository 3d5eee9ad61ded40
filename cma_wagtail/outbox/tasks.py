"""The outbox's django-tasks tasks."""

from django.apps import apps
from django_tasks import task

from . import delivery as outbox


@task()
def deliver(model_label: str, pk: int) -> bool:
    """Send one outbox item (an email, a webhook); failures stay in the outbox for retry."""
    return outbox.send(apps.get_model(model_label), pk)


@task()
def deliver_many(model_label: str, pks: list[int]) -> int:
    """Send a batch of outbox items (a mailing); return how many went out."""
    model = apps.get_model(model_label)
    return sum(outbox.send(model, pk) for pk in pks)
