"""The registration wizard: a number that must not be called, a line break, and the
time-trap token spent once yet checked again by the last step."""

import html

import pytest

from cma_wagtail.trainings.models import Registration
from tests.core.test_phone_policy import NOT_CALLABLE

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_premium_rate_number_is_refused_at_the_first_step(wizard):
    wizard.start()
    response = wizard.post("participant", {**_participant(), "phone": "08 99 12 34 56"})
    assert NOT_CALLABLE in _text(response)


def test_a_line_break_in_the_business_name_is_refused(wizard):
    wizard.start()
    response = wizard.post("participant", {**_participant(), "business_name": "A\r\nB"})
    assert "Écrivez-le sur une seule ligne" in _text(response)


def test_the_whole_wizard_passes_with_its_one_token(wizard):
    """Its first step is validated three times (posted, reviewed, checked at the end)."""
    response = wizard.run()
    assert response.status_code == 200
    assert Registration.objects.count() == 1


def _participant():
    from tests.trainings.conftest import PARTICIPANT

    return dict(PARTICIPANT)


def test_every_step_of_the_registration_wizard_checks_its_text():
    from cma_wagtail.trainings.forms import DiagnosticForm

    form = DiagnosticForm(
        data={"difficulties": ["cash"], "cash_position": "tight", "expectations": "a\x1bb"}
    )
    assert not form.is_valid()
    assert "caractères de contrôle invisibles" in " ".join(form.errors["expectations"])
