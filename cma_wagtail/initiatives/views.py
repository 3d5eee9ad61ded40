"""The public proposal form: ``cma_initiatives:propose`` (GET shows it, POST sends it).

The view only builds the form and renders the outcome of
:func:`cma_wagtail.initiatives.flows.propose`, which the JSON API shares.
"""

from __future__ import annotations

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.views import View
from wagtail.views import serve

from ..caching import public_cache, same_origin_post
from ..flows import Kind
from ..visibility import request_site
from . import flows
from .forms import InitiativeProposalForm
from .queries import proposal_index


@method_decorator([public_cache, same_origin_post], name="dispatch")
class ProposeView(View):
    """The same page for every visitor (a shared cache may keep it); the POST needs no
    CSRF cookie but must come from the site (:mod:`cma_wagtail.caching`)."""

    form_class = InitiativeProposalForm
    template_name = "cma_initiatives/propose.html"
    done_template_name = "cma_initiatives/propose_done.html"
    #: The HTTP status of a page showing each outcome that is not a success.
    outcome_statuses = {Kind.INVALID: 200, Kind.RATE_LIMITED: 429, Kind.NOT_FOUND: 404}

    def get_form(self, request):
        if request.method == "POST":
            return self.form_class(data=request.POST, files=request.FILES, request=request)
        return self.form_class(request=request)

    def get_context_data(self, request, **kwargs):
        site = request_site(request)
        return {"index": proposal_index(site), "site": site, **kwargs}

    def render(self, request, form, status=200, **kwargs):
        context = self.get_context_data(request, form=form, **kwargs)
        return TemplateResponse(request, self.template_name, context, status=status)

    def get(self, request):
        if request.GET.get("sent"):
            context = self.get_context_data(request)
            return TemplateResponse(request, self.done_template_name, context)
        return self.render(request, self.get_form(request))

    def post(self, request):
        form = self.get_form(request)
        outcome = flows.propose(request, form)
        if outcome.ok:
            return redirect(request.path + "?sent=1")
        return self.render_refusal(request, form, outcome)

    def render_refusal(self, request, form, outcome):
        """The form again, with the outcome's message above it and a fresh time-trap token."""
        if outcome.message:
            form.is_valid()  # show the field errors too, if any
            form.add_error(None, outcome.message)
        form.refresh_timestamp()
        status = outcome.status if outcome.kind is Kind.CLOSED else None
        return self.render(request, form, status=status or self.outcome_statuses[outcome.kind])


def serve_page_json(request, path: str, name: str):
    """Serve ``<page url><name>`` (e.g. ``map.json``) through the page's sub-routes."""
    return serve(request, f"{path}{name}/")
