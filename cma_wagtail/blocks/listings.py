"""Blocks that list what a capability publishes: latest news, initiatives, training sessions.

They live in core because StreamField definitions must not depend on INSTALLED_APPS
(DESIGN.md rule 2). Each asks its capability's block-support adapter
(:class:`~cma_wagtail.blocks.support.BlockSupport`, declared by the app's
``CapabilityConfig.block_support``) for its items, their JSON and the template of one card;
core never imports the app. Without the app a block renders nothing for visitors (a short
note in previews and for editors) and an empty ``items`` list in the API.

Filters that name a capability's objects (a news topic, a category, a training) are stored
as plain values (slug or id) in a :class:`DatabaseChoiceBlock`, never as a chooser whose
model would have to exist.

A new capability lists its objects with a subclass of :class:`CapabilityListingBlock` that
sets ``app_label`` and ``kind`` (see docs/adding-a-capability.md).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..capabilities import block_support, is_installed
from . import listing_data as data
from .representation import PREVIEW_TEMPLATE
from .support import CapabilityChoices, is_editor_view

__all__ = [
    "DatabaseChoiceBlock",
    "CapabilityListingBlock",
    "LatestNewsBlock",
    "InitiativesBlock",
    "UpcomingSessionsBlock",
    "InitiativeProposalBlock",
]


class DatabaseChoiceBlock(blocks.ChoiceBlock):
    """A choice among a capability's objects, read from its table when the form is shown.

    ``choices`` is a callable returning ``[(value, label)]`` (empty without the app). The
    value is stored as is; without the app, or once the object is gone, the stored value is
    accepted unchanged so that pages still validate and save (the listing then shows
    nothing for it). Not indexed for search: that would query the choices for every page.
    """

    #: What the generated block reference says instead of listing database values.
    choices_from_database = True

    def __init__(self, choices, app_label: str, **kwargs):
        self.app_label = app_label
        kwargs.setdefault("required", False)
        kwargs["search_index"] = False
        # Deconstructs as a plain ChoiceBlock with the callable (Wagtail's rule for
        # ChoiceBlock subclasses), so a site's own StreamField migrations stay importable.
        super().__init__(choices=choices, **kwargs)

    def clean(self, value):
        if not value:
            return ""  # no filter: nothing to look up
        if not is_installed(self.app_label):
            return value
        return super().clean(value)

    def get_searchable_content(self, value):
        return []


def _number_block():
    return blocks.IntegerBlock(
        label=_("Number of items"),
        min_value=1,
        max_value=10,
        default=3,
        help_text=_("From 1 to 10."),
    )


class CapabilityListingBlock(blocks.StructBlock):
    """Base of the listing blocks: which app and listing they show, and their fallbacks.

    Subclasses set ``app_label`` (the capability), ``kind`` (what its adapter lists) and
    ``unavailable_note`` (for editors when the app is absent). Items, their JSON and the
    card template of one item come from the capability's adapter; the block's template
    (``cma_wagtail/blocks/listing_block.html`` by default) renders each item with
    ``{% cma_card item %}``.
    """

    app_label = ""
    kind = ""
    unavailable_note = _("This block shows nothing: its application is not installed.")
    empty_text = _("Nothing to show for now.")

    class Meta:
        template = "cma_wagtail/blocks/listing_block.html"

    def get_support(self):
        return block_support(self.app_label)

    def is_available(self) -> bool:
        return self.get_support() is not None

    def get_items(self, value, request=None) -> list:
        support = self.get_support()
        return support.items(self.kind, value, request) if support is not None else []

    def item_data(self, item, request=None) -> dict:
        return self.get_support().item_data(self.kind, item, request)

    def safe_items(self, value, request=None) -> list:
        return self.get_items(value, request) if self.is_available() else []

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = context.get("request")
        support = self.get_support()
        context["available"] = support is not None
        context["items"] = self.safe_items(value, request)
        context["show_note"] = not context["available"] and is_editor_view(parent_context)
        context["unavailable_note"] = self.unavailable_note
        context["empty_text"] = self.empty_text
        context["block_id"] = context.get("block_id") or context.get("id") or ""
        if support is not None:
            context["card_template"] = support.card_template(self.kind)
            context["card_item_name"] = support.card_item_name(self.kind)
            context.update(support.listing_context(self.kind, value, request))
        return context

    def get_api_representation(self, value, context=None):
        request = (context or {}).get("request")
        items = self.safe_items(value, request)
        return {
            "heading": str(value.get("heading") or ""),
            "available": self.is_available(),
            "items": [self.item_data(item, request) for item in items],
        }


class LatestNewsBlock(CapabilityListingBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, required=False, default=_("Latest news")
    )
    number = _number_block()
    topic = DatabaseChoiceBlock(
        CapabilityChoices("cma_crisis_news", "topics"),
        "cma_crisis_news",
        label=_("Topic"),
        help_text=_("Only the news of this topic. Leave empty for every topic."),
    )
    urgency = blocks.ChoiceBlock(
        label=_("Urgency"),
        choices=data.URGENCY_CHOICES,
        required=False,
        help_text=_("Only the news of this urgency. Leave empty for any urgency."),
    )
    hide_expired = blocks.BooleanBlock(
        label=_("Hide expired measures"), required=False, default=True
    )

    app_label = "cma_crisis_news"
    kind = "news"
    unavailable_note = _(
        "Latest news: nothing is shown because the crisis news application is not installed."
    )

    class Meta:
        icon = "doc-full"
        label = _("Latest news")
        template = "cma_wagtail/blocks/latest_news_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _(
            "The latest crisis news of the site, with their date, urgency and last check; "
            "optionally of one topic or urgency."
        )
        preview_value = {"heading": "Dernières actualités", "number": 3, "hide_expired": True}

    def get_api_schema(self):
        return data.schemas()["news"]


class InitiativesBlock(CapabilityListingBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        required=False,
        default=_("Artisans' initiatives"),
    )
    number = _number_block()
    category = DatabaseChoiceBlock(
        CapabilityChoices("cma_initiatives", "categories"),
        "cma_initiatives",
        label=_("Category"),
        help_text=_("Only the initiatives of this category. Leave empty for every category."),
    )

    app_label = "cma_initiatives"
    kind = "initiatives"
    unavailable_note = _(
        "Initiatives: nothing is shown because the initiatives application is not installed."
    )

    class Meta:
        icon = "group"
        label = _("Initiatives")
        template = "cma_wagtail/blocks/initiatives_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _("Cards of the latest artisans' initiatives, optionally of one category.")
        preview_value = {"heading": "Les artisans se mobilisent", "number": 3}

    def get_api_schema(self):
        return data.schemas()["initiatives"]


class UpcomingSessionsBlock(CapabilityListingBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        required=False,
        default=_("Upcoming training sessions"),
    )
    number = _number_block()
    training = DatabaseChoiceBlock(
        CapabilityChoices("cma_trainings", "trainings"),
        "cma_trainings",
        label=_("Training"),
        help_text=_("Only the sessions of this training. Leave empty for every training."),
    )

    app_label = "cma_trainings"
    kind = "sessions"
    unavailable_note = _(
        "Upcoming sessions: nothing is shown because the trainings application is not installed."
    )

    class Meta:
        icon = "date"
        label = _("Upcoming training sessions")
        template = "cma_wagtail/blocks/upcoming_sessions_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _(
            "The next training sessions still open for registration, with the seats left "
            "and a link to register."
        )
        preview_value = {"heading": "Prochaines sessions", "number": 3}

    def get_api_schema(self):
        return data.schemas()["sessions"]


class InitiativeProposalBlock(blocks.StructBlock):
    """An invitation to propose an initiative; hidden when the initiatives app is absent."""

    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, default=_("Tell us about your initiative")
    )
    text = blocks.TextBlock(label=_("Text"), max_length=600, required=False)
    button_label = blocks.CharBlock(
        label=_("Button label"), max_length=60, default=_("Propose an initiative")
    )

    class Meta:
        icon = "plus"
        label = _("Propose an initiative")
        template = "cma_wagtail/blocks/initiative_proposal_block.html"
        preview_template = PREVIEW_TEMPLATE
        description = _(
            "Invites artisans to propose their initiative through the chamber's form "
            "(moderated before publication)."
        )
        preview_value = {
            "heading": "Vous aussi, vous vous mobilisez ?",
            "text": "Masques, livraisons, bons d'achat : faites connaître votre initiative, "
            "la CMA la publie après relecture.",
            "button_label": "Proposer mon initiative",
        }

    def get_url(self, request=None) -> str | None:
        """The proposal form's address; None without the app or when proposals are closed.

        Proposals are closed when no initiatives index receives them for the request's site
        (the initiatives' adapter knows): the form would only say so.
        """
        support = block_support("cma_initiatives")
        return support.form_url("proposal", request) if support is not None else None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["url"] = self.get_url(context.get("request"))
        context["show_note"] = context["url"] is None and is_editor_view(parent_context)
        context["unavailable_note"] = _(
            "Propose an initiative: hidden because the initiatives application is not installed."
        )
        context["block_id"] = context.get("block_id") or context.get("id") or ""
        return context

    def get_api_representation(self, value, context=None):
        url = self.get_url((context or {}).get("request"))
        return {
            "heading": str(value.get("heading") or ""),
            "text": value.get("text") or "",
            "button_label": str(value.get("button_label") or ""),
            "url": url,
            "available": url is not None,
        }

    def get_api_schema(self):
        return data.schemas()["proposal"]
