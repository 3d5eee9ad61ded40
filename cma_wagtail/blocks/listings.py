"""Blocks that list what a capability publishes: latest news, initiatives, training sessions.

They live in core because StreamField definitions must not depend on INSTALLED_APPS
(DESIGN.md rule 2). Each asks its capability for data through that app's own public query
function, imported lazily inside the methods and only when
:func:`cma_wagtail.capabilities.is_installed` says the app is there. Without the app a
block renders nothing for visitors (a short note in previews and for editors) and an empty
``items`` list in the API.

Filters that name a capability's objects (a news topic, a category, a training) are stored
as plain values (slug or id) in a :class:`DatabaseChoiceBlock`, never as a chooser whose
model would have to exist.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..capabilities import is_installed
from . import listing_data as data
from .representation import PREVIEW_TEMPLATE

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
    """Base of the listing blocks: which app they need, how they list, and their fallbacks.

    Subclasses set ``app_label``, ``unavailable_note`` (for editors when the app is absent)
    and implement :meth:`get_items` (objects for the template) and :meth:`item_data` (the
    JSON of one item, without personal data).
    """

    app_label = ""
    unavailable_note = _("This block shows nothing: its application is not installed.")

    def is_available(self) -> bool:
        return is_installed(self.app_label)

    def get_items(self, value, request=None) -> list:
        raise NotImplementedError

    def item_data(self, item, request=None) -> dict:
        raise NotImplementedError

    def safe_items(self, value, request=None) -> list:
        return self.get_items(value, request) if self.is_available() else []

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = context.get("request")
        context["available"] = self.is_available()
        context["items"] = self.safe_items(value, request)
        context["show_note"] = not context["available"] and data.is_editor_view(parent_context)
        context["unavailable_note"] = self.unavailable_note
        context["block_id"] = context.get("block_id") or context.get("id") or ""
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
        data.news_topic_choices,
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

    def get_items(self, value, request=None) -> list:
        return data.latest_news(value, request)

    def item_data(self, item, request=None) -> dict:
        return data.news_item_data(item, request)

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
        data.initiative_category_choices,
        "cma_initiatives",
        label=_("Category"),
        help_text=_("Only the initiatives of this category. Leave empty for every category."),
    )

    app_label = "cma_initiatives"
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

    def get_items(self, value, request=None) -> list:
        return data.latest_initiatives(value, request)

    def item_data(self, item, request=None) -> dict:
        return data.initiative_item_data(item, request)

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
        data.training_choices,
        "cma_trainings",
        label=_("Training"),
        help_text=_("Only the sessions of this training. Leave empty for every training."),
    )

    app_label = "cma_trainings"
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

    def get_items(self, value, request=None) -> list:
        return data.upcoming_sessions(value, request)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["time_zone"] = data.session_time_zone()
        return context

    def item_data(self, item, request=None) -> dict:
        return data.session_item_data(item, request)

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
        (``initiatives.services.get_proposal_index``): the form would only say so.
        """
        if not is_installed("cma_initiatives"):
            return None
        try:
            url = reverse("cma_initiatives:propose")
        except NoReverseMatch:  # the app is installed but its URLs are not mounted
            return None
        from cma_wagtail.initiatives.services import get_proposal_index

        if get_proposal_index(data.site_for(request)) is None:
            return None
        return url

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["url"] = self.get_url(context.get("request"))
        context["show_note"] = context["url"] is None and data.is_editor_view(parent_context)
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
