"""django-tasks tasks of the core app."""

from django.apps import apps
from django_tasks import task

from . import outbox


@task()
def deliver(model_label: str, pk: int) -> bool:
    """Send one outbox item (an email, a webhook); failures stay in the outbox for retry."""
    return outbox.send(apps.get_model(model_label), pk)
