"""The alert subscription form and the preferences form (HTML and JSON share them)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cma_wagtail.forms import AntiSpamFormMixin

from .models import NewsTopic, Pace


class TopicsField(forms.ModelMultipleChoiceField):
    """Topics by slug; none ticked means every topic, today's and tomorrow's."""

    default_error_messages = {
        "invalid_choice": _("“%(value)s” is not one of the topics offered."),
        "invalid_pk_value": _("“%(pk)s” is not one of the topics offered."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", NewsTopic.objects.all())
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("label", _("Topics"))
        kwargs.setdefault("help_text", _("Tick none to receive every topic."))
        super().__init__(**kwargs)


class PreferencesForm(forms.Form):
    topics = TopicsField()
    pace = forms.ChoiceField(
        label=_("Pace"),
        choices=Pace.choices,
        initial=Pace.URGENT_AT_ONCE,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the paces offered.")},
    )

    @classmethod
    def initial_for(cls, subscriber) -> dict:
        topics = [] if subscriber.all_topics else list(subscriber.topics.all())
        return {"topics": topics, "pace": subscriber.pace}


class SubscriptionForm(AntiSpamFormMixin, PreferencesForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter a valid email address, like nom@exemple.fr."),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the chamber keeps my email address to send me these alerts, as "
            "described below."
        ),
        error_messages={"required": _("Tick the box to agree to receive the alerts.")},
    )

    field_order = ["email", "topics", "pace", "consent"]

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()
