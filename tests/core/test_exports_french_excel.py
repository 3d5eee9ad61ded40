"""Exports open in French Excel as they should: read back as Excel with French regional
settings reads a CSV (UTF-8 only with a byte order mark, ``;`` between cells)."""

import csv
import datetime as dt
import io

import pytest
from django.apps import apps
from django.utils import timezone

from tests import factories
from tests.factories import SuperUserFactory


def read_as_french_excel(response) -> list[dict]:
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf"), "no byte order mark: Excel would read NumÃ©ro"
    text = raw[3:].decode("utf-8")
    assert ";" in text.splitlines()[0]
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


@pytest.fixture
def admin(client):
    client.force_login(SuperUserFactory())
    return client


@pytest.mark.django_db
@pytest.mark.skipif(not apps.is_installed("cma_wagtail.callbacks"), reason="callbacks")
def test_callbacks_export_in_local_time_with_labels(admin):
    # 07:45:45.273774 UTC is 08:45:45 in Paris in March.
    received = dt.datetime(2020, 3, 17, 7, 45, 45, 273774, tzinfo=dt.UTC)
    factories.CallbackRequestFactory(created_at=received, status="new", topic="cash_flow")
    response = admin.get("/admin/cma_callbacks/callbackrequest/?export=csv&view=all")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    (row,) = read_as_french_excel(response)
    assert row["Reçue le"] == "17/03/2020 08:45:45"
    assert row["Statut"] == "Nouvelle"
    assert row["Thème"] == "Trésorerie et banque"


@pytest.mark.django_db
@pytest.mark.skipif(not apps.is_installed("cma_wagtail.trainings"), reason="trainings")
def test_registrations_export_has_french_headings_labels_and_the_diagnostic(admin):
    factories.RegistrationFactory(
        status="confirmed",
        legal_form="micro",
        attended=True,
        created=timezone.make_aware(dt.datetime(2020, 3, 20, 14, 5, 9, 123456)),
        diagnostic={
            "difficulties": ["cash"],
            "cash_position": "critical",
            "expectations": "Tenir jusqu'à l'été",
        },
    )
    response = admin.get("/admin/cma_trainings/registration/?export=csv")
    (row,) = read_as_french_excel(response)
    assert "Adresse e-mail" in row and "SIRET" in row
    assert row["Statut"] == "Confirmée"
    assert row["Forme juridique"] != "micro" and row["Forme juridique"]
    assert row["Présent"] == "Oui"
    assert row["Inscrit le"] == "20/03/2020 14:05:09"
    assert row["Attentes"] == "Tenir jusqu'à l'été"
    assert row["Difficultés"] and row["Difficultés"] != "cash"
    assert row["Trésorerie"] and row["Trésorerie"] != "critical"
