"""What the public company directory says of the business behind a person's request."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import labels


class CompanyIdentity(models.Model):
    """The identity of the business of one request (a callback request, a registration…).

    Linked through a generic relation: core never knows the capabilities' models, one
    table serves them all, and a capability that is not installed leaves no foreign key
    behind. Public data about a business, but attached to a person's request: it follows
    that request's retention (:func:`cma_wagtail.companies.forget`).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Looking up")
        FOUND = "found", _("Found")
        NOT_FOUND = "not_found", _("Unknown to the directory")
        FAILED = "failed", _("Lookup failed")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    related_object = GenericForeignKey("content_type", "object_id")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    name = models.CharField(_("name"), max_length=255, blank=True)
    naf_code = models.CharField(_("NAF/APE code"), max_length=6, blank=True)
    naf_label = models.CharField(_("activity"), max_length=255, blank=True)
    legal_form_code = models.CharField(_("legal form code"), max_length=4, blank=True)
    legal_form_label = models.CharField(_("legal form"), max_length=255, blank=True)
    category = models.CharField(_("company category"), max_length=3, blank=True)
    created_on = models.DateField(_("created on"), null=True, blank=True)
    address = models.CharField(_("establishment address"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    is_individual_entrepreneur = models.BooleanField(_("individual entrepreneur"), default=False)
    is_closed = models.BooleanField(_("establishment closed"), default=False)
    looked_up_at = models.DateTimeField(_("looked up at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=255, blank=True)
    attached_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attached by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("company identity")
        verbose_name_plural = _("company identities")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="cma_company_identity_one_per_object"
            )
        ]
        indexes = [models.Index(fields=["status", "looked_up_at"])]

    def __str__(self) -> str:
        return self.name or self.siret

    @property
    def not_found(self) -> bool:
        return self.status == self.Status.NOT_FOUND

    @property
    def is_found(self) -> bool:
        return self.status == self.Status.FOUND

    @property
    def legal_form_short(self) -> str:
        """ "EI", "SARL"… as agents say it; the full wording when the code has no short form."""
        return labels.legal_form(self.legal_form_code)[0] or self.legal_form_label

    @property
    def activity(self) -> str:
        """ "Boulangerie et boulangerie-pâtisserie (10.71C)", or the code alone."""
        if self.naf_label and self.naf_code:
            return f"{self.naf_label} ({self.naf_code})"
        return self.naf_code

    @property
    def summary(self) -> str:
        """One line for an agent: name — activity, legal form, year of creation, commune."""
        if not self.is_found:
            return ""
        details = [self.activity, self.legal_form_short]
        if self.created_on:
            details.append(_("created in %(year)s") % {"year": self.created_on.year})
        details.append(self.commune)
        text = ", ".join(str(part) for part in details if part)
        return f"{self.name} — {text}" if text else self.name
