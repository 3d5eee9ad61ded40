"""The baseline of the callback benchmark: a bare Django view validating an equivalent form
(the same fields and choices with Django's plain fields, phone parsed with libphonenumber)
and inserting one row, nothing else: no spam checks, rate limits, intake rules, page or
block lookup, merge of repeats, notifications."""

from __future__ import annotations

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views.decorators.csrf import csrf_protect

from cma_wagtail.blocks.callback import TOPIC_CHOICES
from cma_wagtail.callbacks.constants import Slot
from cma_wagtail.callbacks.models import CallbackRequest


class BareCallbackForm(forms.Form):
    name = forms.CharField(max_length=150)
    business_name = forms.CharField(max_length=150, required=False)
    phone = forms.CharField(max_length=32)
    email = forms.EmailField(required=False)
    trade = forms.CharField(max_length=100, required=False)
    postcode = forms.CharField(max_length=5, required=False)
    siret = forms.CharField(max_length=20, required=False)
    topic = forms.ChoiceField(choices=TOPIC_CHOICES, widget=forms.RadioSelect)
    preferred_slot = forms.ChoiceField(
        choices=Slot.choices, widget=forms.RadioSelect, required=False
    )
    preferred_date = forms.DateField(required=False)
    message = forms.CharField(max_length=1000, required=False)
    consent = forms.BooleanField()

    def clean_phone(self):
        try:
            number = phonenumbers.parse(self.cleaned_data["phone"], "FR")
        except phonenumbers.NumberParseException as exc:
            raise ValidationError("invalid") from exc
        if not phonenumbers.is_valid_number(number):
            raise ValidationError("invalid")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@csrf_protect
def bare_callback_view(request):
    form = BareCallbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        now = timezone.now()
        data["consent_at"] = now if data.pop("consent") else None
        data["preferred_slot"] = data["preferred_slot"] or Slot.ASAP
        CallbackRequest.objects.create(**data, created_at=now, last_submitted_at=now)
        return HttpResponseRedirect("/?callback=sent", status=303)
    return HttpResponse(form.errors.as_ul(), status=200)
