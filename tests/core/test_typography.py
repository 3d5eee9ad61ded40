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
