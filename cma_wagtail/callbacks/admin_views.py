"""Inbox views: the inspect page with its history, and the workflow actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail_modeladmin.views import InspectView

from cma_wagtail.companies.admin_views import (
    CompanyExportMixin,
    export_value,
    search_and_attach,
)
from cma_wagtail.exports import SafeExportIndexView
from cma_wagtail.outbox.models import OutgoingEmail

from . import queue, workflow
from .constants import Action
from .forms import AssignForm, AttemptForm, CloseForm, DetailsForm, ScheduleForm
from .models import CallbackAttempt, CallbackRequest
from .visibility import can_see, can_work_on

#: (column, heading, value) of the CSV / XLSX export.
EXPORT_COLUMNS = [
    ("pk", gettext_lazy("Number"), lambda o: o.pk),
    ("created_at", gettext_lazy("Received at"), lambda o: o.created_at),
    ("status", gettext_lazy("Status"), lambda o: o.get_status_display()),
    ("topic", gettext_lazy("Topic"), lambda o: o.get_topic_display()),
    ("team", gettext_lazy("Team"), lambda o: str(o.team or "")),
    ("assigned_to", gettext_lazy("Assigned to"), lambda o: _user(o.assigned_to)),
    ("name", gettext_lazy("Name"), lambda o: o.name),
    ("business_name", gettext_lazy("Business name"), lambda o: o.business_name),
    ("phone", gettext_lazy("Phone"), lambda o: o.phone),
    ("email", gettext_lazy("Email"), lambda o: o.email),
    ("trade", gettext_lazy("Trade"), lambda o: o.trade),
    ("postcode", gettext_lazy("Postcode"), lambda o: o.postcode),
    ("siret", gettext_lazy("SIRET"), lambda o: o.siret),
    ("company", gettext_lazy("Company (directory)"), export_value),
    ("preferred_slot", gettext_lazy("When to call"), lambda o: o.get_preferred_slot_display()),
    ("preferred_date", gettext_lazy("Preferred day"), lambda o: o.preferred_date),
    ("message", gettext_lazy("Message"), lambda o: o.message),
    ("submission_count", gettext_lazy("Times sent"), lambda o: o.submission_count),
    ("first_called_at", gettext_lazy("First call at"), lambda o: o.first_called_at),
    ("closed_at", gettext_lazy("Closed at"), lambda o: o.closed_at),
    ("outcome", gettext_lazy("Outcome"), lambda o: o.get_outcome_display()),
]


def _user(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class CallbackIndexView(CompanyExportMixin, SafeExportIndexView):
    export_headings = {key: heading for key, heading, _f in EXPORT_COLUMNS}

    def to_row_dict(self, item):
        return {key: value(item) for key, _h, value in EXPORT_COLUMNS}

    def get_filename(self):
        return "demandes-de-rappel"

    def get_queryset(self, request=None):
        """The filtered list, built once per request (wagtail-modeladmin asks three times:
        the rows, their count, the paginator's count)."""
        memo = getattr(self, "_cma_queryset", None)
        if memo is None:
            memo = self._cma_queryset = super().get_queryset(request).counted()
        return memo

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_take_next"] = self.request.user.has_perm(
            "cma_callbacks.change_callbackrequest"
        )
        context["take_next_url"] = reverse(self.url_helper.get_action_url_name("take_next"))
        return context


class CallbackInspectView(InspectView):
    def check_action_permitted(self, user):
        return super().check_action_permitted(user) and can_see(user, self.instance)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.instance
        user = self.request.user
        context.update(
            {
                "req": obj,
                "history": history(obj),
                "notifications": OutgoingEmail.for_object(obj).order_by("created_at"),
                "can_work": can_work_on(user, obj),
                "attempt_form": AttemptForm(prefix="attempt"),
                "close_form": CloseForm(prefix="close"),
                "schedule_form": ScheduleForm(prefix="schedule"),
                "assign_form": AssignForm(prefix="assign", members=workflow.team_members(obj)),
                "details": details_rows(obj),
                "urls": action_urls(self.model_admin, obj),
            }
        )
        return context


def history(obj) -> list:
    """The request's journal, newest first, ending with its reception (its creation).

    Ordered by the exact time of each entry, then by its id: two entries of the same
    second (taken, then called) keep the order they happened in.
    """
    entries = list(obj.attempts.select_related("agent").order_by("-at", "-pk"))
    # The reception is not stored as an attempt (a submission is one INSERT): it is its creation.
    entries.append(CallbackAttempt(request=obj, action=Action.RECEIVED, at=obj.created_at))
    return entries


def details_rows(obj) -> list[tuple[str, str]]:
    """(label, value) of the artisan's and request's filled fields (empty ones are hidden)."""
    rows = []
    for name in ("name", "business_name", "trade", "postcode", "siret"):
        value = getattr(obj, name)
        if value:
            rows.append((capfirst(CallbackRequest._meta.get_field(name).verbose_name), value))
    return rows


def action_urls(model_admin, obj) -> dict:
    helper = model_admin.url_helper
    return {
        action: helper.get_action_url(action, obj.pk)
        for action in (
            "take",
            "attempt",
            "close",
            "reopen",
            "inspect",
            "company",
            "assign",
            "unassign",
            "schedule",
            "details",
        )
    }


def _get_workable(request, pk):
    obj = get_object_or_404(CallbackRequest, pk=pk)
    if not can_work_on(request.user, obj):
        raise PermissionDenied
    return obj


def _done(request, model_admin, obj, message):
    messages.success(request, message)
    return HttpResponseRedirect(model_admin.url_helper.get_action_url("inspect", obj.pk))


def _refused(request, model_admin, obj, error):
    messages.error(request, " ".join(error.messages))
    return HttpResponseRedirect(model_admin.url_helper.get_action_url("inspect", obj.pk))


def take_view(model_admin):
    @require_POST
    def view(request, instance_pk):
        obj = _get_workable(request, instance_pk)
        try:
            workflow.take(obj, request.user)
        except workflow.WorkflowError as error:
            return _refused(request, model_admin, obj, error)
        return _done(request, model_admin, obj, _("You have taken this request."))

    return view


def reopen_view(model_admin):
    @require_POST
    def view(request, instance_pk):
        obj = _get_workable(request, instance_pk)
        try:
            workflow.reopen(obj, request.user)
        except workflow.WorkflowError as error:
            return _refused(request, model_admin, obj, error)
        return _done(request, model_admin, obj, _("The request is open again."))

    return view


def company_view(model_admin):
    """The agent looks the business up by name and postcode, and attaches it (POST)."""

    def view(request, instance_pk):
        obj = _get_workable(request, instance_pk)
        return search_and_attach(
            request,
            obj,
            back_url=model_admin.url_helper.get_action_url("inspect", obj.pk),
            name=obj.business_name,
            postcode=obj.postcode,
        )

    return view


def form_action_view(model_admin, form_class, prefix, title, apply, form_kwargs=None):
    """GET shows the form alone; POST applies it (errors are shown on the same page)."""

    def view(request, instance_pk):
        obj = _get_workable(request, instance_pk)
        extra = form_kwargs(obj) if form_kwargs else {}
        form = form_class(request.POST or None, prefix=prefix, **extra)
        if request.method == "POST" and form.is_valid():
            try:
                message = apply(obj, request.user, form.cleaned_data)
            except workflow.WorkflowError as error:
                return _refused(request, model_admin, obj, error)
            return _done(request, model_admin, obj, message)
        urls = action_urls(model_admin, obj)
        return TemplateResponse(
            request,
            "cma_callbacks/admin/action_form.html",
            {
                "req": obj,
                "form": form,
                "title": title,
                "urls": urls,
                "action_url": urls[prefix],
            },
            status=400 if request.method == "POST" else 200,
        )

    return view


def take_next_view(model_admin):
    """ "Prendre la suivante": the next due request of the agent's teams, opened ready to
    call; back to the list with a message when the queue is empty."""

    @require_POST
    def view(request):
        if not request.user.has_perm("cma_callbacks.change_callbackrequest"):
            raise PermissionDenied
        obj = queue.take_next(request.user)
        if obj is None:
            messages.info(request, _("Nothing to do right now: the queue is empty."))
            return HttpResponseRedirect(model_admin.url_helper.index_url)
        return _done(request, model_admin, obj, _("This request is yours: call the artisan."))

    return view


def unassign_view(model_admin):
    @require_POST
    def view(request, instance_pk):
        obj = _get_workable(request, instance_pk)
        try:
            workflow.reassign(obj, request.user, None)
        except workflow.WorkflowError as error:
            return _refused(request, model_admin, obj, error)
        return _done(request, model_admin, obj, _("The request is back in the queue."))

    return view


def _apply_assign(obj, user, data):
    workflow.reassign(obj, user, data["to"], note=data.get("note", ""))
    name = data["to"].get_full_name() or data["to"].get_username()
    return _("The request is now assigned to %(name)s.") % {"name": name}


def _apply_schedule(obj, user, data):
    workflow.schedule(obj, user, at=data["at"], note=data.get("note", ""))
    return _("The call is scheduled.")


def _apply_details(obj, user, data):
    workflow.correct_details(obj, user, data)
    return _("The details are saved.")


def details_initial(obj) -> dict:
    return {"initial": {name: getattr(obj, name) for name in workflow.CORRECTABLE_FIELDS}}


def assign_view(model_admin):
    return form_action_view(
        model_admin,
        AssignForm,
        "assign",
        gettext_lazy("Assign to a colleague"),
        _apply_assign,
        lambda obj: {"members": workflow.team_members(obj)},
    )


def schedule_view(model_admin):
    return form_action_view(
        model_admin, ScheduleForm, "schedule", gettext_lazy("Schedule a call"), _apply_schedule
    )


def details_view(model_admin):
    return form_action_view(
        model_admin,
        DetailsForm,
        "details",
        gettext_lazy("Correct the details"),
        _apply_details,
        details_initial,
    )


def _apply_attempt(obj, user, data):
    workflow.record_attempt(
        obj, user, outcome=data["outcome"], at=data["at"], note=data.get("note", "")
    )
    return _("The call has been recorded.")


def _apply_close(obj, user, data):
    workflow.close(obj, user, outcome=data["outcome"], note=data.get("note", ""))
    return _("The request is closed.")


def attempt_view(model_admin):
    return form_action_view(
        model_admin, AttemptForm, "attempt", gettext_lazy("Record a call"), _apply_attempt
    )


def close_view(model_admin):
    return form_action_view(
        model_admin, CloseForm, "close", gettext_lazy("Close the request"), _apply_close
    )


def display(description, ordering=None):
    """Give a list column its heading and sort field (like ``django.contrib.admin.display``)."""

    def decorator(func):
        func.short_description = description
        if ordering:
            func.admin_order_field = ordering
        return func

    return decorator
