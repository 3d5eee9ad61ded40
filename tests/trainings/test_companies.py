"""Registrations and the company directory: the funding depends on the business's identity.

Every test runs against the local fake directory (``tests/companies/fake_directory.py``).
"""

import pytest

from cma_wagtail.companies.models import CompanyIdentity
from cma_wagtail.trainings.models import Registration
from tests.api.helpers import V3, form_started
from tests.companies import fake_directory as fake
from tests.factories import RegistrationFactory
from tests.markers import needs_v3

INDEX = "/admin/cma_trainings/registration/"
REGISTRATION = {
    "first_name": "Nadia",
    "last_name": "Perrin",
    "email": "nadia@coeur-tricot.example",
    "phone": "06 12 34 56 78",
    "business_name": "Au Cœur du Tricot",
    "trade": "Tricoteuse",
    "legal_form": "micro",
    "employees": 0,
    "difficulties": ["revenue", "cash"],
    "cash_position": "tight",
    "expectations": "Savoir quelles aides demander.",
    "consent": True,
}


def identity_of(registration):
    return CompanyIdentity.objects.get(object_id=str(registration.pk))


def confirm_the_registration(client):
    """Follow the confirmation link: the seat, and so the look-up, come only then (an
    unconfirmed registration, maybe a squatter's, is never looked up)."""
    registration = Registration.objects.get()
    assert registration.status == "pending"
    assert not CompanyIdentity.objects.exists()
    client.post(registration.get_confirm_url())
    registration.refresh_from_db()
    return registration


@pytest.mark.django_db
def test_html_registration_is_looked_up_after_it_is_stored(
    wizard, fake_directory, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        wizard.run(participant={"siret": fake.FOUND})
        registration = confirm_the_registration(admin_client)

    assert registration.status == "confirmed"
    assert identity_of(registration).status == "found"
    page = admin_client.get(f"{INDEX}inspect/{registration.pk}/").content.decode()
    assert (
        "Entreprise\u00a0:</strong> XAVIER BRIGNON (PATISSERIE BRIGNON) — "
        "Boulangerie et boulangerie-pâtisserie (10.71C), EI, créée en 2012, PONTARLIER"
    ) in page
    assert "Annuler cette inscription" in page  # the standard fields are still there


@pytest.mark.django_db
@needs_v3
def test_json_registration_is_looked_up_and_answers_the_same(
    client, session, fake_directory, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{V3}/trainings/sessions/{session.pk}/registrations/",
            {**REGISTRATION, "siret": fake.CLOSED, "form_started": form_started()},
            content_type="application/json",
        )

        assert response.status_code == 201, response.content
        assert response.json()["status"] == "pending"
        registration = confirm_the_registration(client)
    identity = identity_of(registration)
    assert identity.status == "found" and identity.is_closed


@pytest.mark.django_db
def test_unknown_siret_is_flagged_not_refused(
    wizard, fake_directory, admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        wizard.run(participant={"siret": fake.UNKNOWN})
        registration = confirm_the_registration(admin_client)

    assert registration.status == "confirmed"
    page = admin_client.get(f"{INDEX}inspect/{registration.pk}/").content.decode()
    assert f"ne connaît pas le SIRET {fake.UNKNOWN}" in page


@pytest.mark.django_db
def test_the_identity_is_deleted_with_the_registration(
    session, fake_directory, django_capture_on_commit_callbacks
):
    from cma_wagtail import companies

    registration = RegistrationFactory(session=session, siret=fake.FOUND)
    with django_capture_on_commit_callbacks(execute=True):
        companies.enrich_later(registration, registration.siret)
    assert CompanyIdentity.objects.count() == 1

    registration.delete()

    assert not CompanyIdentity.objects.exists()


@pytest.mark.django_db
def test_export_has_the_company_column_in_constant_queries(
    session,
    fake_directory,
    admin_client,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    import csv
    import io

    from cma_wagtail import companies

    registrations = [
        RegistrationFactory(session=session, siret=fake.FOUND, email=f"p{n}@example.org")
        for n in range(5)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for registration in registrations[:3]:
            companies.enrich_later(registration, registration.siret)

    with django_assert_max_num_queries(12):
        response = admin_client.get(INDEX + "?export=csv")
        body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body), delimiter=";"))

    values = sorted(row["Entreprise (annuaire)"] for row in rows)
    assert values[:2] == ["", ""]  # no identity yet: an empty cell
    assert all(value.startswith("XAVIER BRIGNON") for value in values[2:])
