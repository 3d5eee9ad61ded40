"""The v3 submissions read only the media types they declare: a cross-site page cannot post
them as a "simple request" (``text/plain``, ``application/x-www-form-urlencoded``)."""

import json
import re

import pytest
from django.test import Client

from cma_wagtail.callbacks.models import CallbackRequest
from cma_wagtail.initiatives.models import InitiativeProposal
from cma_wagtail.trainings.models import Registration

from .helpers import V3, form_started
from .test_submissions import CALLBACK

pytestmark = pytest.mark.django_db

CROSS_SITE_TYPES = ["text/plain", "application/x-www-form-urlencoded"]


def assert_415(response, accepted: str):
    assert response.status_code == 415, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == f"Envoyez cette requête au format {accepted}."
    assert response["Accept-Post"] == accepted


def package_post_paths(client) -> list[str]:
    """Every POST operation the package mounts, with its path parameters filled in."""
    document = client.get("/api/v3/openapi.json").json()
    return [
        re.sub(r"\{[^}]+\}", "1", path)
        for path, operations in document["paths"].items()
        if path.startswith(V3 + "/") and "post" in operations
    ]


@pytest.mark.parametrize("content_type", CROSS_SITE_TYPES)
def test_every_submission_refuses_a_cross_site_simple_request(client, content_type):
    paths = package_post_paths(client)
    assert len(paths) >= 3
    for path in paths:
        response = client.post(path, "{}", content_type=content_type)
        assert response.status_code == 415, path


@pytest.mark.parametrize("content_type", [*CROSS_SITE_TYPES, "multipart/form-data; boundary=x"])
def test_a_callback_request_sent_as_text_is_not_stored(client, home_page, chamber, content_type):
    body = json.dumps({**CALLBACK, "form_started": form_started()})
    response = client.post(f"{V3}/callback-requests/", body, content_type=content_type)
    assert_415(response, "application/json")
    assert not CallbackRequest.objects.exists()


def test_json_with_a_charset_is_accepted(client, home_page, chamber):
    body = json.dumps({**CALLBACK, "form_started": form_started()})
    response = client.post(
        f"{V3}/callback-requests/", body, content_type="application/json; charset=utf-8"
    )
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("content_type", CROSS_SITE_TYPES)
def test_a_registration_sent_as_text_is_not_stored(client, home_page, content_type):
    from tests.factories import (
        TrainingIndexPageFactory,
        TrainingPageFactory,
        TrainingSessionFactory,
    )

    catalogue = TrainingIndexPageFactory(parent=home_page)
    session = TrainingSessionFactory(page=TrainingPageFactory(parent=catalogue))
    response = client.post(
        f"{V3}/trainings/sessions/{session.pk}/registrations/",
        json.dumps({"email": "a@example.org"}),
        content_type=content_type,
    )
    assert_415(response, "application/json")
    assert not Registration.objects.exists()


@pytest.mark.parametrize("content_type", CROSS_SITE_TYPES)
def test_a_proposal_takes_multipart_only_among_form_encodings(client, content_type):
    response = client.post(
        f"{V3}/initiatives/proposals/", "business_name=Trimadel", content_type=content_type
    )
    assert response.status_code == 415
    assert "multipart/form-data" in response["Accept-Post"]
    assert not InitiativeProposal.objects.exists()


def test_the_openapi_document_lists_415_on_submissions():
    document = Client().get("/api/v3/openapi.json").json()
    for path, operations in document["paths"].items():
        if path.startswith(V3 + "/") and "post" in operations:
            assert "415" in operations["post"]["responses"], path
