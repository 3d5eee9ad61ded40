"""The agents' inbox ("Rappels" menu), the team snippet and the dashboard panel."""

from __future__ import annotations

from django.contrib.admin import SimpleListFilter
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import re_path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from . import admin_views, queue
from .models import CallbackRequest, CallbackTeam
from .search import CallbackSearchHandler
from .stats import dashboard_figures
from .visibility import can_use_inbox, teams_of, visible_requests


class QueueFilter(SimpleListFilter):
    """The list opens on "à traiter" (the queue: due requests, oldest due first)."""

    title = _("view")
    parameter_name = "view"
    TO_DO = "todo"

    def lookups(self, request, model_admin):
        return [
            (self.TO_DO, _("To do")),
            ("open", _("Still open")),
            ("scheduled", _("Scheduled later")),
            ("closed", _("Closed")),
            ("all", _("All")),
        ]

    def value(self):
        return super().value() or self.TO_DO

    def choices(self, changelist):
        # No "All" entry of its own: "all" is one of the lookups, and nothing chosen is "to do".
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == self.TO_DO:
            return queryset.filter(queue.due_filter(now))
        if value == "open":
            return queryset.open()
        if value == "scheduled":
            return queryset.open().filter(next_attempt_at__gt=now)
        if value == "closed":
            return queryset.filter(status="closed")
        return queryset


class AssignedFilter(SimpleListFilter):
    title = _("assigned to")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("Me")), ("nobody", _("Nobody"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class TeamFilter(SimpleListFilter):
    """Only the teams the agent can see (a plain related filter would list every team)."""

    title = _("team")
    parameter_name = "team"

    def lookups(self, request, model_admin):
        if not (
            request.user.is_superuser
            or request.user.has_perm("cma_callbacks.view_all_callbackrequests")
        ):
            return [(str(pk), name) for pk, name in teams_of(request.user)]
        return [(str(team.pk), team.name) for team in CallbackTeam.objects.all()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(team_id=self.value())
        return queryset


class CallbackPermissionHelper(PermissionHelper):
    """Agents list and inspect (their teams' requests); changes go through workflow actions."""

    def user_can_list(self, user):
        return can_use_inbox(user)

    def user_can_create(self, user):
        return False

    def user_can_inspect_obj(self, user, obj):
        # Rows of the list are already restricted to what the user may see; the inspect
        # view itself checks visibility (CallbackInspectView), one query per request.
        return can_use_inbox(user)

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return user.is_superuser


class CallbackButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = []
        if self.permission_helper.user_can_list(self.request.user):
            buttons.append(
                {
                    "url": self.url_helper.get_action_url("inspect", obj.pk),
                    "label": _("Open"),
                    "classname": self.finalise_classname(classnames_add, classnames_exclude),
                    "title": _("Open this request"),
                }
            )
        return buttons


class CallbackRequestAdmin(ModelAdmin):
    model = CallbackRequest
    menu_label = _("Requests")
    menu_icon = "mobile-alt"
    menu_order = 100
    inspect_view_enabled = True
    history_view_enabled = False
    inspect_template_name = "cma_callbacks/admin/inspect.html"
    index_view_class = admin_views.CallbackIndexView
    inspect_view_class = admin_views.CallbackInspectView
    permission_helper_class = CallbackPermissionHelper
    button_helper_class = CallbackButtonHelper
    search_handler_class = CallbackSearchHandler
    search_fields = ("name", "business_name", "email", "siret", "phone", "trade")
    index_template_name = "cma_callbacks/admin/index.html"
    list_display = (
        "who",
        "phone_link",
        "status_label",
        "age",
        "topic_label",
        "agent",
    )
    list_filter = (QueueFilter, "status", "topic", TeamFilter, AssignedFilter)
    list_select_related = ("team", "assigned_to")
    list_per_page = 50
    #: Oldest due first: the queue's order (``due_at``: its agreed time, else its reception).
    ordering = ("due_at", "pk")
    list_export = [key for key, _h, _v in admin_views.EXPORT_COLUMNS]

    def get_queryset(self, request):
        # Requests taken and left are offered again by "take next" (``queue.idle_filter``);
        # ``manage.py release_idle_callback_requests`` (cron) clears their holder.
        queryset = queue.with_due_at(visible_requests(request.user))
        return queryset.order_by(*self.get_ordering(request))

    @admin_views.display(_("Artisan"))
    def who(self, obj):
        name = obj.business_name or obj.name or "—"
        cell = format_html(
            '<span class="cma-cell cma-cell--words" title="{}">{}</span>', name, name
        )
        if obj.submission_count > 1:
            return format_html('{} <span class="w-status">×{}</span>', cell, obj.submission_count)
        return cell

    @admin_views.display(_("Topic"), "topic")
    def topic_label(self, obj):
        label = obj.get_topic_display() or "—"
        return format_html(
            '<span class="cma-cell cma-cell--words" title="{}">{}</span>', label, label
        )

    @admin_views.display(_("Team"), "team__name")
    def team_label(self, obj):
        name = str(obj.team or "—")
        return format_html(
            '<span class="cma-cell cma-cell--words" title="{}">{}</span>', name, name
        )

    @admin_views.display(_("Phone"))
    def phone_link(self, obj):
        if not obj.phone:
            return "—"
        return format_html(
            '<a class="cma-nowrap" href="tel:{}">{}</a>', obj.phone, obj.phone_display
        )

    @admin_views.display(_("Status"), "status")
    def status_label(self, obj):
        return format_html(
            '<span class="w-status cma-status--{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin_views.display(_("Waiting for"), "created_at")
    def age(self, obj):
        """How long the request has waited; closed ones wait no more ("—")."""
        if not obj.is_open:
            return "—"
        # Its largest unit in the list ("1 semaine"), the exact wait on hover.
        return format_html(
            '<span class="cma-nowrap" title="{}">{}</span>',
            timesince(obj.created_at),
            timesince(obj.created_at, depth=1),
        )

    @admin_views.display(_("Assigned to"), "assigned_to__last_name")
    def agent(self, obj):
        user = obj.assigned_to
        name = (user.get_full_name() or user.get_username()) if user else "—"
        return format_html(
            '<span class="cma-cell cma-cell--words" title="{}">{}</span>', name, name
        )

    def get_admin_urls_for_registration(self):
        urls = super().get_admin_urls_for_registration()
        helper = self.url_helper
        extra = [
            ("take", admin_views.take_view(self)),
            ("attempt", admin_views.attempt_view(self)),
            ("close", admin_views.close_view(self)),
            ("reopen", admin_views.reopen_view(self)),
            ("company", admin_views.company_view(self)),
            ("assign", admin_views.assign_view(self)),
            ("unassign", admin_views.unassign_view(self)),
            ("schedule", admin_views.schedule_view(self)),
            ("details", admin_views.details_view(self)),
        ]
        return (
            urls
            + tuple(
                re_path(
                    helper.get_action_url_pattern(action),
                    view,
                    name=helper.get_action_url_name(action),
                )
                for action, view in extra
            )
            + (
                re_path(
                    helper._get_action_url_pattern("take_next"),
                    admin_views.take_next_view(self),
                    name=helper.get_action_url_name("take_next"),
                ),
            )
        )


class CallbacksGroup(ModelAdminGroup):
    menu_label = _("Callbacks")
    menu_icon = "mobile-alt"
    menu_order = 250
    items = (CallbackRequestAdmin,)


modeladmin_register(CallbacksGroup)


class CallbackTeamViewSet(SnippetViewSet):
    model = CallbackTeam
    icon = "group"
    list_display = ["name", "slug", "daily_quota"]
    search_fields = ["name"]


register_snippet(CallbackTeamViewSet)


@hooks.register("register_permissions")
def register_attempt_permissions():
    return Permission.objects.filter(
        Q(content_type__app_label="cma_callbacks", content_type__model="callbackattempt")
        | Q(content_type__app_label="cma_callbacks", codename="view_all_callbackrequests")
    )


class CallbacksPanel(Component):
    name = "cma_callbacks"
    order = 90
    template_name = "cma_callbacks/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        figures = dashboard_figures(visible_requests(self.request.user))
        figures["index_url"] = reverse("cma_callbacks_callbackrequest_modeladmin_index")
        median = figures["median_first_call"]
        if median is not None:
            now = timezone.now()
            figures["median_label"] = (
                timesince(now - median, now)
                if median.total_seconds() >= 60
                else _("less than a minute")
            )
        return figures


@hooks.register("construct_homepage_panels")
def add_callbacks_panel(request, panels):
    if can_use_inbox(request.user):
        panels.append(CallbacksPanel(request))


@hooks.register("register_admin_urls")
def register_report_urls():
    from django.urls import path

    from .reports import CallbackReportView

    return [
        path("reports/callbacks/", CallbackReportView.as_view(), name="cma_callbacks_report"),
        path(
            "reports/callbacks/results/",
            CallbackReportView.as_view(results_only=True),
            name="cma_callbacks_report_results",
        ),
    ]


class CallbackReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_inbox(request.user)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return CallbackReportMenuItem(
        _("Callbacks"), reverse("cma_callbacks_report"), icon_name="mobile-alt", order=800
    )
