"""Form fields and the anti-spam mixin shared by every public form of the package."""

from __future__ import annotations

import copy
import time

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .conf import settings as cma_settings
from .validators import normalize_siret, to_e164, validate_postcode, validate_siret

TIMESTAMP_SALT = "cma_wagtail.forms.started"


class TelInput(forms.TextInput):
    input_type = "tel"


class PhoneNumberField(forms.CharField):
    """Accepts any usual way of writing a number; cleans to E.164 (``+33381212223``)."""

    widget = TelInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        return attrs

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return ""
        return to_e164(value)


class SiretInput(forms.TextInput):
    """A text input that, when the company look-ups are on, tells ``cma_wagtail.js`` where
    to confirm the SIRET (read at render time: settings and URLs may change)."""

    def get_context(self, name, value, attrs):
        return super().get_context(name, value, {**(attrs or {}), **company_lookup_attrs()})


class SiretField(forms.CharField):
    default_validators = [validate_siret]
    widget = SiretInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "help_text", _("14 digits, on your Kbis or on annuaire-entreprises.data.gouv.fr.")
        )
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        return attrs

    def to_python(self, value):
        return normalize_siret(super().to_python(value))


def company_lookup_attrs() -> dict[str, str]:
    """What ``cma_wagtail.js`` needs to show "Company found: …" once a SIRET is typed.

    Nothing when the look-ups are off or the v3 API is not mounted: the form is the same,
    and it never needs the answer (progressive enhancement).
    """
    from django.urls import NoReverseMatch, reverse

    from .companies import is_enabled

    if not is_enabled():
        return {}
    try:
        url = reverse("wagtailapi_v3:cma_company", kwargs={"siret": "SIRET"})
    except NoReverseMatch:
        return {}
    return {
        "data-cma-company-url": url,
        "data-cma-company-found": _("Company found:"),
        "data-cma-company-closed": _("this establishment is closed"),
        "data-cma-company-unknown": _(
            "The public directory does not know this SIRET: please check it."
        ),
    }


class PostcodeField(forms.CharField):
    default_validators = [validate_postcode]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 5)
        kwargs.setdefault("min_length", 5)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "numeric", "autocomplete": "postal-code"})
        return attrs


def timestamp_token(started: float | None = None) -> str:
    """The time trap's signed timestamp (now, unless ``started`` is given)."""
    return signing.dumps(time.time() if started is None else started, salt=TIMESTAMP_SALT)


_HONEYPOT_FIELD = forms.CharField(
    required=False,
    label=_("Leave this field empty"),
    widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
)
_TIMESTAMP_FIELD = forms.CharField(
    required=False,
    widget=forms.HiddenInput,
    initial=timestamp_token,  # signed when a form is displayed, not when posted
)


class AntiSpamFormMixin(forms.Form):
    """Honeypot + time trap, and the ``CMA_WAGTAIL_SPAM_CHECK`` hook (e.g. a captcha).

    The honeypot is a text field that people never see (hidden by CSS and from
    assistive technologies) but naive bots fill in. The time trap refuses forms
    posted faster than a person can type or older than ``MAX_FORM_AGE``.
    Rate limiting needs the request and lives in :mod:`cma_wagtail.ratelimit`.
    """

    honeypot_field_name = "website"

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        super().__init__(*args, **kwargs)
        # Added last (after the form's own fields), copied as Django copies declared fields.
        self.fields[self.honeypot_field_name] = copy.deepcopy(_HONEYPOT_FIELD)
        self.fields["form_started"] = copy.deepcopy(_TIMESTAMP_FIELD)

    @property
    def spam_field_names(self) -> tuple[str, str]:
        return (self.honeypot_field_name, "form_started")

    def visible_public_fields(self):
        return [f for f in self.visible_fields() if f.name not in self.spam_field_names]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(self.honeypot_field_name):
            raise ValidationError(
                _("Your request could not be sent. Please call us instead."), code="spam"
            )
        self._check_timestamp(cleaned.get("form_started"))
        hook = cma_settings.SPAM_CHECK
        if hook:
            import_string(hook)(self.request, self)
        return cleaned

    def _check_timestamp(self, token: str | None) -> None:
        try:
            started = float(
                signing.loads(token or "", salt=TIMESTAMP_SALT, max_age=cma_settings.MAX_FORM_AGE)
            )
        except (signing.BadSignature, TypeError, ValueError) as exc:
            raise ValidationError(
                _("This form has expired. Please check your answers and send it again."),
                code="expired",
            ) from exc
        if time.time() - started < cma_settings.MIN_FILL_SECONDS:
            raise ValidationError(
                _("This form was sent too quickly. Please check your answers and send it again."),
                code="too_fast",
            )

    def refresh_timestamp(self) -> None:
        """Give a re-displayed form a fresh timestamp so that the artisan can resend it."""
        if self.is_bound:
            data = self.data.copy()
            data[self.add_prefix("form_started")] = timestamp_token(
                time.time() - cma_settings.MIN_FILL_SECONDS
            )
            self.data = data
