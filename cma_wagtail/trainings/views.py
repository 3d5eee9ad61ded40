"""Public views: the registration wizard, its confirmation and cancellation by signed links,
a session's .ics."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from formtools.wizard.views import SessionWizardView

from cma_wagtail.caching import public_cache
from cma_wagtail.conf import settings as cma_settings
from cma_wagtail.flows import Kind
from cma_wagtail.models import ChamberSettings

from . import flows, services
from .forms import ConsentForm, DiagnosticForm, ParticipantForm
from .ical import ics_response, session_calendar
from .models import Registration, TrainingSession


class RegistrationWizard(SessionWizardView):
    """Three steps: participant and business, business diagnostic, review and consent.

    Every decision is a ``get_*`` method; :meth:`done` calls the flow the JSON API
    calls too, :func:`cma_wagtail.trainings.flows.register`, and renders its outcome.
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
        session = flows.visible_session(self.request, session_id)
        if session is None:
            raise Http404
        return session

    def get_closed_reason(self, session: TrainingSession):
        reason = flows.closed_reason(session)
        return reason[1] if reason else None

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
        forms = [form_dict[step] for step in ("participant", "diagnostic", "consent")]
        outcome = flows.register(
            self.request, self.training_session.pk, forms, rate_limit=self.get_rate_limit()
        )
        if outcome.kind is Kind.NOT_FOUND:
            raise Http404
        if outcome.kind is Kind.INVALID:
            step, form = next((s, f) for s, f in form_dict.items() if not f.is_valid())
            return self.render_revalidation_failure(step, form, **kwargs)
        if outcome.kind is Kind.RATE_LIMITED:
            response = self.render_closed(outcome.message, 429)
            response["Retry-After"] = str(outcome.retry_after)
            return response
        if outcome.kind is Kind.CLOSED:
            return self.render_closed(outcome.message, status=outcome.status)
        # The same page for a new registration and for an address already registered.
        session = self.training_session
        return TemplateResponse(
            self.request,
            self.result_template_name,
            {
                "email": forms[0].cleaned_data["email"],
                "confirmation_hours": cma_settings.TRAININGS_CONFIRMATION_HOURS,
                "training_session": session,
                "training": session.page,
                "page": session.page,
            },
        )


#: A per-visitor flow (its answers live in the session): never kept by any cache.
register = never_cache(RegistrationWizard.as_view())


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


cancel = never_cache(CancelView.as_view())


class ConfirmView(View):
    """The link of the first email: GET shows the session and a button (mail scanners follow
    links, and a GET never takes a seat), POST confirms through
    :func:`cma_wagtail.trainings.flows.confirm`."""

    template_name = "cma_trainings/confirm.html"
    result_template_name = "cma_trainings/confirm_result.html"
    invalid_template_name = "cma_trainings/confirm_invalid.html"

    def get(self, request, token):
        outcome = flows.confirmation(request, token)
        if outcome.ok and outcome.result == flows.PENDING:
            return self.render(self.template_name, outcome.obj, token=token)
        return self.render_outcome(outcome)

    def post(self, request, token):
        return self.render_outcome(flows.confirm(request, token))

    def render_outcome(self, outcome):
        if outcome.kind is Kind.NOT_FOUND:
            raise Http404
        if outcome.kind is Kind.CLOSED:
            session = outcome.obj
            return TemplateResponse(
                self.request,
                self.invalid_template_name,
                {
                    "reason": outcome.message,
                    "code": outcome.reason,
                    "training_session": session,
                    "training": session.page if session else None,
                    "catalogue": None if session else flows.catalogue(self.request),
                },
                status=outcome.status,
            )
        return self.render(self.result_template_name, outcome.obj)

    def render(self, template_name, registration, **context):
        session = registration.session
        return TemplateResponse(
            self.request,
            template_name,
            {
                "registration": registration,
                "training_session": session,
                "training": session.page,
                "page": session.page,
                **context,
            },
        )


confirm = never_cache(ConfirmView.as_view())


@public_cache
def session_ics(request, session_id: int):
    session = flows.visible_session(request, session_id)
    if session is None:
        raise Http404
    return ics_response(session_calendar(session), f"session-{session.pk}.ics")
