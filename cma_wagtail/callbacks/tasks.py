"""django-tasks tasks of the callbacks app."""

from django_tasks import task

from . import emails


@task()
def notify(callback_request_id: int) -> bool:
    """Write a new request's emails to the outbox (they are sent by the outbox's task)."""
    return emails.queue_request_notifications(callback_request_id)
