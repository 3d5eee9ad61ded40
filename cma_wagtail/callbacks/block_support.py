"""What core's blocks ask this app, through :class:`CallbacksBlockSupport`: the form of
``CallbackRequestBlock`` (kind ``callback_request``), its team chooser (kind ``team``) and
the key figures' live count of artisans called back.

Core reaches it only through the adapter, when this app is installed; the bound form of a failed POST reaches the block through
``request.cma_callback_forms[block_id]`` (set by :mod:`.views`).
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from cma_wagtail.blocks.support import BlockSupport

from .forms import CallbackRequestForm
from .intake import expected_call_text, intake_status
from .services import resolve_team

#: Query string the submit view redirects to: ?callback=sent&cb=<block id> (a repeat request
#: gets the same answer as a new one, see ``flows``).
RESULT_PARAM = "callback"
BLOCK_PARAM = "cb"


def form_prefix(block_id: str) -> str | None:
    """Field names are prefixed by the block id so that several forms share a page; without
    a block id (the JSON API) the plain field names are used."""
    return f"cb-{block_id}" if block_id else None


def anchor(block_id: str) -> str:
    return f"cma-callback-{block_id or 'form'}"


def build_form(block_value, *, data=None, chamber=None, request=None, block_id=""):
    return CallbackRequestForm(
        data,
        block_value=block_value,
        chamber=chamber,
        request=request,
        prefix=form_prefix(block_id),
    )


def get_block_context(value, context, chamber) -> dict:
    request = context.get("request")
    block_id = context.get("block_id") or ""
    page = context.get("page")
    status = intake_status(chamber, resolve_team(value.get("team")))
    form = None
    if status.open:  # closed: the block shows the phone number and the next opening instead
        forms_by_block = getattr(request, "cma_callback_forms", {}) if request else {}
        form = forms_by_block.get(block_id) or build_form(
            value, chamber=chamber, request=request, block_id=block_id
        )
    result = ""
    if request is not None and request.GET.get(BLOCK_PARAM) == block_id:
        result = request.GET.get(RESULT_PARAM, "")
        if result not in ("sent", "merged"):  # "merged": links sent before repeats said sent
            result = ""
        result = "sent" if result else ""
    try:
        submit_url = reverse("cma_callbacks:submit")
    except NoReverseMatch:
        submit_url = ""
    return {
        "form": form,
        "intake": status,
        "page_id": getattr(page, "pk", "") or "",
        "submit_url": submit_url,
        "result": result,
        "expected_call": expected_call_text(chamber) if result else "",
        "anchor": anchor(block_id),
    }


class CallbacksBlockSupport(BlockSupport):
    live_sources = ("callbacks_artisans_called_back",)

    def block_context(self, kind, value, context, **kwargs):
        if kind != "callback_request":
            return {}
        return get_block_context(value, context, kwargs.get("chamber"))

    def form_url(self, kind, request=None):
        if kind != "callback_request":
            return None
        try:
            return reverse("cma_callbacks:submit")
        except NoReverseMatch:
            return None

    def api_form_path(self, kind):
        return "cma/callback-requests/" if kind == "callback_request" else None

    def chooser_model(self, kind):
        if kind != "team":
            return None
        from .models import CallbackTeam

        return CallbackTeam

    def live_count(self, source, since, site=None):
        if source != "callbacks_artisans_called_back":
            return None
        from .stats import artisans_called_back_since

        return artisans_called_back_since(since, site=site)
