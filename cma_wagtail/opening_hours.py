"""Opening hours: a StreamField block editors fill, and the arithmetic on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

WEEKDAYS = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


class OpeningPeriodBlock(blocks.StructBlock):
    days = blocks.MultipleChoiceBlock(choices=WEEKDAYS, label=_("Days"))
    opens = blocks.TimeBlock(label=_("Opens at"))
    closes = blocks.TimeBlock(label=_("Closes at"))

    class Meta:
        icon = "time"
        label = _("Opening period")
        form_classname = "cma-opening-period"

    def clean(self, value):
        value = super().clean(value)
        if value["opens"] and value["closes"] and value["closes"] <= value["opens"]:
            raise StructBlockValidationError(
                {"closes": ValidationError(_("The closing time must be after the opening time."))}
            )
        return value


def _periods(opening_hours: Iterable) -> list[tuple[set[int], dt.time, dt.time]]:
    periods = []
    for child in opening_hours or []:
        value = child.value
        periods.append(({int(d) for d in value["days"]}, value["opens"], value["closes"]))
    return periods


def is_open(opening_hours: Iterable, at: dt.datetime | None = None) -> bool:
    """True when ``at`` (aware, default now) falls inside one of the periods, in local time."""
    local = timezone.localtime(at or timezone.now())
    return any(
        local.weekday() in days and opens <= local.time() < closes
        for days, opens, closes in _periods(opening_hours)
    )


def next_opening(opening_hours: Iterable, after: dt.datetime | None = None) -> dt.datetime | None:
    """The next moment (aware, local time) at which a period starts, within a fortnight."""
    local = timezone.localtime(after or timezone.now())
    periods = _periods(opening_hours)
    candidates = []
    for offset in range(15):
        day = local.date() + dt.timedelta(days=offset)
        for days, opens, _closes in periods:
            if day.weekday() in days:
                start = timezone.make_aware(dt.datetime.combine(day, opens))
                if start > local:
                    candidates.append(start)
        if candidates:
            return min(candidates)
    return None


def periods_on(
    opening_hours: Iterable, day: dt.date | None = None
) -> list[tuple[dt.time, dt.time]]:
    """The (opens, closes) periods of ``day`` (default: today, local time), in order."""
    day = day or timezone.localdate()
    return sorted(
        (opens, closes)
        for days, opens, closes in _periods(opening_hours)
        if day.weekday() in days and opens and closes
    )


def first_moment(
    opening_hours: Iterable,
    after: dt.datetime | None = None,
    *,
    between: tuple[dt.time, dt.time] = (dt.time.min, dt.time.max),
    on: dt.date | None = None,
) -> dt.datetime | None:
    """The first moment (aware, local time) at or after ``after`` when the chamber is open
    within the times ``between`` (e.g. the morning), on day ``on`` only if given; within a
    fortnight, else None. What a confirmation says about when the call may come."""
    local = timezone.localtime(after or timezone.now())
    periods = _periods(opening_hours)
    start_day = on or local.date()
    for offset in range(1 if on else 15):
        day = start_day + dt.timedelta(days=offset)
        starts = []
        for days, opens, closes in periods:
            if day.weekday() not in days:
                continue
            begin = max(opens, between[0])
            end = min(closes, between[1])
            if begin >= end:
                continue
            start = timezone.make_aware(dt.datetime.combine(day, begin))
            stop = timezone.make_aware(dt.datetime.combine(day, end))
            if stop <= local:
                continue
            starts.append(max(start, local))
        if starts:
            return min(starts)
    return None
