from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from rest_framework.fields import CharField, IntegerField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable

from .themes import Format


class TrainingSession(Orderable):
    """One dated occurrence of a training, with its own seats.

    Seats are never stored: they are counted from the registrations (annotated in
    listings by :mod:`cma_wagtail.trainings.queries`), so that publishing the page (which
    rewrites its inline sessions from the revision) never loses a seat count.
    """

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("session status", "Open")
        CANCELLED = "cancelled", _("Cancelled")

    page = ParentalKey(
        "cma_trainings.TrainingPage", related_name="sessions", on_delete=models.CASCADE
    )
    start = models.DateTimeField(_("starts at"))
    end = models.DateTimeField(_("ends at"))
    format = models.CharField(
        _("format"),
        max_length=10,
        choices=[(Format.REMOTE, Format.REMOTE.label), (Format.ONSITE, Format.ONSITE.label)],
        default=Format.REMOTE,
    )
    place = models.CharField(
        _("place"),
        max_length=255,
        blank=True,
        help_text=_("Address of the room; leave empty for a videoconference."),
    )
    visio_link = models.URLField(
        _("private videoconference link"),
        max_length=500,
        blank=True,
        help_text=_("Never shown on the site or in the API: sent only to confirmed participants."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Number of seats; leave empty to use the training's default capacity."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to accept registrations until the session starts."),
    )

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("capacity"), FieldPanel("status")]),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("visio_link"), FieldPanel("registration_deadline")],
            heading=_("Place and registration"),
        ),
    ]
    # The visio link and the registrations are deliberately absent; the fields of
    # ``serializers.session_data`` (the training page's ``upcoming_sessions`` in v2), under
    # the same names, should Wagtail serialize a session on its own.
    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("format"),
        APIField("place", serializer=CharField(source="public_place", read_only=True)),
        APIField("status"),
        APIField("registration_deadline"),
        APIField("capacity", serializer=IntegerField(source="effective_capacity", read_only=True)),
        APIField("seats_left"),
        APIField("is_full"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        from cma_wagtail.typography import format_datetime

        return f"{self.page.title} – {format_datetime(self.start)}"

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("A session ends after it starts.")})
        if self.registration_deadline and self.start and self.registration_deadline > self.start:
            raise ValidationError(
                {"registration_deadline": _("Registrations must close before the session starts.")}
            )

    def save(self, *args, **kwargs):
        if self.capacity is None and self.page_id:
            self.capacity = self.page.default_capacity
        super().save(*args, **kwargs)

    # Seats -----------------------------------------------------------------------------
    @property
    def effective_capacity(self) -> int:
        if hasattr(self, "annotated_capacity"):
            return self.annotated_capacity
        if self.capacity is not None:
            return self.capacity
        return self.page.default_capacity

    @property
    def confirmed_count(self) -> int:
        if hasattr(self, "annotated_confirmed"):
            return self.annotated_confirmed
        return self.registrations.filter(status="confirmed").count()

    @property
    def waiting_count(self) -> int:
        if hasattr(self, "annotated_waiting"):
            return self.annotated_waiting
        return self.registrations.filter(status="waiting").count()

    @property
    def seats_left(self) -> int:
        """Seats still free (0 when full); annotated in listings, counted otherwise."""
        if hasattr(self, "annotated_seats_left"):
            return self.annotated_seats_left
        return max(self.effective_capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.seats_left <= 0

    # Registration window ---------------------------------------------------------------
    @property
    def registration_closes_at(self):
        return self.registration_deadline or self.start

    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return not self.is_cancelled() and now < self.registration_closes_at

    @property
    def is_remote(self) -> bool:
        return self.format == Format.REMOTE

    @property
    def public_place(self) -> str:
        """What the public sees as the place: never the private link."""
        if self.place:
            return self.place
        return str(_("Videoconference")) if self.is_remote else ""

    def get_register_url(self) -> str:
        return reverse("cma_trainings:register", args=[self.pk])

    def get_ics_url(self) -> str:
        return reverse("cma_trainings:session_ics", args=[self.pk])
