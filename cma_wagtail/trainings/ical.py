"""iCalendar (RFC 5545) files: one per session, and a catalogue feed.

Times are written in the chamber's time zone (``CMA_WAGTAIL_TRAININGS_TIME_ZONE``,
Europe/Paris by default) with a ``TZID`` and the matching ``VTIMEZONE``, so calendar
apps show 9:00 in Besançon whatever the server's zone. Public files never hold the
visio link; only the participant's attachment does (``include_private=True``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

from cma_wagtail.conf import settings as cma_settings

PRODID = "-//cma-wagtail//trainings//FR"


def _zone() -> ZoneInfo:
    return ZoneInfo(cma_settings.TRAININGS_TIME_ZONE)


def _domain() -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "localhost"
    return base.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def new_calendar(name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", cma_settings.TRAININGS_TIME_ZONE)
    return calendar


def session_event(session, include_private: bool = False) -> Event:
    zone = _zone()
    page = session.page
    event = Event()
    event.add("uid", f"cma-trainings-session-{session.pk}@{_domain()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.start.astimezone(zone))
    event.add("dtend", session.end.astimezone(zone))
    event.add("summary", page.title)
    description = strip_tags(page.summary or "")
    location = session.public_place
    if include_private and session.visio_link:
        location = session.visio_link
        description = f"{description}\n\n{session.visio_link}".strip()
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if page.full_url:
        event.add("url", page.full_url)
    event.add("status", "CANCELLED" if session.is_cancelled() else "CONFIRMED")
    return event


def _finish(calendar: Calendar) -> Calendar:
    """Add the VTIMEZONE, its rules limited to the years of the events (a short file)."""
    starts = [e.decoded("DTSTART") for e in calendar.walk("VEVENT")]
    if starts:
        calendar.add_missing_timezones(
            first_date=dt.date(min(starts).year - 1, 1, 1),
            last_date=dt.date(max(starts).year + 2, 1, 1),
        )
    return calendar


def session_calendar(session, include_private: bool = False) -> Calendar:
    calendar = new_calendar(session.page.title)
    calendar.add_component(session_event(session, include_private=include_private))
    return _finish(calendar)


def sessions_calendar(sessions: Iterable, name: str = "") -> Calendar:
    calendar = new_calendar(name)
    for session in sessions:
        calendar.add_component(session_event(session))
    return _finish(calendar)


def ics_response(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
