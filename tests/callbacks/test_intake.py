"""Intake closed: switched off, outside opening hours, daily quota; and expected-call text."""

import datetime as dt

import pytest
from django.utils import timezone

from cma_wagtail.callbacks.intake import expected_call_text, intake_status
from cma_wagtail.callbacks.models import CallbackRequest
from tests.callbacks.conftest import form_data
from tests.factories import CallbackRequestFactory

SUBMIT = "/cma/callbacks/submit/"
WEEKDAYS = {
    "type": "period",
    "value": {"days": ["0", "1", "2", "3", "4"], "opens": "08:30:00", "closes": "12:00:00"},
}


def _aware(*args):
    return timezone.make_aware(dt.datetime(*args))


@pytest.mark.django_db
def test_switched_off_shows_phone_instead_of_form(client, callback_page, blocks, chamber):
    chamber.callback_intake_open = False
    chamber.save()
    html = client.get(callback_page.url).content.decode()
    assert "Nous ne prenons pas de demandes de rappel en ligne" in html
    assert 'href="tel:+33381212223"' in html and "03 81 21 22 23" in html
    assert 'name="block_id"' not in html
    response = client.post(SUBMIT, form_data(blocks[0], callback_page))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nous ne prenons pas de demandes de rappel en ligne" in html
    assert 'name="block_id"' not in html
    assert CallbackRequest.objects.count() == 0


@pytest.mark.django_db
def test_outside_opening_hours(chamber):
    chamber.opening_hours = [WEEKDAYS]
    chamber.callback_intake_opening_hours_only = True
    chamber.save()
    saturday = _aware(2020, 3, 21, 10, 0)
    status = intake_status(chamber, at=saturday)
    assert not status.open and status.reason == "outside_hours"
    assert status.next_opening == _aware(2020, 3, 23, 8, 30)
    assert intake_status(chamber, at=_aware(2020, 3, 23, 9, 0)).open
    chamber.callback_intake_opening_hours_only = False
    assert intake_status(chamber, at=saturday).open


@pytest.mark.django_db
def test_outside_opening_hours_page_shows_next_opening(client, callback_page, chamber):
    today = timezone.localtime().weekday()
    other_day = str((today + 2) % 7)
    chamber.opening_hours = [
        {
            "type": "period",
            "value": {"days": [other_day], "opens": "09:00:00", "closes": "10:00:00"},
        }
    ]
    chamber.callback_intake_opening_hours_only = True
    chamber.save()
    html = client.get(callback_page.url).content.decode()
    assert "pendant nos heures d’ouverture" in html
    assert "Prochaine ouverture" in html
    assert "9\u00a0h\u00a0– 10\u00a0h" in html


@pytest.mark.django_db
def test_daily_quota_closes_intake(client, callback_page, blocks, team, chamber):
    team.daily_quota = 1
    team.save()
    CallbackRequestFactory(team=team)
    assert intake_status(chamber, team).reason == "quota"
    html = client.get(callback_page.url).content.decode()
    assert "autant de demandes que nous pouvons en traiter" in html
    client.post(SUBMIT, form_data(blocks[0], callback_page))
    assert CallbackRequest.objects.count() == 1


@pytest.mark.django_db
def test_expected_call_text(chamber):
    chamber.opening_hours = [WEEKDAYS]
    assert "le jour même" in expected_call_text(chamber, _aware(2020, 3, 23, 9, 0))
    text = expected_call_text(chamber, _aware(2020, 3, 21, 9, 0))
    assert "lundi\u00a023\u00a0mars à\u00a08\u00a0h\u00a030" in text
