"""django-tasks tasks of the core app."""

from django_tasks import task

from . import outbox


@task()
def send_outgoing_email(pk: int) -> bool:
    return outbox.send(pk)
