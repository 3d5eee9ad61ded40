"""``CallbackRequestBlock``: the click-to-call form editors drop into any page body.

The block lives in core because StreamField definitions must not depend on
INSTALLED_APPS (DESIGN.md rule 2). When ``cma_wagtail.callbacks`` is installed the
block asks that app's block-support adapter for its form and intake status;
otherwise it shows the chamber's phone number and opening hours only.

The team is chosen with :class:`CallbackTeamChooserBlock`, a chooser whose model the
callbacks' adapter gives lazily: with the app absent it becomes an inert hidden
input that keeps whatever id is stored, so pages still load, validate and save.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..capabilities import block_support

__all__ = ["CallbackRequestBlock", "CallbackTeamChooserBlock", "TOPIC_CHOICES", "form_anchor"]


def form_anchor(block_id: str) -> str:
    """The id of a callback form's section, which every "Be called back" link targets."""
    return f"cma-callback-{block_id or 'form'}"


#: Fixed topics an artisan may pick (values are stored in requests: never rename them).
TOPIC_CHOICES = [
    ("cash_flow", _("Cash flow and bank")),
    ("state_aid", _("State aid")),
    ("employment", _("Employees and short-time work")),
    ("health_rules", _("Health and safety rules")),
    ("training", _("Training")),
    ("other", _("Other")),
]
TOPIC_VALUES = [value for value, _label in TOPIC_CHOICES]


def opening_lines(chamber) -> list[str]:
    """Human lines of the chamber's opening hours: "lundi, mardi : 8 h 30 – 12 h"."""
    if chamber is None:
        return []
    from ..opening_hours import WEEKDAYS
    from ..typography import format_time_range

    names = dict(WEEKDAYS)
    lines = []
    for child in chamber.opening_hours or []:
        period = child.value
        days = ", ".join(str(names[d]) for d in sorted(period["days"]))
        hours = format_time_range(period["opens"], period["closes"])
        lines.append(_("%(days)s: %(hours)s") % {"days": days, "hours": hours})
    return lines


class CallbackTeamChooserBlock(blocks.ChooserBlock):
    """Snippet chooser of the callbacks' teams (the model comes from the app's adapter) that
    degrades without the app."""

    def __init__(self, required=False, **kwargs):
        super().__init__(required=required, **kwargs)

    @property
    def target_model(self):
        support = block_support("cma_callbacks")
        return support.chooser_model("team") if support is not None else None

    @property
    def model_class(self):
        return self.target_model

    @cached_property
    def widget(self):
        if self.target_model is None:
            return forms.HiddenInput()
        from wagtail.snippets.widgets import AdminSnippetChooser

        return AdminSnippetChooser(self.target_model, icon="group")

    @cached_property
    def field(self):
        if self.target_model is None:
            return forms.CharField(required=False, widget=self.widget)
        return super().field

    def to_python(self, value):
        if self.target_model is None:
            return value
        return super().to_python(value)

    def bulk_to_python(self, values):
        if self.target_model is None:
            return list(values)
        return super().bulk_to_python(values)

    def get_prep_value(self, value):
        if isinstance(value, models.Model):
            return value.pk
        return value or None

    def value_from_form(self, value):
        if self.target_model is None:
            return value or None
        return super().value_from_form(value)

    def get_form_state(self, value):
        if self.target_model is None:
            return self.get_prep_value(value)
        return super().get_form_state(value)

    def clean(self, value):
        if self.target_model is None:
            return value
        return super().clean(value)

    def extract_references(self, value):
        if self.target_model is None:
            return  # nothing to index without the app (Wagtail's reference index)
        yield from super().extract_references(value)

    def get_api_representation(self, value, context=None):
        return None  # which team handles requests is internal

    class Meta:
        icon = "group"


class CallbackRequestBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=120, default=_("Be called back by an adviser")
    )
    intro = blocks.TextBlock(label=_("Introduction"), required=False, max_length=600)
    topics = blocks.MultipleChoiceBlock(
        label=_("Topics the artisan may choose"),
        choices=TOPIC_CHOICES,
        default=TOPIC_VALUES,
        widget=forms.CheckboxSelectMultiple,
    )
    ask_preferred_slot = blocks.BooleanBlock(
        label=_("Ask for a preferred time slot"), required=False, default=True
    )
    team = CallbackTeamChooserBlock(
        label=_("Team"),
        help_text=_(
            "The team that receives these requests. Without one, requests go to every team "
            "serving this site and the notification to the chamber's email address."
        ),
    )
    success_message = blocks.TextBlock(
        label=_("Success message"),
        required=False,
        max_length=600,
        help_text=_("Shown after sending; when to expect the call is added automatically."),
    )

    class Meta:
        icon = "mobile-alt"
        label = _("Callback request form")
        template = "cma_wagtail/blocks/callback_request_block.html"
        description = _("A form for artisans to leave their number and be called back.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = context.get("request")
        chamber = None
        if request is not None:
            from ..models import ChamberSettings

            chamber = ChamberSettings.for_request(request)
        context["chamber"] = chamber
        context["opening_lines"] = opening_lines(chamber)
        context["block_id"] = context.get("block_id") or context.get("id") or ""
        support = block_support("cma_callbacks")
        context["callbacks_installed"] = support is not None
        if support is not None:
            context.update(
                support.block_context("callback_request", value, context, chamber=chamber)
            )
        return context

    def get_api_schema(self):
        from ..api.block_schemas import CmaCallbackRequestBlock

        return CmaCallbackRequestBlock

    def get_api_representation(self, value, context=None):
        support = block_support("cma_callbacks")
        submit_url = support.form_url("callback_request") if support is not None else None
        labels = dict(TOPIC_CHOICES)
        return {
            "heading": value.get("heading"),
            "intro": value.get("intro"),
            "topics": [
                {"value": topic, "label": str(labels.get(topic, topic))}
                for topic in value.get("topics") or []
            ],
            "ask_preferred_slot": bool(value.get("ask_preferred_slot")),
            "success_message": value.get("success_message"),
            "submit_url": submit_url,
            "api_submit_url": json_submit_url(support, "callback_request"),
        }


def json_submit_url(support, kind: str) -> str | None:
    """The JSON endpoint taking a form block's submissions, from its capability's adapter
    (None when the capability or API v3 is not installed)."""
    path = support.api_form_path(kind) if support is not None else None
    if not path:
        return None
    from ..api.v3 import api_url

    return api_url(path)
