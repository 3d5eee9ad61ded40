"""``InitiativeProposal``: who proposed an initiative, kept apart from the (public) page."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ...validators import format_phone_national


class InitiativeProposal(models.Model):
    """The private side of a public proposal: contact details, consent and origin.

    It is never shown on the page, in page templates or in the API; editors see it in the
    page editor (a read-only panel) and in the *Initiative proposals* listing. Deleting the
    page deletes it too (the contact was only kept to follow the proposal up).
    """

    page = models.OneToOneField(
        "cma_initiatives.InitiativePage",
        verbose_name=_("initiative page"),
        on_delete=models.CASCADE,
        related_name="proposal",
    )
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    business_name = models.CharField(_("business name"), max_length=255)
    contact_name = models.CharField(_("contact name"), max_length=255)
    email = models.EmailField(_("email address"))
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    town = models.CharField(_("town"), max_length=120)
    postcode = models.CharField(_("postcode"), max_length=5)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    description = models.TextField(_("description"))
    consent_at = models.DateTimeField(_("consent given at"))
    ip_hash = models.CharField(_("IP address (hashed)"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("initiative proposal")
        verbose_name_plural = _("initiative proposals")

    def __str__(self) -> str:
        return f"{self.business_name} ({self.town})"

    @property
    def phone_display(self) -> str:
        return format_phone_national(self.phone)
