"""The submissions' request schemas say what their forms accept: required fields, the
forms' own choices as enums, lengths and patterns, so that a client's validator refuses
``{}`` before sending it, and the server (the form) refuses it the same way."""

import jsonschema
import pytest
from django import forms

from cma_wagtail.callbacks.forms import CallbackRequestForm
from cma_wagtail.crisis_news.forms import SubscriptionForm
from cma_wagtail.initiatives.forms import InitiativeProposalForm
from cma_wagtail.trainings.forms import ConsentForm, DiagnosticForm, ParticipantForm

pytestmark = pytest.mark.django_db

#: Each submission's operation, and the forms that validate its body.
SUBMISSIONS = {
    ("/api/v3/cma/callback-requests/", "application/json"): [CallbackRequestForm],
    (
        "/api/v3/cma/trainings/sessions/{session_id}/registrations/",
        "application/json",
    ): [ParticipantForm, DiagnosticForm, ConsentForm],
    ("/api/v3/cma/initiatives/proposals/", "multipart/form-data"): [InitiativeProposalForm],
    ("/api/v3/cma/crisis-news/subscriptions/", "application/json"): [SubscriptionForm],
}

VALID = {
    "/api/v3/cma/callback-requests/": {
        "name": "Marie Vuillemin",
        "phone": "03 81 21 22 23",
        "topic": "cash_flow",
        "preferred_slot": "morning",
        "postcode": "25300",
        "siret": "73282932000074",
        "consent": True,
        "form_started": "token",
    },
    "/api/v3/cma/trainings/sessions/{session_id}/registrations/": {
        "first_name": "Xavier",
        "last_name": "Brignon",
        "email": "xavier@example.fr",
        "phone": "+33 6 12 34 56 78",
        "business_name": "Pâtisserie Brignon",
        "siret": "73282932000074",
        "trade": "pâtissier",
        "legal_form": "ei",
        "employees": 2,
        "difficulties": ["cash"],
        "cash_position": "tight",
        "expectations": "Tenir jusqu’à la réouverture.",
        "consent": True,
        "form_started": "token",
    },
    "/api/v3/cma/initiatives/proposals/": {
        "business_name": "Au Cœur du Tricot",
        "contact_name": "Anne",
        "email": "anne@example.fr",
        "town": "Montperreux",
        "postcode": "25160",
        "category": 1,
        "description": "Des masques en tissu.",
        "consent": True,
        "form_started": "token",
    },
    "/api/v3/cma/crisis-news/subscriptions/": {
        "email": "alertes@example.fr",
        "consent": True,
        "form_started": "token",
    },
}


@pytest.fixture
def document(client):
    return client.get("/api/v3/openapi.json").json()


def body_schema(document, path, media_type):
    return document["paths"][path]["post"]["requestBody"]["content"][media_type]["schema"]


def validator(document, schema):
    """A 2020-12 validator (OpenAPI 3.1's dialect) resolving the document's ``$ref``s."""
    return jsonschema.Draft202012Validator(
        {**schema, "components": document["components"]},
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def resolved(document, schema):
    if "$ref" in schema:
        return document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def test_every_enum_is_its_forms_choices(document):
    compared = 0
    for (path, media_type), form_classes in SUBMISSIONS.items():
        properties = resolved(document, body_schema(document, path, media_type))["properties"]
        for form_class in form_classes:
            for name, field in form_class.base_fields.items():
                if isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField):
                    continue  # ids and slugs of the database, listed by their endpoints
                if not isinstance(field, forms.ChoiceField):
                    continue
                values = [str(v) for v, _label in field.choices if str(v)]
                prop = properties[name]
                if isinstance(field, forms.MultipleChoiceField):
                    assert prop["items"]["enum"] == values, (path, name)
                else:
                    expected = values if field.required else ["", *values]
                    assert prop["enum"] == expected, (path, name)
                compared += 1
    # topic, preferred_slot, legal_form, difficulties, cash_position, pace
    assert compared == 6


def test_required_fields_are_the_forms(document):
    for (path, media_type), form_classes in SUBMISSIONS.items():
        schema = resolved(document, body_schema(document, path, media_type))
        expected = {
            name
            for form_class in form_classes
            for name, field in form_class.base_fields.items()
            if field.required and name != "pace"  # the API defaults it to urgent at once
        } | {"form_started"}
        assert set(schema["required"]) == expected, path


@pytest.mark.parametrize(("path", "media_type"), list(SUBMISSIONS))
def test_an_empty_body_is_schema_invalid_and_a_valid_one_passes(document, path, media_type):
    check = validator(document, body_schema(document, path, media_type))
    missing = {e.message for e in check.iter_errors({})}
    assert missing and all("is a required property" in m for m in missing)
    check.validate(VALID[path])


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("siret", "7328293200007"),  # 13 digits
        ("postcode", "2530"),
        ("phone", "appelez-moi"),
        ("topic", "anything"),
        ("preferred_slot", "midnight"),
        ("name", "x" * 200),
        ("consent", False),
    ],
)
def test_the_document_refuses_what_the_form_refuses(document, client, field, value):
    path = "/api/v3/cma/callback-requests/"
    check = validator(document, body_schema(document, path, "application/json"))
    assert not check.is_valid({**VALID[path], field: value})
