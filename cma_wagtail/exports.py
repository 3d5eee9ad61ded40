"""Spreadsheet exports of the back-office inboxes, safe to open in a spreadsheet program.

Every export of the package goes through :class:`SafeSpreadsheetExportMixin` (on top of
Wagtail's ``SpreadsheetExportMixin``), the one place where what a CSV cell may contain is
decided: a public visitor writes the names, messages and phone numbers that an agent later
opens in Excel or LibreOffice.

It is also where an export is made for a French office: the CSV starts with a UTF-8 byte
order mark and separates its cells with ``;`` (what Excel expects with French regional
settings: without the mark it reads "NumÃ©ro", with commas one column per line), and every
time is written in the chamber's time zone (``TIME_ZONE``) to the minute or second, without
microseconds or UTC offset, as a French spreadsheet reads it (``17/03/2020 08:45:45``).
"""

from __future__ import annotations

import csv
import datetime as dt

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin
from wagtail_modeladmin.views import IndexView

#: What French Excel expects: a byte order mark, then ``;`` between cells.
CSV_BOM = "\ufeff".encode()
CSV_DELIMITER = ";"
CSV_DATETIME_FORMAT = "%d/%m/%Y %H:%M:%S"
CSV_DATE_FORMAT = "%d/%m/%Y"

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
        value = local_time(value)
        if export_format == self.FORMAT_CSV and isinstance(value, dt.date):
            fmt = CSV_DATETIME_FORMAT if isinstance(value, dt.datetime) else CSV_DATE_FORMAT
            return value.strftime(fmt)
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(value)
        return value

    def stream_csv(self, queryset):
        """Wagtail's CSV, with the byte order mark and ``;`` of French spreadsheets."""
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=CSV_DELIMITER)
        yield CSV_BOM + writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


def local_time(value):
    """An aware datetime in the current time zone, naive and without microseconds (what a
    spreadsheet shows); anything else unchanged."""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value)
        return value.replace(microsecond=0)
    return value


class SafeExportIndexView(SafeSpreadsheetExportMixin, IndexView):
    """wagtail-modeladmin's inbox listing with the safe export: a ModelAdmin's
    ``index_view_class`` (or the base of its own index view).

    A query string naming no filter of the list (an old bookmark, a hand-edited URL:
    ``?queue=all``, ``?created__gte=hier``) brings the agent back to the list with a message,
    as Django's admin does, instead of the error page wagtail-modeladmin lets through.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.warning(
                request, _("This filter does not exist: the list is shown without it.")
            )
            return redirect(request.path)
