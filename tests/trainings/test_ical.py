import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.factories import TrainingSessionFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def _events(content: bytes):
    calendar = Calendar.from_ical(content)
    return calendar, list(calendar.walk("VEVENT"))


def test_session_ics_has_paris_times(client, training):
    # 9:00 in Besançon in winter (UTC+1) and in summer (UTC+2).
    winter = dt.datetime(2030, 1, 15, 9, 0, tzinfo=PARIS)
    summer = dt.datetime(2030, 6, 14, 13, 30, tzinfo=PARIS)
    for start in (winter, summer):
        session = TrainingSessionFactory(
            page=training, start=start, end=start + dt.timedelta(hours=3, minutes=30)
        )
        response = client.get(session.get_ics_url())
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        calendar, (event,) = _events(response.content)
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
        assert b"TZID=Europe/Paris" in response.content
        dtstart = event.decoded("DTSTART")
        assert (dtstart.hour, dtstart.minute) == (start.hour, start.minute)
        assert str(dtstart.tzinfo) == "Europe/Paris" or dtstart.utcoffset() == start.utcoffset()
        assert dtstart == start
        assert event.decoded("DTEND") == start + dt.timedelta(hours=3, minutes=30)
        assert str(event["SUMMARY"]) == "Maintenir le cap !"
        assert session.visio_link.encode() not in response.content


@pytest.mark.parametrize("n", [5, 60])
def test_catalogue_feed_lists_upcoming_sessions_without_private_links(
    client, catalogue, n, django_assert_max_num_queries
):
    from .helpers import build_catalogue

    trainings = build_catalogue(catalogue, n)
    with django_assert_max_num_queries(12):
        response = client.get(catalogue.url + "sessions/ical/")
    assert response.status_code == 200
    _, events = _events(response.content)
    assert len(events) == 2 * n
    for training in trainings[:5]:
        for session in training.sessions.all():
            assert session.visio_link.encode() not in response.content


def test_participant_attachment_holds_the_link(session):
    from cma_wagtail.trainings.ical import session_calendar

    content = session_calendar(session, include_private=True).to_ical()
    assert session.visio_link.encode() in content
    assert session.visio_link.encode() not in session_calendar(session).to_ical()
