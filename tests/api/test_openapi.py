"""The OpenAPI document of the package's v3 endpoints: a snapshot, and typed StreamFields.

Refresh the snapshot after an intended change with::

    CMA_UPDATE_OPENAPI=1 .venv/bin/python -m pytest tests/api/test_openapi.py

and review the diff of ``tests/api/openapi.json`` like code.
"""

import json
import os
from pathlib import Path

import pytest

from cma_wagtail.blocks import get_body_block

SNAPSHOT = Path(__file__).with_name("openapi.json")

ENDPOINTS = {
    ("get", "/api/v3/cma/form-token/"),
    ("get", "/api/v3/cma/site/"),
    ("get", "/api/v3/cma/preview/"),
    ("get", "/api/v3/cma/companies/{siret}/"),
    ("get", "/api/v3/cma/crisis-news/"),
    ("get", "/api/v3/cma/crisis-news/{page_id}/"),
    ("get", "/api/v3/cma/crisis-news/slug/{slug}/"),
    ("get", "/api/v3/cma/crisis-news/topics/"),
    ("post", "/api/v3/cma/crisis-news/subscriptions/"),
    ("post", "/api/v3/cma/crisis-news/subscriptions/confirm/"),
    ("get", "/api/v3/cma/crisis-news/subscriptions/preferences/"),
    ("put", "/api/v3/cma/crisis-news/subscriptions/preferences/"),
    ("post", "/api/v3/cma/crisis-news/subscriptions/unsubscribe/"),
    ("get", "/api/v3/cma/initiatives/"),
    ("get", "/api/v3/cma/initiatives/{page_id}/"),
    ("get", "/api/v3/cma/initiatives/slug/{slug}/"),
    ("get", "/api/v3/cma/initiatives/categories/"),
    ("post", "/api/v3/cma/initiatives/proposals/"),
    ("get", "/api/v3/cma/trainings/"),
    ("get", "/api/v3/cma/trainings/{page_id}/"),
    ("get", "/api/v3/cma/trainings/slug/{slug}/"),
    ("post", "/api/v3/cma/trainings/sessions/{session_id}/registrations/"),
    ("post", "/api/v3/cma/trainings/registrations/confirmations/"),
    ("post", "/api/v3/cma/callback-requests/"),
}

#: POSTs acting on what exists (with an email's signed link): 200, not 201.
ACTIONS = {
    "/api/v3/cma/crisis-news/subscriptions/confirm/",
    "/api/v3/cma/crisis-news/subscriptions/unsubscribe/",
}


@pytest.fixture(scope="module")
def openapi(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/v3/openapi.json")
    assert response.status_code == 200
    return response.json()


def package_part(document: dict) -> dict:
    """The package's paths and every component they reference (Wagtail's own are left out)."""
    paths = {p: v for p, v in document["paths"].items() if p.startswith("/api/v3/cma/")}
    schemas = document["components"]["schemas"]
    kept: dict = {}
    pending = [paths]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[-1]
                if name not in kept:
                    kept[name] = schemas[name]
                    pending.append(schemas[name])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return {"paths": paths, "components": {"schemas": dict(sorted(kept.items()))}}


def test_every_endpoint_is_listed_with_typed_bodies(openapi):
    operations = {
        (method, path)
        for path, item in openapi["paths"].items()
        for method in item
        if path.startswith("/api/v3/cma/")
    }
    assert operations == ENDPOINTS
    for method, path in ENDPOINTS:
        operation = openapi["paths"][path][method]
        creates = method == "post" and path not in ACTIONS
        success = operation["responses"]["201" if creates else "200"]
        assert "$ref" in json.dumps(success["content"]), path  # a named, typed schema
        if creates:
            assert operation["requestBody"]["content"], path
            assert {"422", "429"} <= set(operation["responses"]), path


def test_streamfield_schemas_have_one_member_per_block_type(openapi):
    schemas = openapi["components"]["schemas"]
    block_names = set(get_body_block().child_blocks)
    for item, field in (("CrisisNews", "body"), ("Initiative", "story"), ("Training", "programme")):
        union = schemas[item]["properties"][field]["items"]
        assert union["discriminator"]["propertyName"] == "type"
        members = [schemas[ref["$ref"].rsplit("/", 1)[-1]] for ref in union["oneOf"]]
        types = [member["properties"]["type"]["const"] for member in members]
        assert sorted(types) == sorted(block_names), item
    image = schemas["CmaImageBlock"]["properties"]
    assert set(image) == {"alt", "caption", "image"}


def test_openapi_snapshot(openapi):
    current = package_part(openapi)
    if os.environ.get("CMA_UPDATE_OPENAPI"):
        SNAPSHOT.write_text(
            json.dumps(current, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        )
    expected = json.loads(SNAPSHOT.read_text())
    assert current == expected, (
        "The OpenAPI document changed. If intended, refresh it: "
        "CMA_UPDATE_OPENAPI=1 .venv/bin/python -m pytest tests/api/test_openapi.py"
    )


def test_interactive_docs_and_v2_endpoints_are_mounted(client, db):
    from wagtail.api.v2.router import WagtailAPIRouter

    from cma_wagtail.api import register_v2_endpoints

    assert client.get("/api/v3/docs/").status_code == 200
    names = register_v2_endpoints(WagtailAPIRouter("test"))
    assert names == ["crisis-news", "initiatives", "trainings"]
    for name in names:
        assert client.get(f"/api/v2/{name}/").status_code == 200
