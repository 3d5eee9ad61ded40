"""Form fields and the anti-spam mixin shared by every public form of the package."""

from __future__ import annotations

import copy
import hashlib
import json
import secrets
import time

from django import forms
from django.core import signing
from django.core.cache import caches
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .conf import settings as cma_settings
from .ratelimit import client_ip, hash_value
from .validators import (
    normalize_postcode,
    normalize_siret,
    to_callable_e164,
    validate_no_control_characters,
    validate_postcode,
    validate_single_line,
    validate_siret,
)

TIMESTAMP_SALT = "cma_wagtail.forms.started"
#: Default of PhoneNumberField's policy arguments: read the settings when cleaning.
FROM_SETTINGS = "from settings"


class TelInput(forms.TextInput):
    input_type = "tel"


class PhoneNumberField(forms.CharField):
    """A number the chamber may call back, written any usual way; cleans to E.164 (``+33381212223``).

    Only the countries and number types of ``CMA_WAGTAIL_PHONE_ALLOWED_REGIONS`` and
    ``CMA_WAGTAIL_PHONE_ALLOWED_TYPES`` are accepted (no premium-rate or satellite number to
    call back). A form with another policy passes ``allowed_regions`` / ``allowed_types``
    (``None``: any).
    """

    widget = TelInput

    def __init__(self, *, allowed_regions=FROM_SETTINGS, allowed_types=FROM_SETTINGS, **kwargs):
        kwargs.setdefault("max_length", 30)
        self.allowed_regions = allowed_regions
        self.allowed_types = allowed_types
        super().__init__(**kwargs)

    def get_allowed_regions(self):
        if self.allowed_regions == FROM_SETTINGS:
            return cma_settings.PHONE_ALLOWED_REGIONS
        return self.allowed_regions

    def get_allowed_types(self):
        if self.allowed_types == FROM_SETTINGS:
            return cma_settings.PHONE_ALLOWED_TYPES
        return self.allowed_types

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        return attrs

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return ""
        return to_callable_e164(value, self.get_allowed_regions(), self.get_allowed_types())


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

    def to_python(self, value):
        return normalize_postcode(super().to_python(value))


EXPIRED_MESSAGE = _("This form has expired. Please check your answers and send it again.")


def timestamp_token(started: float | None = None) -> str:
    """The time trap's signed token: when the form was shown (now, unless ``started`` is
    given) and a random nonce, so that two tokens are never the same and each can be spent
    once."""
    payload = {"t": time.time() if started is None else started, "n": secrets.token_urlsafe(9)}
    return signing.dumps(payload, salt=TIMESTAMP_SALT)


def token_max_age() -> int:
    """Seconds a token stays valid: the oldest cached copy of a page a visitor can be given
    (``PUBLIC_CACHE_MAX_AGE``) plus the time they may take to fill the form in
    (``MAX_FORM_AGE``)."""
    return int(cma_settings.MAX_FORM_AGE) + int(cma_settings.PUBLIC_CACHE_MAX_AGE)


def _token_time(token: str) -> float:
    """When the token was issued; raises BadSignature, KeyError, TypeError or ValueError."""
    payload = signing.loads(token, salt=TIMESTAMP_SALT, max_age=token_max_age())
    if isinstance(payload, dict):  # {"t": …, "n": …}; a bare number from older releases
        payload = payload["t"]
    return float(payload)


def _fingerprint_default(value):
    if isinstance(value, UploadedFile):
        return [value.name, value.size]
    return str(value)


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


class SafeTextFormMixin(forms.Form):
    """Refuse text that cannot be stored, displayed or mailed as it was typed.

    Every text field refuses control characters (NUL, escape…: Django already refuses NUL)
    and lone surrogates; one-line fields (any widget but a ``Textarea``) also refuse line
    breaks, which would split an email header or a page title. Done here once, so that every
    public form of the package (and a site's own) gets it by inheriting this mixin.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            self.add_text_validators(field)

    @staticmethod
    def add_text_validators(field: forms.Field) -> None:
        if not isinstance(field, forms.CharField):
            return
        field.validators.append(validate_no_control_characters)
        if not isinstance(field.widget, forms.Textarea):
            field.validators.append(validate_single_line)


class AntiSpamFormMixin(SafeTextFormMixin, forms.Form):
    """Honeypot + time trap, and the ``CMA_WAGTAIL_SPAM_CHECK`` hook (e.g. a captcha).

    The honeypot is a text field that people never see (hidden by CSS and from
    assistive technologies) but naive bots fill in. The time trap refuses forms
    posted faster than a person can type or older than :func:`token_max_age`, and its token
    is spent by the first submission accepted with it from an address (recorded in the
    rate-limit cache): the
    same submission validated again (a wizard's last check, a double click) passes, another
    one is refused as expired. Rate limiting needs the request and lives in
    :mod:`cma_wagtail.ratelimit`.
    """

    honeypot_field_name = "website"

    def __init__(self, *args, request=None, **kwargs):
        self.request = request
        self._started_token = None
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

    def full_clean(self):
        super().full_clean()
        if self.is_bound and not self._errors and self._started_token:
            self._spend_token(self._started_token)
        if self.has_error(NON_FIELD_ERRORS, "expired"):
            self.refresh_timestamp()  # so that the form shown again can be sent again

    def _check_timestamp(self, token: str | None) -> None:
        try:
            started = _token_time(token or "")
        except (signing.BadSignature, TypeError, ValueError, KeyError) as exc:
            raise ValidationError(EXPIRED_MESSAGE, code="expired") from exc
        if time.time() - started < cma_settings.MIN_FILL_SECONDS:
            raise ValidationError(
                _("This form was sent too quickly. Please check your answers and send it again."),
                code="too_fast",
            )
        self._started_token = token

    def _spend_token(self, token: str) -> None:
        """Record the token as spent on this submission; refuse it if another one spent it.

        Spent *by this client address*: a page served from a shared cache gives one token
        to all its visitors (docs/caching.md), each of whom may send the form once with it,
        while one address replaying it is refused. ``cache.add`` is atomic: of two
        submissions racing with one token from one address, one wins.
        """
        cache = caches[cma_settings.RATE_LIMIT_CACHE]
        client = hash_value(client_ip(self.request)) if self.request is not None else ""
        spent_key = hashlib.sha256(f"{token}|{client}".encode()).hexdigest()
        key = "cma_wagtail:form-token:" + spent_key
        fingerprint = self._submission_fingerprint()
        spent = cache.add(key, fingerprint, timeout=token_max_age())
        if not spent and cache.get(key) != fingerprint:
            self.add_error(None, ValidationError(EXPIRED_MESSAGE, code="expired"))

    def _submission_fingerprint(self) -> str:
        """A digest of what was submitted in this form's fields (the token excepted)."""
        values = {
            name: field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            for name, field in self.fields.items()
            if name != "form_started"
        }
        encoded = json.dumps(values, sort_keys=True, default=_fingerprint_default)
        return hashlib.sha256(encoded.encode()).hexdigest()

    def refresh_timestamp(self) -> None:
        """Give a re-displayed form a fresh token so that the artisan can resend it.

        Fresh means issued now: the artisan reads the errors and corrects them, which takes
        longer than ``MIN_FILL_SECONDS``.
        """
        if self.is_bound:
            data = self.data.copy()
            data[self.add_prefix("form_started")] = timestamp_token()
            self.data = data
