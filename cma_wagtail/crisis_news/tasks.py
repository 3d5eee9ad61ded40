"""django-tasks tasks of crisis news alerts (run by the worker, out of the request)."""

from django_tasks import task

from . import fanout


@task()
def fan_out_alert(alert_id: int) -> int:
    """Write one announcement's emails to the outbox (safe to run again: never twice)."""
    return fanout.fan_out(alert_id)


@task()
def send_weekly_digest() -> int:
    """Write the weekly digest of every subscriber with news waiting."""
    return fanout.send_digest()
