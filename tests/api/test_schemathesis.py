"""Property-based checks of the v3 contract (slow): schemathesis sends generated requests,
valid and invalid, to every ``/api/v3/cma/`` operation and runs every check on the answers
(no 5xx, status, headers and body as documented, invalid data refused…).

Bounded: ``EXAMPLES`` examples per operation, no deadline per example.

One check is left out on the operations listed in ``NEEDS_SERVER_DATA``: "a schema-valid
request is accepted" (positive data acceptance). Their requests are valid only with what
the server alone makes: a signed ``form_started`` token (the forms' time trap), a signed
link's token, a SIRET whose checksum holds, a session that exists. No schema can say that,
so a generated "valid" request rightly answers 422 or 404 there; every other check runs.
"""

import pytest
from hypothesis import HealthCheck, given, settings

schemathesis = pytest.importorskip("schemathesis")

from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

EXAMPLES = 50

NEEDS_SERVER_DATA = {
    "GET /api/v3/cma/companies/{siret}/",
    "POST /api/v3/cma/crisis-news/subscriptions/",
    "POST /api/v3/cma/crisis-news/subscriptions/confirm/",
    "GET /api/v3/cma/crisis-news/subscriptions/preferences/",
    "PUT /api/v3/cma/crisis-news/subscriptions/preferences/",
    "POST /api/v3/cma/crisis-news/subscriptions/unsubscribe/",
    "POST /api/v3/cma/initiatives/proposals/",
    "POST /api/v3/cma/trainings/sessions/{session_id}/registrations/",
    "POST /api/v3/cma/trainings/registrations/confirmations/",
    "POST /api/v3/cma/callback-requests/",
}

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def api_schema(home_page):
    from django.core.wsgi import get_wsgi_application

    from tests.factories import (
        CrisisNewsPageFactory,
        InitiativeIndexPageFactory,
        NewsTopicFactory,
        TrainingPageFactory,
    )

    NewsTopicFactory(name="Aides", slug="aides")
    InitiativeIndexPageFactory(parent=home_page)  # receives the proposals
    CrisisNewsPageFactory(parent=home_page)
    TrainingPageFactory(parent=home_page)
    schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", get_wsgi_application())
    return schema.include(path_regex="^/api/v3/cma/")


def test_every_operation_keeps_its_contract(api_schema):
    failures = {}
    for result in api_schema.get_all_operations():
        operation = result.ok()
        try:
            check_operation(operation)
        except (Exception, BaseExceptionGroup) as error:  # every operation, then the report
            failures[operation.label] = error
    report = "\n\n".join(f"{label}:\n{_describe(error)}" for label, error in failures.items())
    assert not failures, f"{len(failures)} operations failed:\n\n{report}"


def _describe(error: BaseException) -> str:
    nested = getattr(error, "exceptions", None)
    if nested:
        return "\n".join(_describe(e) for e in nested)
    return str(error)[:1500]


def check_operation(operation) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate(excluded_checks=excluded)

    excluded = [positive_data_acceptance] if operation.label in NEEDS_SERVER_DATA else None

    run()
