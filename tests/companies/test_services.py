"""The look-up service on any object (core knows no capability: a user stands in here)."""

import pytest
from django.utils import timezone

from cma_wagtail import companies
from cma_wagtail.companies import limits, services
from cma_wagtail.companies.models import CompanyIdentity
from tests.companies import fake_directory as fake
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def enrich(siret, capture):
    obj = UserFactory()
    with capture(execute=True):
        companies.enrich_later(obj, siret)
    return obj, companies.identity_for(obj)


def test_off_nothing_is_stored(settings, django_capture_on_commit_callbacks):
    settings.CMA_WAGTAIL_COMPANY_DIRECTORY_URL = ""
    obj, identity = enrich(fake.FOUND, django_capture_on_commit_callbacks)
    assert identity is None and not CompanyIdentity.objects.exists()


def test_the_same_siret_is_not_asked_twice_a_new_one_is(
    fake_directory, django_capture_on_commit_callbacks
):
    obj, identity = enrich(fake.FOUND, django_capture_on_commit_callbacks)
    fake_directory.reset()
    with django_capture_on_commit_callbacks(execute=True):
        companies.enrich_later(obj, fake.FOUND)
    assert fake_directory.count == 0
    with django_capture_on_commit_callbacks(execute=True):
        companies.enrich_later(obj, fake.CLOSED)
    identity = companies.identity_for(obj)
    assert identity.siret == fake.CLOSED and identity.is_closed


def test_retries_stop_while_the_breaker_is_open_and_keep_their_attempts(
    fake_directory, django_capture_on_commit_callbacks
):
    _obj, identity = enrich(fake.ERROR, django_capture_on_commit_callbacks)
    assert identity.status == "pending" and identity.attempts == 1
    for _failure in range(limits.Breaker.FAILURES_TO_OPEN):
        limits.breaker.failure()
    calls = fake_directory.count

    later = timezone.now() + timezone.timedelta(hours=1)
    assert services.retry_pending(stale_before=later) == 0

    identity.refresh_from_db()
    assert identity.attempts == 1 and fake_directory.count == calls
