"""Whether a callback form takes requests right now, and when the artisan can expect a call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from cma_wagtail.typography import format_date

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


def format_moment(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    day = format_date(local, "l j F")  # "lundi 1er mars", in the middle of a sentence
    return _("%(day)s at %(time)s") % {
        "day": day,
        "time": formats.time_format(local, "TIME_FORMAT"),
    }


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
