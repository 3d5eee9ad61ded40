"""The public flows of news alerts: subscribe, confirm, change preferences, unsubscribe.

The HTML views and the v3 endpoints call these and only render the
:class:`~cma_wagtail.flows.Outcome`. Subscribing answers ``pending`` whatever the address:
a new one gets the confirmation email, an unconfirmed one a fresh confirmation, a
confirmed one an email saying so (with its preferences link), so the answer never tells
anyone whether an address is subscribed.
"""

from __future__ import annotations

import math

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cma_wagtail import ratelimit
from cma_wagtail.conf import settings as cma_settings
from cma_wagtail.flows import Outcome
from cma_wagtail.visibility import request_site

from . import emails
from .forms import PreferencesForm, SubscriptionForm
from .models import Subscriber
from .signals import subscription_confirmed
from .tokens import BadLink, LinkError, read_confirm_token, read_manage_token


def subscribe(request, data) -> Outcome:
    """Validate and store a subscription, and queue its confirmation (or notice) email."""
    form = SubscriptionForm(data, request=request)
    limited = ratelimit.hit(
        "news_alerts:ip", ratelimit.client_ip(request), tuple(cma_settings.RATE_LIMIT_PER_IP)
    )
    if not limited.allowed:
        return _rate_limited(limited.retry_after)
    if not form.is_valid():
        return Outcome.invalid(form)
    email = form.cleaned_data["email"]
    limited = ratelimit.hit(
        "news_alerts:email", email, tuple(cma_settings.CRISIS_NEWS_ALERTS_RATE_LIMIT_PER_EMAIL)
    )
    if not limited.allowed:
        return _rate_limited(limited.retry_after)
    base_url = emails.base_url_for(request=request)
    try:
        with transaction.atomic():
            _store(form.cleaned_data, request_site(request), base_url)
    except IntegrityError:  # the same address sent twice at once: the first one stored it
        with transaction.atomic():
            _store(form.cleaned_data, request_site(request), base_url)
    return Outcome.done("pending")


def _store(cleaned: dict, site, base_url: str) -> None:
    subscriber = Subscriber.objects.select_for_update().filter(email=cleaned["email"]).first()
    if subscriber is not None and subscriber.is_confirmed:
        # Someone else may have typed this address: change nothing, tell its owner.
        emails.queue_already_subscribed(subscriber, base_url)
        return
    if subscriber is None:
        subscriber = Subscriber(email=cleaned["email"])
    subscriber.site = site
    subscriber.consent_at = timezone.now()
    subscriber.created_at = timezone.now()
    _apply_preferences(subscriber, cleaned)
    emails.queue_confirmation(subscriber, base_url)


def _apply_preferences(subscriber: Subscriber, cleaned: dict) -> None:
    topics = list(cleaned.get("topics") or [])
    subscriber.all_topics = not topics
    subscriber.pace = cleaned["pace"]
    subscriber.save()
    subscriber.topics.set(topics)


def confirm(token: str) -> Outcome:
    """Follow a confirmation link: the subscription starts (again: nothing changes)."""
    try:
        key = read_confirm_token(token)
    except BadLink as exc:
        return _bad_link(exc.reason)
    started = Subscriber.objects.filter(key=key, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    subscriber = Subscriber.objects.filter(key=key).first()
    if subscriber is None:  # unsubscribed or purged since: the link is dead
        return _bad_link(LinkError.EXPIRED)
    if started:
        transaction.on_commit(
            lambda: subscription_confirmed.send_robust(sender=Subscriber, subscriber=subscriber)
        )
    return Outcome.done("confirmed", subscriber)


def subscriber_for_link(token: str) -> Subscriber | Outcome:
    """The subscriber of a preferences/unsubscribe link, or the outcome to show instead."""
    try:
        key = read_manage_token(token)
    except BadLink as exc:
        return _bad_link(exc.reason)
    subscriber = Subscriber.objects.filter(key=key).first()
    if subscriber is None:
        return Outcome.closed(
            "unsubscribed",
            _("This address is no longer subscribed. You can subscribe again at any time."),
            status=410,
        )
    return subscriber


def update_preferences(token: str, data) -> Outcome:
    subscriber = subscriber_for_link(token)
    if isinstance(subscriber, Outcome):
        return subscriber
    form = PreferencesForm(data)
    if not form.is_valid():
        return Outcome.invalid(form)
    with transaction.atomic():
        _apply_preferences(subscriber, form.cleaned_data)
    return Outcome.done("updated", subscriber)


def unsubscribe(token: str) -> Outcome:
    """One click: the address is deleted (deliveries keep their counts, not the address).

    Following the link again answers the same: mail clients may post it twice.
    """
    try:
        key = read_manage_token(token)
    except BadLink as exc:
        return _bad_link(exc.reason)
    subscriber = Subscriber.objects.filter(key=key).first()
    if subscriber is not None:
        delete_subscriber(subscriber)
    return Outcome.done("unsubscribed")


def delete_subscriber(subscriber: Subscriber) -> None:
    """Forget an address: the row, and its emails still in the outbox (sent ones too)."""
    from cma_wagtail.outbox.models import OutgoingEmail

    with transaction.atomic():
        OutgoingEmail.for_object(subscriber).exclude(status=OutgoingEmail.Status.SENDING).delete()
        subscriber.delete()


def _bad_link(reason: LinkError) -> Outcome:
    if reason is LinkError.EXPIRED:
        return Outcome.closed(
            str(reason),
            _("This link has expired. Subscribe again: you will receive a new link."),
            status=410,
        )
    return Outcome.closed(
        str(reason),
        _("This link is not valid. Copy the whole address from the email, or subscribe again."),
        status=400,
    )


def _rate_limited(retry_after: int) -> Outcome:
    minutes = max(1, math.ceil(retry_after / 60))
    return Outcome.rate_limited(
        retry_after,
        ngettext(
            "Too many subscription requests in a short time. Please try again in %(minutes)d "
            "minute.",
            "Too many subscription requests in a short time. Please try again in %(minutes)d "
            "minutes.",
            minutes,
        )
        % {"minutes": minutes},
    )
