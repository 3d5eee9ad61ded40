"""Purge keeps statistics and removes personal data; the key-figures helper."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from cma_wagtail.callbacks.models import CallbackAttempt, CallbackRequest
from cma_wagtail.callbacks.stats import artisans_called_back_since, dashboard_figures
from cma_wagtail.outbox import queue_email
from cma_wagtail.outbox.models import OutgoingEmail
from tests.factories import CallbackRequestFactory


def _called(obj, at, outcome="reached", note=""):
    return CallbackAttempt.objects.create(
        request=obj, action="call", outcome=outcome, at=at, note=note
    )


@pytest.mark.django_db
def test_purge_anonymises_old_closed_requests_and_keeps_statistics(team, site):
    now = timezone.now()
    old = CallbackRequestFactory(
        team=team,
        site=site,
        status="closed",
        outcome="helped",
        topic="state_aid",
        closed_at=now - dt.timedelta(days=400),
        created_at=now - dt.timedelta(days=410),
        email="artisan@example.org",
        siret="73282932000074",
        ip_hash="abc",
    )
    _called(old, now - dt.timedelta(days=405), note="Parlé de son PGE")
    queue_email(
        template_name="cma_callbacks/email/acknowledgement",
        to=["x@example.org"],
        context={"merged": False, "expected": "Xavier Brignon"},
        related=old,
    )
    recent = CallbackRequestFactory(status="closed", closed_at=now - dt.timedelta(days=10))
    still_open = CallbackRequestFactory(created_at=now - dt.timedelta(days=500))
    since = (now - dt.timedelta(days=500)).date()
    before = artisans_called_back_since(since)

    call_command("purge_callback_requests", stdout=open("/dev/null", "w"))

    old.refresh_from_db()
    for field in (
        "name",
        "business_name",
        "phone",
        "email",
        "siret",
        "message",
        "ip_hash",
        "trade",
    ):
        assert getattr(old, field) == "", field
    assert old.anonymised_at is not None
    assert (old.topic, old.outcome, old.team, old.status) == ("state_aid", "helped", team, "closed")
    assert old.created_at < old.closed_at
    assert not old.attempts.exclude(note="").exists()
    assert old.attempts.filter(action="anonymised").exists()
    assert OutgoingEmail.for_object(old).count() == 0
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.phone and still_open.phone and recent.anonymised_at is None
    assert artisans_called_back_since(since) == before == 1
    # Running it again changes nothing.
    call_command("purge_callback_requests", stdout=open("/dev/null", "w"))
    assert CallbackAttempt.objects.filter(action="anonymised").count() == 1


@pytest.mark.django_db
@override_settings(CMA_WAGTAIL_CALLBACK_RETENTION_DAYS=5)
def test_retention_setting_is_used():
    CallbackRequestFactory(status="closed", closed_at=timezone.now() - dt.timedelta(days=6))
    call_command("purge_callback_requests", stdout=open("/dev/null", "w"))
    assert CallbackRequest.objects.get().phone == ""


@pytest.mark.django_db
def test_artisans_called_back_since_counts_distinct_numbers_reached(site):
    march_16 = dt.date(2020, 3, 16)
    at = timezone.make_aware(dt.datetime(2020, 3, 20, 10))
    a = CallbackRequestFactory(phone="+33381000001", site=site, status="closed")
    a_again = CallbackRequestFactory(phone="+33381000001", site=site)
    b = CallbackRequestFactory(phone="+33381000002")
    c = CallbackRequestFactory(phone="+33381000003")
    d = CallbackRequestFactory(phone="+33381000004")
    _called(a, at)
    _called(a_again, at)  # the same artisan twice
    _called(b, at)
    _called(c, at, outcome="no_answer")  # not reached
    _called(d, timezone.make_aware(dt.datetime(2020, 3, 10, 10)))  # before the date
    assert artisans_called_back_since(march_16) == 2
    assert artisans_called_back_since(march_16, site=site) == 1
    assert artisans_called_back_since(dt.date(2020, 3, 1)) == 3


@pytest.mark.django_db
def test_dashboard_figures():
    now = timezone.make_aware(dt.datetime(2020, 3, 18, 15))  # a Wednesday
    old = CallbackRequestFactory(created_at=now - dt.timedelta(hours=5))
    CallbackRequestFactory(created_at=now - dt.timedelta(hours=1))
    called = CallbackRequestFactory(
        created_at=now - dt.timedelta(hours=3),
        first_called_at=now - dt.timedelta(hours=2),
        status="called_back",
    )
    _called(called, now - dt.timedelta(hours=2))
    figures = dashboard_figures(CallbackRequest.objects.all(), now)
    assert figures["waiting"] == 2
    assert figures["oldest"] == old
    assert figures["handled_this_week"] == 1
    assert figures["median_first_call"] == dt.timedelta(hours=1)
