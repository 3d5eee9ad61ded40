"""The team lead is emailed once per breach, the wait counted in opening hours."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from cma_wagtail.callbacks.alerts import check_team, open_time
from cma_wagtail.outbox.models import OutgoingEmail
from tests.factories import CallbackRequestFactory, UserFactory


def _weekdays(chamber):
    days = [str(d) for d in range(5)]
    chamber.opening_hours = [
        {"type": "period", "value": {"days": days, "opens": "09:00:00", "closes": "17:00:00"}}
    ]
    chamber.save()
    chamber.refresh_from_db()


def _at(*args):
    return timezone.make_aware(dt.datetime(*args))


@pytest.mark.django_db
def test_the_wait_is_counted_in_opening_hours(chamber):
    _weekdays(chamber)
    # Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday.
    assert open_time(chamber.opening_hours, _at(2020, 3, 20, 16), _at(2020, 3, 23, 10)) == (
        dt.timedelta(hours=2)
    )


@pytest.mark.django_db
def test_one_email_per_breach(team, chamber, settings):
    settings.CMA_WAGTAIL_CALLBACK_TARGET_WAIT_HOURS = 4
    _weekdays(chamber)
    team.lead = UserFactory(email="cheffe@cma-doubs.example")
    team.save()
    obj = CallbackRequestFactory(team=team, site=chamber.site, created_at=_at(2020, 3, 20, 16))
    assert not check_team(team, now=_at(2020, 3, 23, 11))  # 3 opening hours: within target
    assert check_team(team, now=_at(2020, 3, 23, 14))  # 6 opening hours
    team.refresh_from_db()
    assert not check_team(team, now=_at(2020, 3, 23, 15))  # the same breach: no second email
    emails = OutgoingEmail.objects.filter(kind="callback_lead_alert")
    assert list(emails.values_list("to", flat=True)) == [["cheffe@cma-doubs.example"]]
    obj.status = "closed"
    obj.save()
    team.refresh_from_db()
    assert not check_team(team, now=_at(2020, 3, 23, 16))
    team.refresh_from_db()
    assert team.alerted_at is None  # back within target: the next breach alerts again


@pytest.mark.django_db
def test_the_command(team):
    call_command("alert_callback_leads", stdout=open("/dev/null", "w"))
