import pytest
from django.utils import translation
from django.utils.translation import ngettext


@pytest.mark.parametrize("count, expected", [(0, "0 traitée"), (1, "1 traitée"), (2, "2 traitées")])
def test_french_plural_agreement_in_the_dashboard_count(count, expected):
    with translation.override("fr"):
        text = ngettext(
            "<span>%(counter)s</span> handled this week",
            "<span>%(counter)s</span> handled this week",
            count,
        ) % {"counter": count}
    assert text.replace("<span>", "").replace("</span>", "") == expected + " cette semaine"
