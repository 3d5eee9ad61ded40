"""Back-office view: mark who attended a session (a checkbox per confirmed participant)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cma_wagtail.validators import is_ascii_number

from .models import Registration, TrainingSession


def attendance(request, session_id: int):
    if not request.user.has_perm("cma_trainings.change_registration"):
        raise PermissionDenied
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
