"""Property-based run over the package's v3 OpenAPI document: no input gives a 5xx.

For every operation of ``/api/v3/openapi.json`` under ``/cma/``, Hypothesis generates path
and query parameters and request bodies from the declared parameter and property names,
with values of the declared type or of any other (strings, numbers, booleans, lists, null),
and checks that the answer is never a server error. Bounded and derandomized: 5 examples per
operation in ``make test``, 40 in the ``slow`` run that CI does (``make test-slow``).
"""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    CrisisNewsIndexPageFactory,
    CrisisNewsPageFactory,
    InitiativeIndexPageFactory,
    InitiativePageFactory,
    TrainingIndexPageFactory,
    TrainingPageFactory,
    TrainingSessionFactory,
)

pytestmark = pytest.mark.django_db


_text = st.text(max_size=30)
ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    _text,
    st.sampled_from(["1", "0", "true", "urgent", "25", "remote", "2020-03-16", "cash_flow"]),
    st.lists(_text, max_size=3),
)


def operations(document) -> list[tuple[str, str, dict]]:
    found = []
    for path, item in sorted(document["paths"].items()):
        if path.startswith("/api/v3/cma/"):
            for method, operation in sorted(item.items()):
                found.append((method, path, operation))
    return found


def _body_properties(document, operation) -> tuple[str, list[str]]:
    content = operation.get("requestBody", {}).get("content", {})
    for content_type, media in content.items():
        ref = media["schema"].get("$ref", "")
        schema = document["components"]["schemas"].get(ref.rsplit("/", 1)[-1], media["schema"])
        return content_type, sorted(schema.get("properties", {}))
    return "", []


@pytest.fixture
def content(home_page, settings):
    settings.CMA_WAGTAIL_RATE_LIMIT_PER_IP = (10**6, 60)
    settings.CMA_WAGTAIL_RATE_LIMIT_PER_PHONE = (10**6, 60)
    settings.CMA_WAGTAIL_TRAININGS_RATE_LIMIT_PER_IP = (10**6, 60)
    CrisisNewsPageFactory(parent=CrisisNewsIndexPageFactory(parent=home_page), slug="fonds")
    InitiativePageFactory(parent=InitiativeIndexPageFactory(parent=home_page), slug="tricot")
    training = TrainingPageFactory(parent=TrainingIndexPageFactory(parent=home_page))
    TrainingSessionFactory(page=training)


def make_check(client, method, path, params, content_type, fields, examples):
    """A Hypothesis test of one operation."""

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        values=st.fixed_dictionaries({p["name"]: ANY_VALUE for p in params}),
        body=st.dictionaries(st.sampled_from(fields or ["x"]), ANY_VALUE, max_size=8),
    )
    def check(values, body):
        url, query = path, {}
        for param in params:
            value = values[param["name"]]
            text = "" if value is None else str(value)
            if param["in"] == "path":
                url = url.replace("{" + param["name"] + "}", text.replace("/", "") or "0")
            elif value is not None:
                query[param["name"]] = text
        if method == "get":
            response = client.get(url, query)
        elif content_type == "application/json":
            response = client.post(url, json.dumps(body), content_type=content_type)
        else:
            data = {k: json.dumps(v) if isinstance(v, list) else str(v) for k, v in body.items()}
            response = client.post(url, data)
        assert response.status_code < 500, (method, url, query, body, response.content[:500])

    return check


@pytest.mark.parametrize(
    "examples", [5, pytest.param(40, marks=pytest.mark.slow, id="thorough")], ids=str
)
def test_no_input_gives_a_server_error(content, examples):
    client = Client(raise_request_exception=False)
    document = client.get("/api/v3/openapi.json").json()
    checked = 0
    for method, path, operation in operations(document):
        params = [p for p in operation.get("parameters", []) if p["in"] in ("path", "query")]
        content_type, fields = _body_properties(document, operation)
        make_check(client, method, path, params, content_type, fields, examples)()
        checked += 1
    assert checked == 24  # the operations of the OpenAPI document
