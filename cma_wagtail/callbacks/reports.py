"""The callback service's report, in Wagtail's report views: per team, site and period,
requests received, reached, unreachable, closed without contact, time to first call
(median and 90th percentile), by topic, by agent and by day; exportable (CSV / XLSX, the
package's French-office format) — one row per day."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.models import Site

from cma_wagtail.exports import SafeSpreadsheetExportMixin

from .models import CallbackRequest, CallbackTeam
from .stats import report_figures
from .visibility import can_use_inbox, visible_requests


class CallbackReportFilterSet(WagtailFilterSet):
    team = django_filters.ModelChoiceFilter(
        label=_("Team"), queryset=CallbackTeam.objects.all(), field_name="team"
    )
    site = django_filters.ModelChoiceFilter(
        label=_("Site"), queryset=Site.objects.all(), field_name="site"
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Received between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = CallbackRequest
        fields = ["team", "site", "created_at"]


class CallbackReportView(SafeSpreadsheetExportMixin, ReportView):
    page_title = _("Callback report")
    header_icon = "mobile-alt"
    template_name = "cma_callbacks/admin/report.html"
    results_template_name = "cma_callbacks/admin/report_results.html"
    filterset_class = CallbackReportFilterSet
    index_url_name = "cma_callbacks_report"
    index_results_url_name = "cma_callbacks_report_results"
    paginate_by = None
    list_export = ["day", "received", "reached"]
    export_headings = {"day": _("Day"), "received": _("Received"), "reached": _("Reached requests")}

    def user_has_permission(self, permission):
        return can_use_inbox(self.request.user)

    def get_queryset(self):
        return visible_requests(self.request.user).order_by("created_at")

    def get_filtered_queryset(self):
        scope = self.filter_queryset(self.get_queryset())
        self.figures = report_figures(scope)
        return self.figures["by_day"]

    def get_filename(self):
        return "rapport-rappels"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["figures"] = {
            **self.figures,
            "median_label": duration_label(self.figures["median_first_call"]),
            "p90_label": duration_label(self.figures["p90_first_call"]),
        }
        return context


def duration_label(delta) -> str:
    """ "2 h 05 min", "12 min", "less than a minute" or "—"."""
    if delta is None:
        return "—"
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return str(_("less than a minute"))
    hours, minutes = divmod(minutes, 60)
    if hours:
        return _("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d min") % {"minutes": minutes}
