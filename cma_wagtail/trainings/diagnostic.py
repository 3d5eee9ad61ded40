"""The business diagnostic questionnaire: its choices, and its answers in words."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DIFFICULTIES = [
    ("revenue", _("Loss of revenue")),
    ("cash", _("Cash flow")),
    ("customers", _("Reaching customers")),
    ("suppliers", _("Supplies and suppliers")),
    ("staff", _("Managing employees")),
    ("admin", _("Support schemes and paperwork")),
    ("morale", _("Morale and isolation")),
]
CASH_POSITIONS = [
    ("comfortable", _("More than 3 months of expenses covered")),
    ("tight", _("1 to 3 months of expenses covered")),
    ("critical", _("Less than a month of expenses covered")),
    ("unknown", _("I don't know")),
]
QUESTIONS = {
    "difficulties": _("Your main difficulties today"),
    "cash_position": _("Your cash position"),
    "expectations": _("What you expect from this module"),
}


def labelled_answers(answers: dict) -> list[tuple[str, str]]:
    """(question, answer) pairs for people: the review step and the back-office."""
    difficulties = dict(DIFFICULTIES)
    return [
        (
            str(QUESTIONS["difficulties"]),
            ", ".join(str(difficulties.get(d, d)) for d in answers.get("difficulties", [])),
        ),
        (
            str(QUESTIONS["cash_position"]),
            str(dict(CASH_POSITIONS).get(answers.get("cash_position"), "")),
        ),
        (str(QUESTIONS["expectations"]), answers.get("expectations", "")),
    ]
