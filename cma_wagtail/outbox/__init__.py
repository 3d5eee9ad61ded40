"""Store first, notify after: an outbox of what must leave the site (emails, webhooks).

- :mod:`.models`: the stored items (:class:`~.models.OutgoingEmail`,
  :class:`~.models.WebhookDelivery`), app label ``cma_wagtail``;
- :mod:`.emails`: :func:`queue_email`, the one way the package sends an email, rendered
  when it is sent;
- :mod:`.delivery`: enqueue after commit, claim, send, retry (:func:`retry_pending`, run by
  ``manage.py cma_send_outbox``);
- :mod:`.tasks`: the django-tasks tasks that send.
"""

from .delivery import (
    OUTBOXES,
    Attempt,
    attempt,
    enqueue_on_commit,
    enqueue_task_on_commit,
    retry_pending,
    retry_requested,
    send,
)
from .emails import build_email, queue_email, queue_emails

__all__ = [
    "OUTBOXES",
    "Attempt",
    "attempt",
    "build_email",
    "enqueue_on_commit",
    "enqueue_task_on_commit",
    "queue_email",
    "queue_emails",
    "retry_pending",
    "retry_requested",
    "send",
]
