"""django-tasks task of the company look-ups (run by a worker, never in a public request)."""

from django_tasks import task


@task()
def look_up(identity_pk: int) -> str:
    """Ask the directory about one stored request's business; failures stay pending."""
    from .services import look_up as run

    return run(identity_pk)
