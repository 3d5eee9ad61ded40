"""French typography of what the site writes itself: "1er", elision, no-break spaces, plurals."""

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from cma_wagtail.typography import elides, format_date, of

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _french():
    with translation.override("fr"):
        yield


@pytest.mark.parametrize(
    "value, fmt, expected",
    [
        (dt.date(2026, 11, 1), "j F Y", f"1er{NBSP}novembre{NBSP}2026"),
        (dt.date(2026, 11, 2), "j F Y", f"2{NBSP}novembre{NBSP}2026"),
        (dt.date(2026, 11, 21), "j F Y", f"21{NBSP}novembre{NBSP}2026"),  # not "21er"
        (dt.date(2026, 11, 1), "l j F Y", f"dimanche{NBSP}1er{NBSP}novembre{NBSP}2026"),
        (dt.date(2020, 4, 1), "F Y", f"avril{NBSP}2020"),
        (dt.date(2026, 11, 1), "DATE_FORMAT", f"1er{NBSP}novembre{NBSP}2026"),
        (
            dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.UTC),
            "l j F, H:i",
            f"dimanche{NBSP}1er{NBSP}mars, 09:30",  # in local time (Paris)
        ),
    ],
)
def test_cma_date_filter(value, fmt, expected):
    html = Template("{% load cma_wagtail_tags %}{{ value|cma_date:fmt }}").render(
        Context({"value": value, "fmt": fmt})
    )
    assert html == expected


def test_english_keeps_django_s_format():
    with translation.override("en"):
        assert format_date(dt.date(2026, 11, 1)) == "1 November 2026"
        assert of("April 2020") == "of April 2020"


@pytest.mark.parametrize(
    "words, expected",
    [
        ("avril 2020", "d’avril 2020"),
        ("mai 2020", "de mai 2020"),
        ("août 2020", "d’août 2020"),
        ("Au Cœur du Tricot", "d’Au Cœur du Tricot"),
        ("Trimadel", "de Trimadel"),
        ("Hôtel de la Gare", "d’Hôtel de la Gare"),
        ("Haricots du Doubs", "de Haricots du Doubs"),  # h aspiré
        ("Éclair et Cie", "d’Éclair et Cie"),
    ],
)
def test_elision_of_de(words, expected):
    assert of(words) == expected
    assert Template("{% load cma_wagtail_tags %}{{ w|cma_of }}").render(Context({"w": words})) == (
        expected
    )


def test_empty_values():
    assert format_date(None) == ""
    assert not elides("")


def test_opening_hours_are_written_the_french_way():
    from cma_wagtail.templatetags.cma_frame import cma_time

    assert cma_time(dt.time(8, 30)) == f"8{NBSP}h{NBSP}30"
    assert cma_time(dt.time(12, 0)) == f"12{NBSP}h"


def test_times_of_day_are_written_the_french_way_everywhere():
    """One helper for every time an artisan or an agent reads: "9 h", "12 h 30", a spaced en
    dash between two times, "à" before the time of a date, never "09:00"."""
    from cma_wagtail.typography import format_datetime, format_time, format_time_range

    assert format_time(dt.time(9, 0)) == f"9{NBSP}h"
    assert format_time(dt.time(8, 5)) == f"8{NBSP}h{NBSP}05"
    assert format_time("13:30:00") == f"13{NBSP}h{NBSP}30"  # as a StreamField stores it
    assert format_time(None) == ""
    assert format_time_range(dt.time(9), dt.time(12, 30)) == f"9{NBSP}h{NBSP}– 12{NBSP}h{NBSP}30"
    # An aware datetime in the chamber's time zone (Europe/Paris): 08:45 UTC is 9 h 45 in March.
    moment = dt.datetime(2026, 3, 2, 8, 45, tzinfo=dt.UTC)
    assert format_time(moment) == f"9{NBSP}h{NBSP}45"
    assert format_datetime(moment, "l j F") == f"lundi{NBSP}2{NBSP}mars à{NBSP}9{NBSP}h{NBSP}45"
    assert format_datetime(dt.datetime(2026, 12, 1, 16, 5, tzinfo=dt.UTC)) == (
        f"1er{NBSP}décembre{NBSP}2026 à{NBSP}17{NBSP}h{NBSP}05"
    )
    with translation.override("en"):
        assert format_time(dt.time(9, 0)) == "9 a.m."  # Django's own English TIME_FORMAT


def test_time_filters_for_templates():
    html = Template(
        "{% load cma_wagtail_tags %}{{ start|cma_time_range:end }} | {{ start|cma_datetime }}"
    ).render(
        Context(
            {
                "start": dt.datetime(2026, 12, 8, 8, 0, tzinfo=dt.UTC),
                "end": dt.datetime(2026, 12, 8, 11, 30, tzinfo=dt.UTC),
            }
        )
    )
    assert html == (
        f"9{NBSP}h{NBSP}– 12{NBSP}h{NBSP}30 | 8{NBSP}décembre{NBSP}2026 à{NBSP}9{NBSP}h"
    )


def test_opening_hours_outside_the_footer_use_the_same_french_times():
    """The callback block's hours and the contact block's ("cellule de crise" page)."""
    from cma_wagtail.blocks.callback import opening_lines
    from cma_wagtail.blocks.contact import describe_opening_hours

    class Child:
        def __init__(self, days, opens, closes):
            self.value = {"days": days, "opens": opens, "closes": closes}

    hours = [
        Child(["0", "1"], dt.time(9), dt.time(12, 30)),
        Child(["0", "1"], dt.time(14), dt.time(17)),
    ]

    class Chamber:
        opening_hours = hours

    lines = opening_lines(Chamber())
    assert lines[0].endswith(f"9{NBSP}h{NBSP}– 12{NBSP}h{NBSP}30")
    (line,) = describe_opening_hours(hours)
    assert f"9{NBSP}h{NBSP}– 12{NBSP}h{NBSP}30, 14{NBSP}h{NBSP}– 17{NBSP}h" in line
    assert ":" not in line.replace("\u00a0:", "")  # no "09:00" left, only the French " :" label
