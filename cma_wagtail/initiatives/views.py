"""The public proposal form: ``cma_initiatives:propose`` (GET shows it, POST sends it)."""

from __future__ import annotations

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.models import Site
from wagtail.views import serve

from ..ratelimit import client_ip, hash_value
from .forms import InitiativeProposalForm
from .services import (
    ProposalsClosed,
    contact_allowed,
    get_proposal_index,
    ip_allowed,
    submit_proposal,
)


class ProposeView(View):
    form_class = InitiativeProposalForm
    template_name = "cma_initiatives/propose.html"
    done_template_name = "cma_initiatives/propose_done.html"

    def get_form(self, request):
        if request.method == "POST":
            return self.form_class(data=request.POST, files=request.FILES, request=request)
        return self.form_class(request=request)

    def get_context_data(self, request, **kwargs):
        site = Site.find_for_request(request)
        return {"index": get_proposal_index(site), "site": site, **kwargs}

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
        ip = client_ip(request)
        if not ip_allowed(ip).allowed:
            return self.refuse(request, form)
        if not form.is_valid():
            form.refresh_timestamp()
            return self.render(request, form)
        if not contact_allowed(form.cleaned_data).allowed:
            return self.refuse(request, form)
        try:
            submit_proposal(form.cleaned_data, Site.find_for_request(request), hash_value(ip))
        except ProposalsClosed:
            form.add_error(
                None, _("Proposals are closed for now. Please write to the chamber instead.")
            )
            return self.render(request, form, status=503)
        return redirect(request.path + "?sent=1")

    def refuse(self, request, form):
        form.is_valid()
        form.add_error(
            None,
            _("You have sent several proposals in a short time. Please try again later."),
        )
        form.refresh_timestamp()
        return self.render(request, form, status=429)


def serve_page_json(request, path: str, name: str):
    """Serve ``<page url><name>`` (e.g. ``map.json``) through the page's sub-routes."""
    return serve(request, f"{path}{name}/")
