import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from cma_wagtail.models import ChamberSettings

PARIS = ZoneInfo("Europe/Paris")
WEEKDAYS = ["0", "1", "2", "3", "4"]


def _hours():
    return [
        {
            "type": "period",
            "value": {"days": WEEKDAYS, "opens": dt.time(8, 30), "closes": dt.time(12)},
        },
        {
            "type": "period",
            "value": {"days": WEEKDAYS, "opens": dt.time(14), "closes": dt.time(17)},
        },
    ]


@pytest.mark.django_db
def test_phone_is_normalised_on_clean(site):
    chamber = ChamberSettings(site=site, phone="03 81 21 22 23")
    chamber.full_clean()
    assert chamber.phone == "+33381212223"
    assert chamber.phone_display == "03 81 21 22 23"


@pytest.mark.django_db
def test_bad_phone_is_a_field_error(site):
    chamber = ChamberSettings(site=site, phone="12")
    with pytest.raises(ValidationError) as exc:
        chamber.full_clean()
    assert "phone" in exc.value.message_dict


@pytest.mark.django_db
def test_crisis_mode_needs_a_message(site):
    chamber = ChamberSettings(site=site, crisis_mode=True)
    with pytest.raises(ValidationError) as exc:
        chamber.full_clean()
    assert "crisis_banner_message" in exc.value.message_dict


@pytest.mark.django_db
def test_opening_hours(site):
    chamber = ChamberSettings.objects.create(site=site, opening_hours=_hours())
    monday_morning = dt.datetime(2020, 3, 16, 9, 0, tzinfo=PARIS)
    monday_lunch = dt.datetime(2020, 3, 16, 12, 30, tzinfo=PARIS)
    friday_evening = dt.datetime(2020, 3, 20, 18, 0, tzinfo=PARIS)
    assert chamber.is_open(monday_morning)
    assert not chamber.is_open(monday_lunch)
    assert chamber.next_opening(monday_lunch) == dt.datetime(2020, 3, 16, 14, 0, tzinfo=PARIS)
    # Friday evening → Monday 8:30
    assert chamber.next_opening(friday_evening) == dt.datetime(2020, 3, 23, 8, 30, tzinfo=PARIS)


@pytest.mark.django_db
def test_no_opening_hours_means_closed_and_no_next_opening(site):
    chamber = ChamberSettings.objects.create(site=site)
    assert not chamber.is_open()
    assert chamber.next_opening() is None


@pytest.mark.django_db
def test_header_and_footer_show_chamber_settings(client, home_page, chamber):
    chamber.legal_notice_page = home_page
    chamber.save()
    html = client.get(home_page.url).content.decode()
    assert "CMA du Doubs" in html
    assert 'href="tel:+33381212223"' in html and "03 81 21 22 23" in html
    assert "Mentions légales" in html


@pytest.mark.django_db
def test_crisis_banner_on_and_off(client, home_page, chamber):
    assert "cma-crisis-banner" not in client.get(home_page.url).content.decode()
    chamber.crisis_mode = True
    chamber.crisis_banner_message = "Crise sanitaire : la cellule de crise vous rappelle"
    chamber.callback_page = home_page
    chamber.save()
    html = client.get(home_page.url).content.decode()
    assert 'role="region"' in html and "la cellule de crise vous rappelle" in html
    assert "Être rappelé" in html
