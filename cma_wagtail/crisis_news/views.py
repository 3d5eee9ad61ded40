"""HTML pages of news alerts: subscribe, confirm, preferences, unsubscribe.

Each view calls its flow (:mod:`.flows`) and renders the outcome; the JSON endpoints
(:mod:`.api.v3`) call the same flows.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from cma_wagtail.caching import public_cache, same_origin_post
from cma_wagtail.conf import settings as cma_settings
from cma_wagtail.flows import Kind, Outcome

from . import flows
from .forms import PreferencesForm, SubscriptionForm
from .tokens import BadLink, read_confirm_token

TEMPLATES = "cma_crisis_news/alerts/"


def render_message(request, outcome: Outcome, *, title, status: int | None = None, **extra):
    """A page saying what happened (expired link, unsubscribed…), with a way on."""
    context = {"title": title, "message": outcome.message, "reason": outcome.reason, **extra}
    if status is None:
        status = outcome.status if outcome.kind is Kind.CLOSED else 200
    return TemplateResponse(request, f"{TEMPLATES}message.html", context, status=status)


def link_problem(request, outcome: Outcome):
    return render_message(request, outcome, title=_("This link cannot be used"), subscribe=True)


@method_decorator([public_cache, same_origin_post], name="dispatch")
class SubscribeView(View):
    """Its form is also the alerts block's, inside cached pages: no CSRF cookie, a
    same-origin check instead (:mod:`cma_wagtail.caching.origin`)."""

    template_name = f"{TEMPLATES}subscribe.html"

    def get(self, request):
        if request.GET.get("sent"):
            return TemplateResponse(request, f"{TEMPLATES}subscribe_done.html", {})
        return self.render(request, SubscriptionForm(request=request))

    def post(self, request):
        outcome = flows.subscribe(request, request.POST)
        if outcome.ok:
            return redirect(f"{request.path}?sent=1", permanent=False)
        form = (
            outcome.forms[0] if outcome.forms else SubscriptionForm(request.POST, request=request)
        )
        if outcome.kind is Kind.RATE_LIMITED:
            form.is_valid()
            form.add_error(None, outcome.message)
            response = self.render(request, form, status=429)
            response["Retry-After"] = str(outcome.retry_after)
            return response
        return self.render(request, form)

    def render(self, request, form, status=200):
        form.refresh_timestamp()
        context = {"form": form, "days": cma_settings.CRISIS_NEWS_ALERTS_CONFIRM_DAYS}
        return TemplateResponse(request, self.template_name, context, status=status)


@method_decorator(never_cache, name="dispatch")
class ConfirmView(View):
    """GET shows a button, POST confirms: a mail scanner following links confirms nothing."""

    def get(self, request, token):
        try:
            read_confirm_token(token)
        except BadLink:
            return link_problem(request, flows.confirm(token))
        return TemplateResponse(request, f"{TEMPLATES}confirm.html", {"token": token})

    def post(self, request, token):
        outcome = flows.confirm(token)
        if not outcome.ok:
            return link_problem(request, outcome)
        return render_message(
            request,
            outcome,
            title=_("Your subscription is confirmed"),
            text=_(
                "You will receive the crisis news of the topics you chose. Every email has "
                "a link to change your choices or unsubscribe."
            ),
        )


@method_decorator(never_cache, name="dispatch")
class ManageView(View):
    template_name = f"{TEMPLATES}manage.html"

    def get(self, request, token):
        subscriber = flows.subscriber_for_link(token)
        if isinstance(subscriber, Outcome):
            return link_problem(request, subscriber)
        form = PreferencesForm(initial=PreferencesForm.initial_for(subscriber))
        return self.render(request, token, subscriber, form)

    def post(self, request, token):
        outcome = flows.update_preferences(token, request.POST)
        if outcome.kind is Kind.INVALID:
            subscriber = flows.subscriber_for_link(token)
            return self.render(request, token, subscriber, outcome.forms[0])
        if not outcome.ok:
            return link_problem(request, outcome)
        form = PreferencesForm(initial=PreferencesForm.initial_for(outcome.obj))
        return self.render(request, token, outcome.obj, form, saved=True)

    def render(self, request, token, subscriber, form, saved=False):
        context = {"token": token, "subscriber": subscriber, "form": form, "saved": saved}
        return TemplateResponse(request, self.template_name, context)


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class UnsubscribeView(View):
    """The ``List-Unsubscribe`` target: mail clients POST ``List-Unsubscribe=One-Click``
    without cookies (RFC 8058), hence no CSRF check: the signed token is the proof."""

    def get(self, request, token):
        subscriber = flows.subscriber_for_link(token)
        if isinstance(subscriber, Outcome):
            return link_problem(request, subscriber)
        return TemplateResponse(request, f"{TEMPLATES}unsubscribe.html", {"token": token})

    def post(self, request, token):
        outcome = flows.unsubscribe(token)
        if not outcome.ok:
            return link_problem(request, outcome)
        return render_message(
            request,
            outcome,
            title=_("You are unsubscribed"),
            text=_("Your address has been deleted. You will receive no more alerts."),
            subscribe=True,
        )
