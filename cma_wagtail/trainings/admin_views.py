"""Back-office views: attendance, cancelling on a participant's behalf, and the
registrations inbox's inspect and history views, each checking its permission."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail_modeladmin.views import HistoryView, InspectView

from cma_wagtail.validators import is_ascii_number

from . import services
from .models import Registration, TrainingSession

CHANGE_PERMISSION = "cma_trainings.change_registration"
#: The inspect view's pseudo-field holding the cancel action (shown to who may change).
CANCEL_FIELD = "cancel_action"


def forbidden(request):
    """A 403 in the admin's frame. Wagtail's own answer to ``PermissionDenied`` is a redirect
    to the dashboard; these views name participants, so they answer a plain 403 instead."""
    return TemplateResponse(
        request,
        "cma_trainings/admin/forbidden.html",
        {"page_title": _("Permission denied")},
        status=403,
    )


def can_be_cancelled(registration: Registration) -> bool:
    session = registration.session
    return (
        registration.status != Registration.Status.CANCELLED
        and session is not None
        and session.start > timezone.now()
    )


def attendance(request, session_id: int):
    if not request.user.has_perm(CHANGE_PERMISSION):
        return forbidden(request)
    session = get_object_or_404(TrainingSession.objects.select_related("page"), pk=session_id)
    participants = list(
        session.registrations.filter(status=Registration.Status.CONFIRMED).order_by(
            "last_name", "first_name"
        )
    )
    if request.method == "POST":
        present = {int(pk) for pk in request.POST.getlist("attended") if is_ascii_number(pk)}
        for registration in participants:
            attended = registration.pk in present
            if registration.attended != attended:
                registration.attended = attended
                registration.save(update_fields=["attended"])
        messages.success(request, _("Attendance saved."))
        return redirect(request.path)
    return TemplateResponse(
        request,
        "cma_trainings/admin/attendance.html",
        {"session": session, "participants": participants, "page_title": _("Attendance")},
    )


@require_http_methods(["GET", "POST"])
def cancel_registration(request, registration_id: int):
    """Cancel on the participant's behalf (they are told; the first waiting person gets the
    seat). GET asks, POST cancels; both need the change-registration permission."""
    if not request.user.has_perm(CHANGE_PERMISSION):
        return forbidden(request)
    registration = get_object_or_404(
        Registration.objects.select_related("session__page"), pk=registration_id
    )
    inspect_url = reverse("cma_trainings_registration_modeladmin_inspect", args=[registration.pk])
    if request.method == "POST":
        if can_be_cancelled(registration):
            services.cancel(registration.pk)
            messages.success(request, _("Registration cancelled."))
        return redirect(inspect_url)
    return TemplateResponse(
        request,
        "cma_trainings/admin/cancel_registration.html",
        {
            "registration": registration,
            "session": registration.session,
            "can_be_cancelled": can_be_cancelled(registration),
            "inspect_url": inspect_url,
            "page_title": _("Cancel this registration"),
        },
    )


class RegistrationInspectView(InspectView):
    """The participant's details; the cancel action only for who may change registrations."""

    def get_fields_dict(self):
        fields = []
        for name in self.model_admin.get_inspect_view_fields():
            if name != CANCEL_FIELD:
                fields.append(self.get_dict_for_field(name))
            elif self.user_may_cancel():
                fields.append({"label": gettext_lazy("Cancellation"), "value": self.cancel_link()})
        return fields

    def user_may_cancel(self) -> bool:
        return self.permission_helper.user_can_edit_obj(
            self.request.user, self.instance
        ) and can_be_cancelled(self.instance)

    def cancel_link(self):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("cma_trainings_cancel_registration", args=[self.instance.pk]),
            _("Cancel this registration"),
        )


class RegistrationHistoryView(HistoryView):
    """modeladmin's history view checks no permission: it names the participant, so it
    needs the same permissions as the inspect view."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_inspect_obj(user, self.instance)

    def dispatch(self, request, *args, **kwargs):
        if not self.check_action_permitted(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)
