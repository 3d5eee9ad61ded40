"""100 people register at the same instant for a 9-seat session, 20 times over, on
PostgreSQL (one connection per thread): never more than 9 confirmed, nobody lost."""

from __future__ import annotations

import pytest
from django.db import connection

from cma_wagtail.trainings.models import Registration
from tests.factories import TrainingIndexPageFactory, TrainingPageFactory, TrainingSessionFactory

from .race import race

pytestmark = pytest.mark.slow  # run by `make test-slow` (CMA_RUN_SLOW=1)

PEOPLE = 100
SEATS = 9
ROUNDS = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_never_more_confirmed_than_seats(site):
    assert connection.vendor == "postgresql"
    training = TrainingPageFactory(parent=TrainingIndexPageFactory(parent=site.root_page))
    for round_no in range(ROUNDS):
        session = TrainingSessionFactory(page=training, capacity=SEATS)
        outcomes, _durations = race(session.pk, PEOPLE, f"r{round_no}")
        assert len(outcomes) == PEOPLE
        assert not [o for o in outcomes if not o.startswith(("confirmed", "waiting"))], outcomes
        assert outcomes.count("confirmed") == SEATS
        assert outcomes.count("waiting") == PEOPLE - SEATS
        statuses = list(session.registrations.values_list("status", flat=True))
        assert statuses.count(Registration.Status.CONFIRMED) == SEATS
        assert len(statuses) == PEOPLE
