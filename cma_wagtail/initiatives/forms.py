"""The filter form of the index and the public proposal form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField

from ..conf import settings as cma_settings
from ..forms import AntiSpamFormMixin, PhoneNumberField, PostcodeField, SiretField
from .models import InitiativeCategory

#: Photo formats accepted from the public (never SVG: it can carry scripts).
PROPOSAL_IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp")


class InitiativeFilterForm(forms.Form):
    """Only renders the filters (GET); the page reads and checks the values itself."""

    category = forms.ChoiceField(label=_("Category"), required=False)
    departement = forms.ChoiceField(label=_("Département"), required=False)
    q = forms.CharField(label=_("Search"), required=False, max_length=100, widget=forms.SearchInput)

    def __init__(self, *args, categories=(), departements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [
            (c.slug, c.name) for c in categories
        ]
        self.fields["departement"].choices = [("", _("All départements"))] + list(departements)


class ProposalImageField(WagtailImageField):
    """Wagtail's image checks (real format read by Willow/Pillow, pixel count) with our limits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = [self._check_extension]
        self.configure()

    def configure(self) -> None:
        """Read the limits from the settings (again for each form: settings may change)."""
        self.allowed_image_extensions = list(PROPOSAL_IMAGE_EXTENSIONS)
        self.supported_formats_text = ", ".join(PROPOSAL_IMAGE_EXTENSIONS[1:]).upper()
        self.max_upload_size = int(cma_settings.PROPOSAL_MAX_IMAGE_MB * 1024 * 1024)
        self.max_upload_size_text = filesizeformat(self.max_upload_size)
        self.error_messages["invalid_image_extension"] = _(
            "Send a photo in one of these formats: %(formats)s."
        ) % {"formats": self.supported_formats_text}
        self.error_messages["invalid_image"] = _(
            "This file is not a photo we can read. Send a JPEG, PNG or WEBP image."
        )
        self.error_messages["file_too_large"] = _(
            "This photo is too big (%(file_size)s): the maximum is %(max_filesize)s."
        )
        self.help_text = _("Optional. JPEG, PNG or WEBP, %(size)s at most.") % {
            "size": self.max_upload_size_text
        }

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs

    def _check_extension(self, value) -> None:
        extension = (value.name or "").rsplit(".", 1)[-1].lower()
        if extension not in self.allowed_image_extensions:
            raise ValidationError(
                self.error_messages["invalid_image_extension"], code="invalid_image_extension"
            )


class InitiativeProposalForm(AntiSpamFormMixin):
    business_name = forms.CharField(
        label=_("Name of your business"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    siret = SiretField(label=_("SIRET number"), required=False)
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=255,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Kept private: only the chamber sees it."),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Kept private: the chamber writes to you here about your proposal."),
    )
    phone = PhoneNumberField(
        label=_("Your phone number"), required=False, help_text=_("Optional, kept private.")
    )
    town = forms.CharField(
        label=_("Town"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    postcode = PostcodeField(label=_("Postcode"))
    category = forms.ModelChoiceField(
        label=_("Kind of initiative"),
        queryset=InitiativeCategory.objects.all(),
        empty_label=_("Choose…"),
    )
    description = forms.CharField(
        label=_("Your initiative"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What you do, for whom, since when. It may be published once reviewed."),
    )
    photo = ProposalImageField(label=_("A photo"), required=False)
    photo_alt = forms.CharField(
        label=_("What the photo shows"),
        max_length=255,
        required=False,
        help_text=_("Needed with a photo, for people who cannot see it."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the chamber stores these details to review my proposal and contact "
            "me, and publishes the initiative (never my contact details) once reviewed."
        ),
        error_messages={"required": _("Tick this box so that we can review your proposal.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"].configure()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not (cleaned.get("photo_alt") or "").strip():
            self.add_error("photo_alt", _("Describe the photo in a few words."))
        return cleaned
