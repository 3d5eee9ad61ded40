"""The registrations export: one row per registration, in words a training office reads
(labels rather than codes, French headings, the diagnostic's answers in their own columns).

The file's format (byte order mark, ``;``, local times, formula-safe cells) is core's
(:mod:`cma_wagtail.exports`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cma_wagtail.companies.admin_views import export_value

from .diagnostic import CASH_POSITIONS, DIFFICULTIES


def _yes_no(value) -> str:
    if value is None:
        return ""
    return str(_("Yes") if value else _("No"))


def _difficulties(obj) -> str:
    labels = dict(DIFFICULTIES)
    answers = (obj.diagnostic or {}).get("difficulties") or []
    return ", ".join(str(labels.get(code, code)) for code in answers)


def _cash_position(obj) -> str:
    code = (obj.diagnostic or {}).get("cash_position")
    return str(dict(CASH_POSITIONS).get(code, code or ""))


#: (column, heading, value) of the CSV / XLSX export.
EXPORT_COLUMNS = [
    ("last_name", _("Last name"), lambda o: o.last_name),
    ("first_name", _("First name"), lambda o: o.first_name),
    ("email", _("Email address"), lambda o: o.email),
    ("phone", _("Phone"), lambda o: o.phone),
    ("business_name", _("Business name"), lambda o: o.business_name),
    ("siret", _("SIRET"), lambda o: o.siret),
    ("trade", _("Trade"), lambda o: o.trade),
    ("legal_form", _("Legal form"), lambda o: o.get_legal_form_display()),
    ("employees", _("Employees"), lambda o: o.employees),
    ("session", _("Session"), lambda o: str(o.session)),
    ("status", _("Status"), lambda o: o.get_status_display()),
    ("attended", _("Attended"), lambda o: _yes_no(o.attended)),
    ("created", _("Registered at"), lambda o: o.created),
    ("difficulties", _("Difficulties"), _difficulties),
    ("cash_position", _("Cash position"), _cash_position),
    ("expectations", _("Expectations"), lambda o: (o.diagnostic or {}).get("expectations", "")),
    ("company", _("Company (directory)"), export_value),
]
