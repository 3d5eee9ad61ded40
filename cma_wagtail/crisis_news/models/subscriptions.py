"""Email alerts: who subscribed to which topics, and what each was sent.

A :class:`Subscriber` is stored when the form is sent and confirmed by the signed link of
its confirmation email (double opt-in): nothing is sent to an unconfirmed address, and
unsubscribing deletes the row. A :class:`NewsAlert` is one announcement of a page (its
first publication, or a republication with "notify subscribers" ticked); its
:class:`AlertDelivery` rows, unique per subscriber, are what makes a retried or repeated
fan-out never write a second email to the same person. Deliveries outlive their
subscriber (``subscriber`` set to NULL): the counts stay, the address goes.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .topics import NewsTopic


class Pace(models.TextChoices):
    URGENT_AT_ONCE = "urgent_at_once", _("Urgent news at once, the rest in a weekly digest")
    WEEKLY = "weekly", _("Everything in a weekly digest")


def new_key() -> str:
    """The secret that the subscriber's signed links carry (never shown in the admin)."""
    return secrets.token_urlsafe(24)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> SubscriberQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self) -> SubscriberQuerySet:
        return self.filter(confirmed_at__isnull=True)

    def for_topics(self, topic_ids: list[int]) -> SubscriberQuerySet:
        """Subscribers of every topic, or of one of ``topic_ids`` (one row each: EXISTS, no
        join, so that the fan-out's batches stay one simple query)."""
        through = Subscriber.topics.through
        wanted = Exists(through.objects.filter(subscriber=OuterRef("pk"), newstopic__in=topic_ids))
        return (
            self.filter(Q(all_topics=True) | wanted) if topic_ids else self.filter(all_topics=True)
        )


class Subscriber(models.Model):
    email = models.EmailField(_("email"), unique=True)
    key = models.CharField(max_length=40, unique=True, default=new_key, editable=False)
    all_topics = models.BooleanField(_("all topics"), default=True)
    topics = models.ManyToManyField(
        NewsTopic, verbose_name=_("topics"), blank=True, related_name="subscribers"
    )
    pace = models.CharField(
        _("pace"), max_length=20, choices=Pace.choices, default=Pace.URGENT_AT_ONCE
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("subscribed at"), auto_now_add=True, db_index=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, db_index=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("news alert subscriber")
        verbose_name_plural = _("news alert subscribers")

    def __str__(self) -> str:
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def state_label(self) -> str:
        if self.is_confirmed:
            return str(pgettext_lazy("subscriber", "Confirmed"))
        return str(_("Waiting for confirmation"))

    def topics_label(self) -> str:
        """Names of the topics (from the prefetch cache of the admin's list)."""
        if self.all_topics:
            return str(_("All topics"))
        return ", ".join(topic.name for topic in self.topics.all())

    # Column headings of the back-office list and export.
    state_label.short_description = _("State")
    topics_label.short_description = _("Topics")


class NewsAlert(models.Model):
    """One announcement of a page to its topics' subscribers."""

    page = models.ForeignKey(
        "cma_crisis_news.CrisisNewsPage",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    #: The published revision announced: one alert per revision, however often the
    #: ``page_published`` signal fires for it.
    revision_id = models.PositiveBigIntegerField(null=True, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    fanned_out_at = models.DateTimeField(_("written to the outbox at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("news alert")
        verbose_name_plural = _("news alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "revision_id"], name="cma_news_alert_once_per_revision"
            )
        ]

    def __str__(self) -> str:
        return str(self.page)


class AlertDelivery(models.Model):
    """One subscriber's copy of one alert: written at once, or waiting for the digest."""

    alert = models.ForeignKey(NewsAlert, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(
        Subscriber, null=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    in_digest = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    #: When its email (the alert's, or the digest's) was written to the outbox.
    queued_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("alert delivery")
        verbose_name_plural = _("alert deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "subscriber"], name="cma_news_alert_delivery_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.alert} → {self.subscriber_id or '-'}"
