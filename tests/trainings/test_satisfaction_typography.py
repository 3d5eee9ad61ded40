import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.utils import translation


@pytest.mark.parametrize("month, expected", [(4, "chiffres d’avril"), (5, "chiffres de mai")])
def test_satisfaction_figures_elide_de(month, expected):
    class Page:
        satisfaction_rate = 97
        satisfaction_date = dt.date(2020, month, 1)

    from django.template import engines

    template = engines["django"].from_string(
        '{% load i18n cma_wagtail_tags %}{% blocktranslate with of_date=page.satisfaction_date|cma_date:"F Y"|cma_of %}figures {{ of_date }}{% endblocktranslate %}'
    )
    with translation.override("fr"):
        assert template.render({"page": Page()}).startswith(expected)
    assert render_to_string  # the training page uses the same expression:
    from django.template.loader import get_template

    source = get_template("cma_trainings/training_page.html").template.source
    assert 'cma_date:"F Y"|cma_of %}figures {{ of_date }}' in source
