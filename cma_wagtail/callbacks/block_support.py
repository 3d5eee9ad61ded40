"""What core's blocks ask this app, through :class:`CallbacksBlockSupport`: the form of
``CallbackRequestBlock`` (kind ``callback_request``), its team chooser (kind ``team``) and
the key figures' live count of artisans called back.

Core reaches it only through the adapter, when this app is installed; the bound form of a failed POST reaches the block through
``request.cma_callback_forms[block_id]`` (set by :mod:`.views`).
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from cma_wagtail.blocks.callback import form_anchor
from cma_wagtail.blocks.support import BlockSupport

from .confirmation import read_confirmation
from .forms import CallbackRequestForm
from .intake import expected_call_text, intake_status
from .services import resolve_team

#: Query string the submit view redirects to: ?callback=sent&cb=<block id> (a repeat request
#: gets the same answer as a new one, see ``flows``).
RESULT_PARAM = "callback"
BLOCK_PARAM = "cb"
#: The random reference of the confirmation to show (:mod:`.confirmation`).
REF_PARAM = "ref"


def form_prefix(block_id: str) -> str | None:
    """Field names are prefixed by the block id so that several forms share a page; without
    a block id (the JSON API) the plain field names are used."""
    return f"cb-{block_id}" if block_id else None


def anchor(block_id: str) -> str:
    return form_anchor(block_id)


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
    query = request.GET if request is not None else {}
    # The confirmation replaces the form (no second form to send twice); on a page holding
    # several forms, the others point to it.
    sent_block = query.get(BLOCK_PARAM) if query.get(RESULT_PARAM) in ("sent", "merged") else None
    result = "sent" if sent_block == block_id else ""
    status = intake_status(chamber, resolve_team(value.get("team")))
    form = None
    if status.open and sent_block is None:  # closed: the phone and the next opening instead
        forms_by_block = getattr(request, "cma_callback_forms", {}) if request else {}
        form = forms_by_block.get(block_id) or build_form(
            value, chamber=chamber, request=request, block_id=block_id
        )
    submit_url = context.get("callback_submit_url")
    if not submit_url:
        try:
            submit_url = reverse("cma_callbacks:submit")
        except NoReverseMatch:
            submit_url = ""
    confirmation = read_confirmation(query.get(REF_PARAM, ""), chamber) if result else None
    return {
        "form": form,
        "intake": status,
        "page_id": getattr(page, "pk", "") or "",
        "submit_url": submit_url,
        "result": result,
        "confirmation": confirmation,
        "sent_elsewhere": anchor(sent_block) if sent_block is not None and not result else "",
        "expected_call": expected_call_text(chamber) if result and not confirmation else "",
        "anchor": anchor(block_id),
        "again_url": (request.path if request is not None else "") + "#" + anchor(block_id),
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
