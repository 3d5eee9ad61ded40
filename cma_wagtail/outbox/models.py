"""Outbox models: what must leave the site (emails, webhooks, purges of the shared cache),
stored before it is sent."""

from __future__ import annotations

import datetime as dt
import logging

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..conf import settings as cma_settings
from ..text import one_line

#: Where the shared cache's purges are logged (as cma_wagtail.caching does).
purge_logger = logging.getLogger("cma_wagtail.caching")

header_safe = one_line  # subjects, addresses and file names of the emails


class Delivery(models.Model):
    """Status bookkeeping shared by every outbox (see :mod:`cma_wagtail.outbox.delivery`)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed, will be retried")

    SENDABLE = (Status.PENDING, Status.FAILED)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def deliver(self) -> None:
        """Send this item; raise on failure. Called at most once per attempt, under a claim."""
        raise NotImplementedError

    @classmethod
    def attempt_limit(cls, max_attempts: int | None = None) -> int | None:
        """Most attempts an item gets (``max_attempts``: the retry run's own bound)."""
        return max_attempts

    @classmethod
    def retryable(cls, max_attempts: int, now):
        """What a retry run may send ``now``: pending or failed, below ``max_attempts``."""
        return cls.objects.filter(status__in=cls.SENDABLE, attempts__lt=max_attempts)

    def on_failure(self) -> None:
        """Called once a failed attempt is recorded (e.g. to schedule the next one)."""


class OutgoingEmail(Delivery):
    """An email waiting to be sent, sent, or failed.

    Queued by :func:`cma_wagtail.outbox.queue_email` with a ``template_name`` and a JSON
    ``context``, and rendered when it is sent (see :mod:`cma_wagtail.outbox.emails`): the
    request that queues it writes one row and renders nothing. ``subject`` and ``body`` hold
    what was sent.
    """

    kind = models.CharField(_("kind"), max_length=50, blank=True)
    to = models.JSONField(_("recipients"), default=list)
    reply_to = models.JSONField(_("reply to"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"), blank=True)
    template_name = models.CharField(_("template"), max_length=200, blank=True)
    #: Only on rows queued before the templates were named without their extension.
    html_template_name = models.CharField(_("HTML template"), max_length=200, blank=True)
    context = models.JSONField(_("template context"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=15, blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    #: Extra message headers, e.g. ``List-Unsubscribe`` (RFC 2369) and its one-click
    #: ``List-Unsubscribe-Post`` (RFC 8058) on every mailing.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, null=True, blank=True)
    related_object = GenericForeignKey("content_type", "object_id")

    class Meta(Delivery.Meta):
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"

    @classmethod
    def for_object(cls, obj):
        return cls.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )

    def message_id(self) -> str:
        """The same ``Message-ID`` at every attempt: a retry after a worker died between the
        mail server's "250 OK" and the row's ``sent`` (the one case the outbox cannot tell
        apart from a failure) is recognisable as the same message by the receiving side."""
        from email.utils import parseaddr

        from django.conf import settings

        domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
        return f"<cma-outbox-{self.pk}.{self.created_at:%Y%m%d%H%M%S}@{domain}>"

    def deliver(self) -> None:
        from django.conf import settings
        from django.core.mail import EmailMultiAlternatives

        from .emails import render

        subject, body, html = render(self)
        if (subject, body) != (self.subject, self.body):
            # Rendered once: a retry sends the same text, and the inbox shows what was sent.
            self.subject, self.body = subject, body
            type(self).objects.filter(pk=self.pk).update(subject=subject, body=body)
        # Cleaned again when sent: rows queued by older versions, or written directly.
        email = EmailMultiAlternatives(
            subject=header_safe(self.subject),
            body=self.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[header_safe(address) for address in self.to],
            reply_to=[header_safe(address) for address in self.reply_to] or None,
            headers={
                "Message-ID": self.message_id(),
                **{name: header_safe(value) for name, value in self.headers.items()},
            },
        )
        if html:
            email.attach_alternative(html, "text/html")
        for filename, content, mimetype in self.attachments:
            email.attach(header_safe(filename), content, mimetype)
        email.send(fail_silently=False)


class WebhookDelivery(Delivery):
    """One signed POST of a content event to one endpoint of ``CMA_WAGTAIL_WEBHOOKS``."""

    url = models.URLField(_("URL"), max_length=500)
    event = models.CharField(_("event"), max_length=50)
    payload = models.JSONField(_("payload"))

    class Meta(Delivery.Meta):
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self) -> str:
        return f"{self.event} → {self.url}"

    def deliver(self) -> None:
        from ..webhooks import post_signed

        post_signed(self)


def retry_delays() -> list[int]:
    """Seconds to wait before each retry of a failed purge (``CMA_WAGTAIL_PURGE_RETRY_SECONDS``)."""
    return [int(seconds) for seconds in cma_settings.PURGE_RETRY_SECONDS]


class FrontendCachePurge(Delivery):
    """URLs to purge from the frontend caches of ``WAGTAILFRONTENDCACHE``.

    Stored with the change that makes pages stale (in the publishing transaction), sent by
    a task once it commits, like an email; a purge the cache refuses stays ``failed``,
    counted by ``manage.py cma_status`` and retried after each of
    ``CMA_WAGTAIL_PURGE_RETRY_SECONDS`` (:mod:`cma_wagtail.caching.sending`).

    ``urls`` and ``backends`` are what is left to purge: after a failure, only the URLs and
    the backends that failed (a purge is idempotent, so a retry of a superset is harmless).
    """

    reason = models.CharField(_("reason"), max_length=255, blank=True)
    urls = models.JSONField(_("URLs"), default=list)
    #: Names in ``WAGTAILFRONTENDCACHE``; empty: every configured backend.
    backends = models.JSONField(_("backends"), default=list, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

    class Meta(Delivery.Meta):
        verbose_name = _("frontend cache purge")
        verbose_name_plural = _("frontend cache purges")

    def __str__(self) -> str:
        return f"{self.reason or 'purge'} ({len(self.urls)} URLs)"

    # Outbox protocol ----------------------------------------------------------------------
    @classmethod
    def attempt_limit(cls, max_attempts: int | None = None) -> int:
        """The first attempt and one per retry delay (never more than ``max_attempts``)."""
        limit = len(retry_delays()) + 1
        return limit if max_attempts is None else min(limit, max_attempts)

    @classmethod
    def retryable(cls, max_attempts: int, now: dt.datetime):
        """Not before its next attempt is due: the backoff holds for ``cma_send_outbox`` too."""
        return (
            super()
            .retryable(max_attempts, now)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        )

    @classmethod
    def given_up(cls):
        """Failed at every attempt: its pages are left to expire (``max-age``)."""
        return cls.objects.filter(status=cls.Status.FAILED, attempts__gte=cls.attempt_limit())

    def deliver(self) -> None:
        from ..caching.sending import purge_urls

        failure = purge_urls(self.urls, self.backends or None)
        if failure is not None:
            # Only what failed is tried again.
            self.urls, self.backends = failure.urls, failure.backends
            type(self).objects.filter(pk=self.pk).update(urls=self.urls, backends=self.backends)
            raise failure

    def on_failure(self) -> None:
        """Schedule the next attempt after the backoff, or give up past the last one."""
        delays = retry_delays()
        if self.attempts > len(delays):
            purge_logger.error(
                "Frontend cache purge %s given up after %d attempts (%d URLs); its pages "
                "expire after their max-age.",
                self.pk,
                self.attempts,
                len(self.urls),
            )
            type(self).objects.filter(pk=self.pk).update(next_attempt_at=None)
            return
        self.next_attempt_at = timezone.now() + dt.timedelta(seconds=delays[self.attempts - 1])
        type(self).objects.filter(pk=self.pk).update(next_attempt_at=self.next_attempt_at)
        from ..caching.sending import enqueue_retry

        enqueue_retry(self)
