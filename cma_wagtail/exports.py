"""Spreadsheet exports of the back-office inboxes, safe to open in a spreadsheet program.

Every export of the package goes through :class:`SafeSpreadsheetExportMixin` (on top of
Wagtail's ``SpreadsheetExportMixin``), the one place where what a CSV cell may contain is
decided: a public visitor writes the names, messages and phone numbers that an agent later
opens in Excel or LibreOffice.
"""

from __future__ import annotations

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail_modeladmin.views import IndexView

#: A cell starting with one of these is read as a formula by spreadsheet programs
#: (OWASP, "CSV Injection"): ``=HYPERLINK(…)``, ``+33…``, ``-2+3+cmd|…``, ``@SUM(…)``.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``value`` with a leading ``'`` when a spreadsheet would run it as a formula.

    OWASP's rule: the apostrophe makes the cell text (it is not shown). Only text is
    changed; numbers and dates written by the export stay numbers and dates, and so does a
    lone ``-``, what wagtail-modeladmin writes for an empty value (no formula can hide in it).
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and value != "-":
        return "'" + value
    return value


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    """Wagtail's CSV/XLSX export with every CSV cell neutralised against formula injection.

    XLSX needs nothing more: Wagtail already writes every cell that openpyxl would take for
    a formula as a string.
    """

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value


class SafeExportIndexView(SafeSpreadsheetExportMixin, IndexView):
    """wagtail-modeladmin's inbox listing with the safe export: a ModelAdmin's
    ``index_view_class`` (or the base of its own index view)."""
