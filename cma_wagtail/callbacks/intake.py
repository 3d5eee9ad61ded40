"""Whether a callback form takes requests right now, and when the artisan can expect a call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from cma_wagtail.opening_hours import first_moment
from cma_wagtail.typography import format_date, format_datetime

from .models import CallbackRequest


@dataclass(frozen=True)
class IntakeStatus:
    open: bool
    reason: str = ""  # "switched_off" | "outside_hours" | "quota" when closed
    message: str = ""
    next_opening: dt.datetime | None = None


def intake_status(chamber, team=None, at: dt.datetime | None = None) -> IntakeStatus:
    """Closed when the chamber switched intake off, outside opening hours (if chosen),
    or once the team's daily quota is reached; open otherwise."""
    at = at or timezone.now()
    if chamber is not None and not chamber.callback_intake_open:
        return IntakeStatus(
            False,
            "switched_off",
            _("We are not taking callback requests online at the moment."),
        )
    if (
        chamber is not None
        and chamber.callback_intake_opening_hours_only
        and chamber.opening_hours
        and not chamber.is_open(at)
    ):
        return IntakeStatus(
            False,
            "outside_hours",
            _("Callback requests are taken during our opening hours only."),
            chamber.next_opening(at),
        )
    if team is not None and getattr(team, "daily_quota", None):
        start = timezone.localtime(at).replace(hour=0, minute=0, second=0, microsecond=0)
        received = CallbackRequest.objects.filter(team=team, created_at__gte=start).count()
        if received >= team.daily_quota:
            following = None
            if chamber is not None:
                following = chamber.next_opening(start + dt.timedelta(days=1)) or None
            return IntakeStatus(
                False,
                "quota",
                _("We have received as many requests as we can handle today."),
                following,
            )
    return IntakeStatus(True)


def format_day(day: dt.date) -> str:
    """ "lundi 23 mars", "mardi 1er décembre": a day in the middle of a sentence."""
    return format_date(day, "l j F")


def format_moment(moment: dt.datetime) -> str:
    """ "lundi 23 mars à 8 h 30" (local time)."""
    return format_datetime(moment, "l j F")


def expected_call_text(chamber, at: dt.datetime | None = None) -> str:
    """One sentence telling the artisan when to expect the call, from the opening hours."""
    at = at or timezone.now()
    if chamber is None or not chamber.opening_hours:
        return _("An adviser will call you back as soon as possible.")
    if chamber.is_open(at):
        return _("An adviser will call you back within our opening hours, usually the same day.")
    following = chamber.next_opening(at)
    if following is None:
        return _("An adviser will call you back as soon as possible.")
    return _("We are closed now: an adviser will call you back from %(moment)s.") % {
        "moment": format_moment(following)
    }


NOON = dt.time(12, 0)
#: The times each slot covers, as the agents read them ("morning": until noon).
SLOT_TIMES = {"morning": (dt.time.min, NOON), "afternoon": (NOON, dt.time.max)}


def expected_call_for(chamber, slot: str, day: dt.date | None = None, at=None) -> str:
    """When to expect the call, from the slot the artisan chose and the opening hours.

    ``at`` is when the request was sent (default now). "As soon as possible" (or no slot)
    is :func:`expected_call_text`.
    """
    at = at or timezone.now()
    hours = chamber.opening_hours if chamber is not None else None
    if slot == "day" and day is not None:
        return _("An adviser will call you back on %(day)s, during our opening hours.") % {
            "day": format_day(day)
        }
    if slot not in SLOT_TIMES:
        return expected_call_text(chamber, at)
    moment = first_moment(hours, at, between=SLOT_TIMES[slot]) if hours else None
    today = timezone.localtime(at).date()
    if slot == "morning":
        if moment is None:
            return _("An adviser will call you back in the morning, as soon as possible.")
        if moment.date() == today:
            return _("An adviser will call you back this morning.")
        return _("An adviser will call you back on %(day)s, in the morning.") % {
            "day": format_day(moment.date())
        }
    if moment is None:
        return _("An adviser will call you back in the afternoon, as soon as possible.")
    if moment.date() == today:
        return _("An adviser will call you back this afternoon.")
    return _("An adviser will call you back on %(day)s, in the afternoon.") % {
        "day": format_day(moment.date())
    }
