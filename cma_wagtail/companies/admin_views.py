"""The agent's search of the directory by name and postcode, and "attach this company".

A capability mounts it under its own inspect view and checks its own permission first
(core does not know who may work on a callback request or a registration)::

    def company_view(request, pk):
        obj = get_object_the_user_may_work_on(request, pk)
        return search_and_attach(request, obj, back_url=..., name=obj.business_name, ...)

The search runs server-side (the agent's browser never calls the directory).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..forms import PostcodeField
from ..validators import normalize_siret, validate_siret
from . import client, services


class CompanySearchForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Business name"), max_length=100)
    postcode = PostcodeField(label=gettext_lazy("Postcode"), required=False)


def search_and_attach(request, obj, *, back_url: str, name: str = "", postcode: str = ""):
    """GET: the search form and its results; POST ``siret``: attach that company to ``obj``."""
    if request.method == "POST":
        return _attach(request, obj, back_url)
    if "name" in request.GET:
        form = CompanySearchForm(request.GET)
    elif name:  # search at once with what the artisan wrote
        form = CompanySearchForm({"name": name, "postcode": postcode})
    else:
        form = CompanySearchForm(initial={"postcode": postcode})
    candidates, error = [], ""
    if form.is_valid():
        try:
            candidates = services.search_candidates(
                form.cleaned_data["name"], form.cleaned_data.get("postcode") or ""
            )
        except (client.DirectoryError, client.DirectoryUnavailable) as exc:
            error = _("The company directory does not answer at the moment (%(error)s).") % {
                "error": exc
            }
    return TemplateResponse(
        request,
        "cma_wagtail/companies/search.html",
        {
            "object": obj,
            "form": form,
            "candidates": candidates,
            "error": error,
            "back_url": back_url,
            "identity": services.identity_for(obj),
            "title": _("Find the company"),
        },
    )


def _attach(request, obj, back_url: str):
    siret = normalize_siret(request.POST.get("siret", ""))
    try:
        validate_siret(siret)
        identity = services.attach(obj, siret, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except (client.DirectoryError, client.DirectoryUnavailable) as exc:
        messages.error(
            request,
            _("The company directory does not answer at the moment (%(error)s).") % {"error": exc},
        )
    else:
        if identity.is_found:
            messages.success(request, _("Company attached: %(name)s.") % {"name": identity.name})
        else:
            messages.warning(request, _("The directory does not know this SIRET."))
    return HttpResponseRedirect(back_url)


class CompanyExportMixin:
    """For a modeladmin ``IndexView``: load the identities of the exported objects in bulk,
    so that a ``company`` column (:func:`export_value`) costs one query per 500 rows."""

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(services.WithIdentities(queryset), spreadsheet_format)


def export_value(obj) -> str:
    """The identity's one line (or its status) for an export; "" when there is none."""
    identity = getattr(obj, "_cma_company", None)
    if identity is None:
        return ""
    return identity.summary or str(identity.get_status_display())
