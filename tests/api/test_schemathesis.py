"""Property-based checks of the v3 contract (slow): schemathesis sends generated requests,
valid and invalid, to every ``/api/v3/cma/`` operation and runs every check on the answers
(no 5xx, status, headers and body as documented, invalid data refused…).

Bounded: ``EXAMPLES`` examples per operation, no deadline per example.
"""

import pytest
from hypothesis import HealthCheck, given, settings

schemathesis = pytest.importorskip("schemathesis")

EXAMPLES = 50

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def api_schema(home_page):
    from django.core.wsgi import get_wsgi_application

    from tests.factories import CrisisNewsPageFactory, NewsTopicFactory, TrainingPageFactory

    NewsTopicFactory(name="Aides", slug="aides")
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
        except Exception as error:  # noqa: BLE001 - every operation is checked, then reported
            failures[operation.label] = error
    assert not failures, "\n\n".join(f"{label}: {error}" for label, error in failures.items())


def check_operation(operation) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def run(case):
        case.call_and_validate()

    run()
