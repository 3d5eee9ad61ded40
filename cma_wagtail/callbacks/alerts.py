"""The team lead's alert: an email (through the outbox) when the team's oldest waiting
request has waited longer than ``CMA_WAGTAIL_CALLBACK_TARGET_WAIT_HOURS``, counted in the
chamber's opening hours (a request received on Friday evening has not waited over the
weekend). One email per breach: the team remembers when its lead was told
(``alerted_at``) and forgets it once the queue is back within the target.

Run by ``manage.py alert_callback_leads`` from cron (every quarter of an hour).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cma_wagtail.conf import settings as cma_settings

from . import emails
from .models import CallbackRequest, CallbackTeam


def open_time(opening_hours, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """Time between ``start`` and ``end`` that falls within the opening hours (local time);
    without opening hours, all of it."""
    periods = [
        ({int(d) for d in child.value["days"]}, child.value["opens"], child.value["closes"])
        for child in (opening_hours or [])
    ]
    if not periods:
        return max(end - start, dt.timedelta(0))
    total = dt.timedelta(0)
    day = timezone.localtime(start).date()
    last = timezone.localtime(end).date()
    while day <= last:
        for days, opens, closes in periods:
            if day.weekday() not in days:
                continue
            begin = max(start, timezone.make_aware(dt.datetime.combine(day, opens)))
            finish = min(end, timezone.make_aware(dt.datetime.combine(day, closes)))
            if finish > begin:
                total += finish - begin
        day += dt.timedelta(days=1)
    return total


def _chamber(team: CallbackTeam, oldest: CallbackRequest):
    from cma_wagtail.models import ChamberSettings

    site = oldest.site or team.sites.first()
    return ChamberSettings.for_site(site) if site is not None else None


def check_team(team: CallbackTeam, now: dt.datetime | None = None) -> bool:
    """Email the team's lead if its oldest waiting request is over target (once per
    breach); return True when an email was queued."""
    now = now or timezone.now()
    target = dt.timedelta(hours=cma_settings.CALLBACK_TARGET_WAIT_HOURS)
    oldest = team.requests.waiting().order_by("created_at").first()
    chamber = _chamber(team, oldest) if oldest is not None else None
    waited = (
        open_time(chamber.opening_hours if chamber else None, oldest.created_at, now)
        if oldest is not None
        else dt.timedelta(0)
    )
    if waited <= target:
        if team.alerted_at is not None:
            CallbackTeam.objects.filter(pk=team.pk).update(alerted_at=None)
        return False
    if team.alerted_at is not None or team.lead is None or not team.lead.email:
        return False
    hours = int(waited.total_seconds() // 3600)
    emails.queue_lead_alert(
        team,
        oldest,
        hours=hours,
        target=cma_settings.CALLBACK_TARGET_WAIT_HOURS,
        waiting=team.requests.waiting().count(),
    )
    CallbackTeam.objects.filter(pk=team.pk).update(alerted_at=now)
    return True


def check_all(now: dt.datetime | None = None) -> int:
    return sum(check_team(team, now) for team in CallbackTeam.objects.select_related("lead"))
