"""The shared cache's django-tasks task."""

from django_tasks import task

from ..outbox import Attempt, attempt
from ..outbox.models import FrontendCachePurge


@task()
def purge(pk: int, attempts: int = 0) -> bool:
    """Send one stored purge, unless someone has tried it since it was scheduled (after
    ``attempts`` attempts): that one scheduled its own retry. Failures are kept for retry."""
    if not FrontendCachePurge.objects.filter(pk=pk, attempts=attempts).exists():
        return False
    limit = FrontendCachePurge.attempt_limit()
    return attempt(FrontendCachePurge, pk, max_attempts=limit) is Attempt.SENT
