"""GDPR: forget the subscriptions that were never confirmed once their link has expired."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cma_wagtail.conf import settings as cma_settings
from cma_wagtail.outbox.models import OutgoingEmail

from .models import Subscriber


def expired_unconfirmed(now: dt.datetime | None = None):
    days = int(cma_settings.CRISIS_NEWS_ALERTS_CONFIRM_DAYS)
    limit = (now or timezone.now()) - dt.timedelta(days=days)
    return Subscriber.objects.unconfirmed().filter(created_at__lt=limit)


def purge_unconfirmed(*, dry_run: bool = False) -> int:
    """Delete unconfirmed subscriptions whose confirmation link has expired, with their
    confirmation emails; return how many."""
    subscribers = expired_unconfirmed()
    if dry_run:
        return subscribers.count()
    with transaction.atomic():
        pks = list(subscribers.select_for_update().values_list("pk", flat=True))
        OutgoingEmail.objects.filter(
            content_type=ContentType.objects.get_for_model(Subscriber),
            object_id__in=[str(pk) for pk in pks],
        ).delete()
        Subscriber.objects.filter(pk__in=pks).delete()
    return len(pks)
