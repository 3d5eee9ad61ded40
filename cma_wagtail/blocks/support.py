"""What core's blocks ask a capability: one adapter per capability, :class:`BlockSupport`.

A capability names its adapter in its AppConfig (``CapabilityConfig.block_support``); core
gets it through :func:`cma_wagtail.capabilities.block_support` and never imports the app.
Every core block that shows a capability's data goes through it: the listing blocks
(choices of their filters, items, the JSON of an item, the card template), the key figures
(live counts) and the form blocks (callback request, crisis news alerts: their context and
their form's address).

``kind`` names what a block asks for (``"news"``, ``"topics"``, ``"sessions"``…), so that
one capability can serve several blocks; the adapter answers the kinds it knows.
"""

from __future__ import annotations

import datetime as dt

from django.utils.deconstruct import deconstructible

__all__ = ["BlockSupport", "CapabilityChoices", "is_editor_view", "live_count", "site_for"]


class BlockSupport:
    """Base of a capability's adapter; every method has a harmless default.

    Subclasses set :attr:`card_templates` (and :attr:`card_item_names` when a card template
    calls its item something else than ``item``) and override what their blocks need.
    """

    #: listing kind → template of one item's card (in the capability's templates).
    card_templates: dict[str, str] = {}
    #: listing kind → name of the item in its card template (besides ``item``).
    card_item_names: dict[str, str] = {}
    #: the values of ``KeyFigureBlock.live_source`` this capability counts.
    live_sources: tuple[str, ...] = ()

    def __init__(self, app_config=None):
        self.app_config = app_config

    # Listing blocks ---------------------------------------------------------------------

    def choices(self, kind: str) -> list[tuple[str, str]]:
        """``[(value, label)]`` of a filter (a topic, a category…), read when the form shows."""
        return []

    def items(self, kind: str, value, request=None) -> list:
        """The objects a listing block of ``kind`` shows for its ``value`` (a StructValue),
        visible on the request's site, at most ``value["number"]``."""
        return []

    def item_data(self, kind: str, item, request=None) -> dict:
        """The public JSON of one item (API representation of the block): no personal data."""
        return {"id": item.pk}

    def card_template(self, kind: str) -> str:
        return self.card_templates[kind]

    def card_item_name(self, kind: str) -> str:
        return self.card_item_names.get(kind, "item")

    def listing_context(self, kind: str, value, request=None) -> dict:
        """Extra context of a listing block's template (e.g. the time zone of its dates)."""
        return {}

    # Key figures ------------------------------------------------------------------------

    def live_count(self, source: str, since: dt.date, site=None) -> int | None:
        """The current count of one of :attr:`live_sources`, None if unknown."""
        return None

    # Form blocks (callback request, alerts, proposals) ---------------------------------

    def block_context(self, kind: str, value, context, **kwargs) -> dict:
        """What a form block adds to its template's context (its form, its status…)."""
        return {}

    def form_url(self, kind: str, request=None) -> str | None:
        """The HTML form's address of a form block, None when it takes nothing now."""
        return None

    def api_form_path(self, kind: str) -> str | None:
        """The API v3 path (under ``/api/v3/``) taking a form block's submissions, or None."""
        return None

    def chooser_model(self, kind: str):
        """The model a chooser block of ``kind`` picks (e.g. a team), or None."""
        return None


def _support(app_label: str):
    from ..capabilities import block_support

    return block_support(app_label)


@deconstructible(path="cma_wagtail.blocks.support.CapabilityChoices")
class CapabilityChoices:
    """The callable ``choices`` of a filter: asks the capability's adapter, [] without it.

    Deconstructible, so a site's own StreamField migrations name it without naming the app.
    """

    def __init__(self, app_label: str, kind: str):
        self.app_label, self.kind = app_label, kind

    def __call__(self) -> list[tuple[str, str]]:
        support = _support(self.app_label)
        return support.choices(self.kind) if support is not None else []

    def __eq__(self, other):
        return isinstance(other, CapabilityChoices) and (self.app_label, self.kind) == (
            other.app_label,
            other.kind,
        )

    def __hash__(self):
        return hash((self.app_label, self.kind))


def live_count(source: str, since: dt.date, site=None) -> int | None:
    """The count of ``source`` by the installed capability that declares it, else None."""
    from ..capabilities import capability_configs

    for config in capability_configs():
        support = config.get_block_support()
        if support is not None and source in support.live_sources:
            return support.live_count(source, since, site=site)
    return None


def is_editor_view(context) -> bool:
    """True in the block picker's preview, a page preview, or for a user of the admin."""
    context = context or {}
    if context.get("block_def") is not None:  # Wagtail's block preview
        return True
    request = context.get("request")
    if request is None:
        return False
    if getattr(request, "is_preview", False):
        return True
    user = getattr(request, "user", None)
    return bool(
        user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin")
    )


def site_for(request):
    """The Wagtail site of the request (cached on it by Wagtail), or None."""
    if request is None:
        return None
    from wagtail.models import Site

    return Site.find_for_request(request)
