"""Public views: the registration wizard, cancellation by signed link, a session's .ics."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from formtools.wizard.views import SessionWizardView

from cma_wagtail.conf import settings as cma_settings
from cma_wagtail.models import ChamberSettings
from cma_wagtail.ratelimit import client_ip

from . import services
from .forms import ConsentForm, DiagnosticForm, ParticipantForm
from .ical import ics_response, session_calendar
from .models import Registration, TrainingSession


class RegistrationWizard(SessionWizardView):
    """Three steps: participant and business, business diagnostic, review and consent.

    Every decision is a ``get_*`` method; :meth:`done` calls one service,
    :func:`cma_wagtail.trainings.services.register`, that the JSON API reuses.
    """

    form_list = [
        ("participant", ParticipantForm),
        ("diagnostic", DiagnosticForm),
        ("consent", ConsentForm),
    ]
    template_name = "cma_trainings/register.html"
    closed_template_name = "cma_trainings/register_closed.html"
    result_template_name = "cma_trainings/register_result.html"
    step_titles = {
        "participant": _("You and your business"),
        "diagnostic": _("Diagnostic of your business"),
        "consent": _("Review and send"),
    }

    def dispatch(self, request, *args, **kwargs):
        self.training_session = self.get_training_session(kwargs["session_id"])
        reason = self.get_closed_reason(self.training_session)
        if reason:
            return self.render_closed(reason)
        return super().dispatch(request, *args, **kwargs)

    # Decisions -------------------------------------------------------------------------
    def get_training_session(self, session_id: int) -> TrainingSession:
        session = get_object_or_404(TrainingSession.objects.select_related("page"), pk=session_id)
        if not session.page.live:
            raise Http404
        return session

    def get_closed_reason(self, session: TrainingSession):
        if session.is_cancelled():
            return _("This session has been cancelled.")
        if not session.registration_is_open(timezone.now()):
            return _("Registrations for this session are closed.")
        return None

    def get_prefix(self, request, *args, **kwargs):
        # One wizard per session, so that two tabs on two sessions never mix their answers.
        return f"cma_trainings_register_{kwargs['session_id']}"

    def get_form_kwargs(self, step=None):
        if step == "participant":
            return {"request": self.request}
        return {}

    def get_privacy_notice(self) -> str:
        return ChamberSettings.for_request(self.request).privacy_notice

    def get_review(self) -> dict:
        participant = self.get_cleaned_data_for_step("participant") or {}
        form = DiagnosticForm(data=self.storage.get_step_data("diagnostic"), prefix="diagnostic")
        diagnostic = form.labelled_answers() if form.is_valid() else []
        legal_forms = dict(Registration.LegalForm.choices)
        rows = [
            (_("Name"), f"{participant.get('first_name', '')} {participant.get('last_name', '')}"),
            (_("Email address"), participant.get("email", "")),
            (_("Phone number"), participant.get("phone", "")),
            (_("Business name"), participant.get("business_name", "")),
            (_("SIRET number"), participant.get("siret", "")),
            (_("Trade"), participant.get("trade", "")),
            (_("Legal form"), legal_forms.get(participant.get("legal_form"), "")),
            (_("Number of employees"), participant.get("employees", "")),
        ]
        return {"participant": rows, "diagnostic": diagnostic}

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        session = self.training_session
        context.update(
            training_session=session,
            training=session.page,
            page=session.page,
            step_title=self.step_titles[self.steps.current],
            full=session.is_full,
        )
        if self.steps.current == "consent":
            context["review"] = self.get_review()
            context["privacy_notice"] = self.get_privacy_notice()
        return context

    def get_rate_limit(self) -> tuple[int, int]:
        return cma_settings.TRAININGS_RATE_LIMIT_PER_IP

    def get_registration_data(self, form_dict) -> dict:
        return services.registration_data(
            form_dict["participant"].cleaned_data,
            form_dict["diagnostic"].cleaned_data,
            form_dict["consent"].cleaned_data,
        )

    # Responses -------------------------------------------------------------------------
    def render_closed(self, reason, status: int = 200):
        session = self.training_session
        return TemplateResponse(
            self.request,
            self.closed_template_name,
            {
                "training_session": session,
                "training": session.page,
                "page": session.page,
                "reason": reason,
            },
            status=status,
        )

    def done(self, form_list, form_dict=None, **kwargs):
        limit = services.ip_allowed(client_ip(self.request), self.get_rate_limit())
        if not limit.allowed:
            response = self.render_closed(
                _("Too many registrations from your connection. Please try again later."), 429
            )
            response["Retry-After"] = str(limit.retry_after)
            return response
        try:
            registration = services.register(
                self.training_session.pk, self.get_registration_data(form_dict)
            )
        except services.RegistrationRefused as refused:
            return self.render_closed(refused.message, status=409)
        session = registration.session
        return TemplateResponse(
            self.request,
            self.result_template_name,
            {
                "registration": registration,
                "training_session": session,
                "training": session.page,
                "page": session.page,
            },
        )


register = RegistrationWizard.as_view()


class CancelView(View):
    """GET shows what will be cancelled (mail scanners follow links), POST cancels."""

    template_name = "cma_trainings/cancel.html"

    def get_registration(self, token: str) -> Registration:
        pk = Registration.pk_from_token(token)
        if pk is None:
            raise Http404
        return get_object_or_404(Registration.objects.select_related("session__page"), pk=pk)

    def render(self, registration, **context):
        session = registration.session
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "registration": registration,
                "training_session": session,
                "training": session.page if session else None,
                "past": session is None or session.start <= timezone.now(),
                **context,
            },
        )

    def get(self, request, token):
        return self.render(self.get_registration(token))

    def post(self, request, token):
        registration = self.get_registration(token)
        if (
            registration.status == Registration.Status.CANCELLED
            or registration.session is None
            or registration.session.start <= timezone.now()
        ):
            return self.render(registration)
        registration, _promoted = services.cancel(registration.pk)
        return self.render(registration, just_cancelled=True)


cancel = CancelView.as_view()


def session_ics(request, session_id: int):
    session = get_object_or_404(TrainingSession.objects.select_related("page"), pk=session_id)
    if not session.page.live:
        raise Http404
    return ics_response(session_calendar(session), f"session-{session.pk}.ics")
