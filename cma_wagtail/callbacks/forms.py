"""The public callback form and the agents' workflow forms.

The public form is built from a block's settings (topics, slot question) and knows
nothing of HTTP: the flow validates with it for the HTML view and the JSON API alike.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cma_wagtail.blocks.callback import TOPIC_CHOICES
from cma_wagtail.forms import AntiSpamFormMixin, PhoneNumberField, PostcodeField, SiretField

from .constants import CallOutcome, CloseOutcome, Slot
from .models import MAX_BUSINESS, MAX_MESSAGE, MAX_NAME, MAX_TRADE

ALL_TOPICS = frozenset(value for value, _label in TOPIC_CHOICES)

#: How far ahead an artisan may pick a day.
MAX_DAYS_AHEAD = 30


class CallbackRequestForm(AntiSpamFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=MAX_NAME, widget=forms.TextInput({"autocomplete": "name"})
    )
    business_name = forms.CharField(
        label=_("Business name"),
        max_length=MAX_BUSINESS,
        required=False,
        widget=forms.TextInput({"autocomplete": "organization"}),
    )
    phone = PhoneNumberField(
        label=_("Phone number"),
        help_text=_("The number we should call, for example 06 12 34 56 78."),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        help_text=_("Optional: we send you an acknowledgement."),
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    trade = forms.CharField(
        label=_("Trade"),
        max_length=MAX_TRADE,
        required=False,
        help_text=_("For example baker, hairdresser, plumber."),
    )
    postcode = PostcodeField(label=_("Postcode of the business"), required=False)
    siret = SiretField(label=_("SIRET number"), required=False)
    topic = forms.ChoiceField(
        label=_("What is it about?"), choices=TOPIC_CHOICES, widget=forms.RadioSelect
    )
    preferred_slot = forms.ChoiceField(
        label=_("When should we call you?"),
        choices=Slot.choices,
        initial=Slot.ASAP,
        widget=forms.RadioSelect,
        required=False,
    )
    preferred_date = forms.DateField(
        label=_("Day of your choice"),
        required=False,
        help_text=_("Only if you chose “on a day of my choice”: a day when we are open."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=MAX_MESSAGE,
        required=False,
        help_text=_("In a few words, what you need (1,000 characters at most)."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the chamber uses these details to call me back."),
        error_messages={"required": _("Tick the box to agree to be called back.")},
    )

    #: What the call needs, asked first; the others are folded away (``<details>``), and
    #: the consent closes the form.
    primary_field_names = ("name", "phone", "topic")
    optional_field_names = (
        "business_name",
        "siret",
        "postcode",
        "trade",
        "email",
        "preferred_slot",
        "preferred_date",
        "message",
    )
    field_order = [*primary_field_names, *optional_field_names, "consent"]

    def __init__(self, *args, block_value=None, chamber=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.block_value = block_value or {}
        self.chamber = chamber
        allowed = set(self.block_value.get("topics") or ())
        if allowed and allowed != ALL_TOPICS:  # else the field's own choices: every topic
            self.fields["topic"].choices = [(v, lbl) for v, lbl in TOPIC_CHOICES if v in allowed]
        if len(self.fields["topic"].choices) == 1:
            self.fields["topic"].initial = self.fields["topic"].choices[0][0]
        if not self.block_value.get("ask_preferred_slot", True):
            del self.fields["preferred_slot"]
            del self.fields["preferred_date"]

    def primary_fields(self):
        return [self[name] for name in self.primary_field_names if name in self.fields]

    def optional_fields(self):
        return [self[name] for name in self.optional_field_names if name in self.fields]

    def optional_fields_open(self) -> bool:
        """Unfold the optional fields when one of them has an error or a typed value."""
        for bound in self.optional_fields():
            if bound.errors:
                return True
            if self.is_bound and bound.name not in ("preferred_slot", "preferred_date"):
                if (bound.value() or "") != "":
                    return True
        return False

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def _slot(self) -> str:
        return self.cleaned_data.get("preferred_slot") or Slot.ASAP

    def clean_preferred_date(self):
        day = self.cleaned_data.get("preferred_date")
        if day is None or self._slot() != Slot.DAY:
            return None
        today = timezone.localdate()
        if day < today or day > today + dt.timedelta(days=MAX_DAYS_AHEAD):
            raise ValidationError(
                _("Choose a day between today and %(days)s days from now."),
                params={"days": MAX_DAYS_AHEAD},
                code="out_of_range",
            )
        if self.chamber is not None and self.chamber.opening_hours:
            open_days = {
                int(d) for child in self.chamber.opening_hours for d in child.value["days"]
            }
            if day.weekday() not in open_days:
                raise ValidationError(
                    _("We are closed that day: please choose another one."), code="closed_day"
                )
        return day

    def clean(self):
        # Before the anti-spam checks, which may raise: the slot decides about the date.
        cleaned = self.cleaned_data
        slot = self._slot()
        if "preferred_slot" in self.fields:
            cleaned["preferred_slot"] = slot
            if slot != Slot.DAY:
                # Shown without JavaScript, the day is ignored unless that slot is chosen:
                # whatever it holds (even a day that is not one) is no one's mistake.
                self._errors.pop("preferred_date", None)
                cleaned["preferred_date"] = None
            elif not cleaned.get("preferred_date") and not self.has_error("preferred_date"):
                self.add_error(
                    "preferred_date", ValidationError(_("Choose the day."), code="required")
                )
        else:
            cleaned["preferred_slot"] = Slot.ASAP
            cleaned["preferred_date"] = None
        return super().clean()


class AttemptForm(forms.Form):
    at = forms.DateTimeField(
        label=_("When"),
        initial=lambda: timezone.localtime().replace(second=0, microsecond=0),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=CallOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at > timezone.now() + dt.timedelta(minutes=5):
            raise ValidationError(_("A call cannot be recorded in the future."), code="future")
        return at


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=CloseOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignForm(forms.Form):
    """Give the request to a colleague of its team (the choices: its team's members)."""

    to = forms.ModelChoiceField(label=_("Colleague"), queryset=None, empty_label=None)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        # Any active user may be named: the service refuses one outside the team, in words.
        self.fields["to"].queryset = get_user_model().objects.filter(is_active=True)
        if members is not None:
            self.fields["to"].choices = [
                (user.pk, user.get_full_name() or user.get_username()) for user in members
            ]


class ScheduleForm(forms.Form):
    """A time agreed with the artisan: the request comes back into the queue then."""

    at = forms.DateTimeField(
        label=_("Call on"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"],
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DetailsForm(forms.Form):
    """The artisan's details as the agent corrects them on the phone."""

    name = forms.CharField(label=_("Name"), required=False, max_length=MAX_NAME)
    business_name = forms.CharField(
        label=_("Business name"), required=False, max_length=MAX_BUSINESS
    )
    phone = PhoneNumberField(label=_("Phone"))
    email = forms.EmailField(label=_("Email"), required=False)
    trade = forms.CharField(label=_("Trade"), required=False, max_length=MAX_TRADE)
    postcode = PostcodeField(label=_("Postcode"), required=False)
    siret = SiretField(label=_("SIRET"), required=False)
