"""GDPR: anonymise closed requests once the retention period is over."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cma_wagtail.outbox.models import OutgoingEmail

from .constants import Action, Status
from .models import CallbackAttempt, CallbackRequest

#: Personal data removed; topic, dates, status, outcome, team, site and counters remain.
ERASED = {
    "name": "",
    "business_name": "",
    "phone": "",
    "email": "",
    "trade": "",
    "siret": "",
    "message": "",
    "ip_hash": "",
    "postcode": "",
}


def purge_closed_requests(older_than: dt.timedelta, *, dry_run: bool = False) -> int:
    """Anonymise requests closed before ``now - older_than``; return how many."""
    limit = timezone.now() - older_than
    requests = CallbackRequest.objects.filter(
        status=Status.CLOSED, closed_at__lt=limit, anonymised_at__isnull=True
    )
    if dry_run:
        return requests.count()
    with transaction.atomic():
        pks = list(requests.select_for_update().values_list("pk", flat=True))
        if not pks:
            return 0
        now = timezone.now()
        CallbackRequest.objects.filter(pk__in=pks).update(**ERASED, anonymised_at=now)
        CallbackAttempt.objects.filter(request_id__in=pks).update(note="")
        # The business's identity was looked up for this request: it follows the request.
        from cma_wagtail import companies

        companies.forget(CallbackRequest, pks)
        # The notifications repeated the artisan's details: they go too.
        from django.contrib.contenttypes.models import ContentType

        OutgoingEmail.objects.filter(
            content_type=ContentType.objects.get_for_model(CallbackRequest),
            object_id__in=[str(pk) for pk in pks],
        ).delete()
        CallbackAttempt.objects.bulk_create(
            [CallbackAttempt(request_id=pk, action=Action.ANONYMISED, at=now) for pk in pks]
        )
    return len(pks)
