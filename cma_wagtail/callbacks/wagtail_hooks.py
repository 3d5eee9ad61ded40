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
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from . import admin_views
from .models import CallbackRequest, CallbackTeam
from .search import CallbackSearchHandler
from .stats import dashboard_figures
from .visibility import can_use_inbox, visible_requests


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
        teams = CallbackTeam.objects.all()
        if not (
            request.user.is_superuser
            or request.user.has_perm("cma_callbacks.view_all_callbackrequests")
        ):
            teams = teams.filter(members=request.user)
        return [(str(team.pk), team.name) for team in teams]

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
    list_display = (
        "who",
        "phone_link",
        "status_label",
        "age",
        "topic",
        "team",
        "agent",
    )
    list_filter = ("status", "topic", TeamFilter, AssignedFilter)
    list_select_related = ("team", "assigned_to")
    list_per_page = 50
    ordering = ("-created_at",)
    list_export = [key for key, _h, _v in admin_views.EXPORT_COLUMNS]

    def get_queryset(self, request):
        return visible_requests(request.user, super().get_queryset(request))

    @admin_views.display(_("Artisan"))
    def who(self, obj):
        name = obj.business_name or obj.name or "—"
        if obj.submission_count > 1:
            return format_html('{} <span class="w-status">×{}</span>', name, obj.submission_count)
        return name

    @admin_views.display(_("Phone"))
    def phone_link(self, obj):
        if not obj.phone:
            return "—"
        return format_html('<a href="tel:{}">{}</a>', obj.phone, obj.phone_display)

    @admin_views.display(_("Status"), "status")
    def status_label(self, obj):
        return format_html(
            '<span class="w-status cma-status--{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin_views.display(_("Waiting for"), "created_at")
    def age(self, obj):
        return timesince(obj.created_at)

    @admin_views.display(_("Assigned to"), "assigned_to__last_name")
    def agent(self, obj):
        user = obj.assigned_to
        return (user.get_full_name() or user.get_username()) if user else "—"

    def get_admin_urls_for_registration(self):
        urls = super().get_admin_urls_for_registration()
        helper = self.url_helper
        extra = [
            ("take", admin_views.take_view(self)),
            ("attempt", admin_views.attempt_view(self)),
            ("close", admin_views.close_view(self)),
            ("reopen", admin_views.reopen_view(self)),
            ("company", admin_views.company_view(self)),
        ]
        return urls + tuple(
            re_path(
                helper.get_action_url_pattern(action),
                view,
                name=helper.get_action_url_name(action),
            )
            for action, view in extra
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
