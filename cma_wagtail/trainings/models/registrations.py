from __future__ import annotations

import dataclasses
import datetime as dt

from django.core import signing
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from cma_wagtail.validators import format_phone_national

CANCEL_SALT = "cma_trainings.registration.cancel"
CONFIRM_SALT = "cma_trainings.registration.confirm"


@dataclasses.dataclass(frozen=True)
class ConfirmationLink:
    """What a confirmation token says: whose registration, for which session, still valid."""

    registration_id: int
    session_id: int
    expired: bool


class Registration(models.Model):
    """One participant's seat (or place in the waiting list) for one session."""

    class Status(models.TextChoices):
        #: Submitted, email address not confirmed yet: holds no seat, expires.
        PENDING = "pending", _("Email not confirmed")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class LegalForm(models.TextChoices):
        MICRO = "micro", _("Micro-enterprise")
        EI = "ei", _("Sole proprietorship (EI)")
        EURL = "eurl", _("EURL")
        SARL = "sarl", _("SARL")
        SAS = "sas", _("SAS / SASU")
        OTHER = "other", _("Other")

    session = models.ForeignKey(
        "cma_trainings.TrainingSession",
        verbose_name=_("session"),
        related_name="registrations",
        # Editors should cancel a session, not delete it; if they do, keep the people.
        null=True,
        on_delete=models.SET_NULL,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, db_index=True, editable=False
    )
    created = models.DateTimeField(_("registered at"), default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email address"))
    phone = models.CharField(_("phone number"), max_length=20, help_text=_("E.164"))
    business_name = models.CharField(_("business name"), max_length=200)
    siret = models.CharField(_("SIRET"), max_length=14)
    trade = models.CharField(_("trade"), max_length=150)
    legal_form = models.CharField(_("legal form"), max_length=10, choices=LegalForm.choices)
    employees = models.PositiveSmallIntegerField(_("number of employees"), default=0)
    diagnostic = models.JSONField(_("diagnostic answers"), default=dict, blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["created", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One seat or waiting-list place per person (email, case-insensitive) and
            # session. Pending registrations hold nothing: a stranger's unconfirmed
            # submission with someone's address never blocks that person.
            models.UniqueConstraint(
                "session",
                Lower("email"),
                condition=models.Q(status__in=["confirmed", "waiting"]),
                name="cma_trainings_one_active_registration_per_email",
            )
        ]
        indexes = [models.Index(fields=["session", "status", "created"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def phone_display(self) -> str:
        return format_phone_national(self.phone)

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    # Confirmation of the email address ------------------------------------------------
    @staticmethod
    def confirmation_delay() -> dt.timedelta:
        """How long a pending registration waits for its confirmation (then it is purged)."""
        from cma_wagtail.conf import settings as cma_settings

        return dt.timedelta(hours=cma_settings.TRAININGS_CONFIRMATION_HOURS)

    @property
    def confirmation_token(self) -> str:
        # Timestamped: the link dies with the pending registration it confirms.
        return signing.dumps([self.pk, self.session_id], salt=CONFIRM_SALT, compress=True)

    def get_confirm_url(self) -> str:
        return reverse("cma_trainings:confirm", args=[self.confirmation_token])

    @classmethod
    def read_confirmation_token(cls, token: str) -> ConfirmationLink | None:
        """The link's registration and session, or None when the token was not signed by us.

        An expired token is still read (``expired=True``), so that its page can offer the
        way back to the session's registration form.
        """
        max_age = cls.confirmation_delay().total_seconds()
        expired = False
        try:
            value = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
        except signing.SignatureExpired:
            expired = True
            try:
                value = signing.loads(token, salt=CONFIRM_SALT)
            except signing.BadSignature:  # pragma: no cover (the signature just passed)
                return None
        except (signing.BadSignature, ValueError, TypeError):
            return None
        try:
            registration_id, session_id = (int(part) for part in value)
        except (TypeError, ValueError):
            return None
        return ConfirmationLink(registration_id, session_id, expired)

    @property
    def cancel_token(self) -> str:
        # Deterministic (no timestamp): the link in the email and in the back-office is the
        # same link, whenever it is generated.
        return signing.Signer(salt=CANCEL_SALT).sign_object(self.pk, compress=True)

    @classmethod
    def pk_from_token(cls, token: str) -> int | None:
        try:
            return int(signing.Signer(salt=CANCEL_SALT).unsign_object(token))
        except (signing.BadSignature, TypeError, ValueError):
            return None

    def get_diagnostic_display(self):
        """The diagnostic answers in words (used by the back-office's inspect view)."""
        from ..diagnostic import labelled_answers

        return format_html_join(
            "", "<p><strong>{}</strong><br>{}</p>", labelled_answers(self.diagnostic or {})
        )

    def get_cancel_url(self) -> str:
        return reverse("cma_trainings:cancel", args=[self.cancel_token])
