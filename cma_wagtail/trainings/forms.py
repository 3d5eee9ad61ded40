"""The three steps of the registration wizard."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cma_wagtail.forms import AntiSpamFormMixin, PhoneNumberField, SafeTextFormMixin, SiretField

from .diagnostic import CASH_POSITIONS, DIFFICULTIES, QUESTIONS, labelled_answers
from .models import Registration


class ParticipantForm(AntiSpamFormMixin, forms.Form):
    """Step 1: the participant and the business."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The confirmation and the connection details are sent there."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PhoneNumberField(label=_("Phone number"), help_text=_("For example 06 12 34 56 78."))
    business_name = forms.CharField(
        label=_("Business name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    siret = SiretField(label=_("SIRET number"))
    trade = forms.CharField(
        label=_("Trade"), max_length=150, help_text=_("For example baker, hairdresser, plumber.")
    )
    legal_form = forms.ChoiceField(
        label=_("Legal form"), choices=Registration.LegalForm.choices, widget=forms.RadioSelect
    )
    employees = forms.IntegerField(
        label=_("Number of employees"),
        min_value=0,
        max_value=9999,
        initial=0,
        help_text=_("Not counting yourself."),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class DiagnosticForm(SafeTextFormMixin, forms.Form):
    """Step 2: a short diagnostic of the business, the starting point of the module."""

    difficulties = forms.MultipleChoiceField(
        label=QUESTIONS["difficulties"],
        choices=DIFFICULTIES,
        widget=forms.CheckboxSelectMultiple,
    )
    cash_position = forms.ChoiceField(
        label=QUESTIONS["cash_position"], choices=CASH_POSITIONS, widget=forms.RadioSelect
    )
    expectations = forms.CharField(
        label=QUESTIONS["expectations"],
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def labelled_answers(self) -> list[tuple[str, str]]:
        return labelled_answers(self.cleaned_data)


class ConsentForm(SafeTextFormMixin, forms.Form):
    """Step 3: review the answers and accept the processing of personal data."""

    consent = forms.BooleanField(
        label=_(
            "I agree that the chamber uses this information to organise the training "
            "and to contact me about it."
        ),
        error_messages={"required": _("Tick this box to register.")},
    )
