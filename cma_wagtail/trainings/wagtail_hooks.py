"""Back-office: the "Trainings" menu group with the registrations inbox, and attendance."""

from __future__ import annotations

from django.contrib.admin import SimpleListFilter
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from cma_wagtail.typography import format_datetime
from cma_wagtail.validators import is_ascii_number

from . import admin_views
from .companies import RegistrationIndexView, company_column
from .exports import EXPORT_COLUMNS
from .models import Registration, TrainingPage, TrainingSession
from .services import PARTICIPANT_FIELDS


def _once_per_request(request, key: str, compute):
    """modeladmin builds its filters twice per listing: read their choices once."""
    cache = request.__dict__.setdefault("_cma_trainings_filter_choices", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


class TrainingFilter(SimpleListFilter):
    title = _("training")
    parameter_name = "training"

    def lookups(self, request, model_admin):
        return _once_per_request(
            request,
            "trainings",
            lambda: [
                (str(p.pk), p.title) for p in TrainingPage.objects.order_by("title").only("title")
            ],
        )

    def queryset(self, request, queryset):
        if self.value() and is_ascii_number(self.value()):
            return queryset.filter(session__page_id=int(self.value()))
        return queryset


class SessionFilter(SimpleListFilter):
    title = _("session")
    parameter_name = "session"

    def lookups(self, request, model_admin):
        sessions = TrainingSession.objects.select_related("page").order_by("-start")
        training = request.GET.get("training", "")
        if is_ascii_number(training):
            sessions = sessions.filter(page_id=int(training))
        return _once_per_request(
            request, "sessions", lambda: [(str(s.pk), str(s)) for s in sessions[:100]]
        )

    def queryset(self, request, queryset):
        if self.value() and is_ascii_number(self.value()):
            return queryset.filter(session_id=int(self.value()))
        return queryset


class RegistrationPermissionHelper(PermissionHelper):
    """Registrations come from the public form (or the API), never from the back-office."""

    def user_can_create(self, user):
        return False


class RegistrationAdmin(ModelAdmin):
    """The registrations inbox; the CSV/XLSX export follows the filters (choose a session)."""

    model = Registration
    menu_label = _("Registrations")
    menu_icon = "group"
    permission_helper_class = RegistrationPermissionHelper
    inspect_view_enabled = True
    inspect_view_class = admin_views.RegistrationInspectView
    history_view_class = admin_views.RegistrationHistoryView
    # The standard fields, then what the company directory says of the business.
    inspect_template_name = "cma_trainings/admin/registration_inspect.html"
    list_display = (
        "participant",
        "business",
        "session_label",
        "status_badge",
        "attended",
        "created_label",
    )
    list_filter = (TrainingFilter, SessionFilter, "status", "attended", "legal_form")
    list_select_related = ("session__page",)

    def participant(self, obj):
        """Name and email in one column (each cut to fit, the full value on hover)."""
        return format_html(
            '<span class="cma-cell cma-cell--words" title="{0}">{0}</span><br>'
            '<span class="cma-cell" title="{1}">{1}</span>',
            obj.full_name,
            obj.email,
        )

    participant.short_description = _("Participant")
    participant.admin_order_field = "last_name"

    def business(self, obj):
        return format_html(
            '<span class="cma-cell cma-cell--words" title="{0}">{0}</span>', obj.business_name
        )

    business.short_description = _("Business")
    business.admin_order_field = "business_name"

    def session_label(self, obj):
        return format_html(
            '<span class="cma-cell cma-cell--words" title="{0}">{0}</span>', str(obj.session)
        )

    session_label.short_description = _("Session")
    session_label.admin_order_field = "session__start"

    def created_label(self, obj):
        """ "1er déc. 2026 à 16 h 06": French typography, the time on the date's line if it fits."""
        return format_datetime(obj.created, "j N Y")

    created_label.short_description = Registration._meta.get_field("created").verbose_name
    created_label.admin_order_field = "created"

    def status_badge(self, obj):
        return format_html(
            '<span class="w-status cma-status--{}">{}</span>', obj.status, obj.get_status_display()
        )

    status_badge.short_description = _("Status")
    status_badge.admin_order_field = "status"
    ordering = ("-created",)
    search_fields = ("first_name", "last_name", "email", "business_name", "siret", "trade")
    list_export = tuple(key for key, _heading, _value in EXPORT_COLUMNS)
    export_filename = "participants"
    index_view_class = RegistrationIndexView
    company = company_column
    inspect_view_fields = (
        "session",
        "status",
        "created",
        *PARTICIPANT_FIELDS,
        "diagnostic",
        "consent_at",
        "attended",
        admin_views.CANCEL_FIELD,
    )
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
            ],
            heading=_("Participant"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("business_name"),
                FieldRowPanel([FieldPanel("siret"), FieldPanel("trade")]),
                FieldRowPanel([FieldPanel("legal_form"), FieldPanel("employees")]),
            ],
            heading=_("Business"),
        ),
        FieldPanel("attended"),
    ]


class TrainingsGroup(ModelAdminGroup):
    menu_label = _("Trainings")
    menu_icon = "group"
    menu_order = 250
    items = (RegistrationAdmin,)


modeladmin_register(TrainingsGroup)


@hooks.register("register_admin_urls")
def register_attendance_url():
    return [
        path(
            "cma-trainings/sessions/<int:session_id>/attendance/",
            admin_views.attendance,
            name="cma_trainings_attendance",
        ),
        path(
            "cma-trainings/registrations/<int:registration_id>/cancel/",
            admin_views.cancel_registration,
            name="cma_trainings_cancel_registration",
        ),
    ]
