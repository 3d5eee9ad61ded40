"""The public intake of callback requests: the flow (``flows``, shared by the HTML view and
the JSON API) stores a submission through these, so the rules live in one place. The agents'
side (take, reassign, schedule, close…) is :mod:`.workflow`.

Every public submission is stored first; its emails are written to the outbox once it is
committed (a repeat submission: in the same transaction), and the
``callback_request_received`` signal goes out once it commits (see ``emails``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cma_wagtail import ratelimit
from cma_wagtail.conf import settings as cma_settings

from .constants import Action
from .emails import notify_on_commit, queue_notifications
from .models import CallbackAttempt, CallbackRequest, CallbackTeam
from .signals import callback_request_received

PERSONAL_FIELDS = ("name", "business_name", "email", "trade", "postcode", "siret")


def ip_allowed(ip: str) -> ratelimit.RateLimitResult:
    """Count one submission from this address (call it for every POST)."""
    return ratelimit.hit("callbacks:ip", ip, tuple(cma_settings.RATE_LIMIT_PER_IP))


def phone_allowed(phone: str) -> ratelimit.RateLimitResult:
    """Count one valid submission for this number."""
    return ratelimit.hit("callbacks:phone", phone, tuple(cma_settings.RATE_LIMIT_PER_PHONE))


def resolve_team(value) -> CallbackTeam | None:
    """The block stores a team instance (or a bare id when loaded without the model)."""
    if value is None or value == "":
        return None
    if isinstance(value, CallbackTeam):
        return value
    try:
        return CallbackTeam.objects.filter(pk=int(value)).first()
    except (TypeError, ValueError):
        return None


def _locked_open_request(phone: str) -> CallbackRequest | None:
    return CallbackRequest.objects.select_for_update().open().filter(phone=phone).first()


def submit_callback_request(
    block_settings: dict,
    cleaned_data: dict[str, Any],
    site=None,
    request_meta: dict[str, Any] | None = None,
) -> tuple[CallbackRequest, bool]:
    """Store a validated submission; return ``(request, merged)``.

    ``block_settings`` is the block's value (topics, team…: never the client's word);
    ``site`` the site that received the submission; ``request_meta`` may carry ``ip``
    (hashed here, never stored raw), ``page`` (or ``page_id``), ``block_id`` and
    ``chamber``. A number that already has an open request is merged into it, also when
    two submissions race: the open request counts one more submission and its history
    keeps what this one said (:func:`repeat_note`); its own details are left as they are,
    since whoever typed that number may not be the person who asked first.
    """
    meta = request_meta or {}
    from .routing import route

    team = route(
        postcode=cleaned_data.get("postcode") or "",
        block_team=resolve_team(block_settings.get("team")),
        site=site,
    )
    now = timezone.now()
    phone = cleaned_data["phone"]
    message = (cleaned_data.get("message") or "").strip()
    topic = cleaned_data.get("topic") or ""
    allowed_topics = block_settings.get("topics") or []
    if allowed_topics and topic not in allowed_topics:
        raise ValidationError({"topic": _("Choose one of the topics offered.")})
    fields = {
        "site": site,
        "page_id": meta.get("page_id") or getattr(meta.get("page"), "pk", None),
        "block_id": (meta.get("block_id") or "")[:64],
        "team": team,
        "phone": phone,
        "topic": topic,
        "preferred_slot": cleaned_data.get("preferred_slot") or CallbackRequest.Slot.ASAP,
        "preferred_date": cleaned_data.get("preferred_date"),
        "message": message,
        "consent_at": now if cleaned_data.get("consent") else None,
        "ip_hash": ratelimit.hash_value(meta["ip"]) if meta.get("ip") else "",
        "created_at": now,
        "last_submitted_at": now,
        **{name: (cleaned_data.get(name) or "").strip() for name in PERSONAL_FIELDS},
    }
    # A new request is one INSERT and nothing else: the unique constraint on open requests
    # per number says whether one exists (no lookup first), and its emails are written to
    # the outbox by a task once it is committed (``emails``: the request is its own
    # outbox until then, so nothing is lost if that task never runs). A repeat submission
    # locks the open request and merges into it, with its emails, in one transaction, also
    # when another submission for this number committed a moment before.
    try:
        with _alone():
            obj = CallbackRequest.objects.create(**fields)
    except IntegrityError:
        pass
    else:
        notify_on_commit(obj)  # first: receivers of the signal may fail
        _signal_on_commit(obj, merged=False)
        return obj, False
    with transaction.atomic():
        obj = _locked_open_request(phone)
        if obj is None:  # not a duplicate after all: let the error surface
            raise IntegrityError("Could not store the callback request.")
        note = _merge(obj, fields, now)
        chamber = meta.get("chamber")
        if chamber is None and site is not None:
            from cma_wagtail.models import ChamberSettings

            chamber = ChamberSettings.for_site(site)
        queue_notifications(
            obj, merged=True, chamber=chamber, new_message=message, repeat_note=note
        )
        _signal_on_commit(obj, merged=True)
    return obj, True


def _alone():
    """A savepoint when the caller has a transaction open (so that a failed INSERT leaves
    it usable), nothing otherwise: in autocommit, a single INSERT is its own transaction."""
    if transaction.get_connection().in_atomic_block:
        return transaction.atomic()
    return contextlib.nullcontext()


def _signal_on_commit(obj: CallbackRequest, *, merged: bool) -> None:
    transaction.on_commit(
        lambda: callback_request_received.send(
            sender=CallbackRequest, callback_request=obj, merged=merged
        )
    )


def _merge(obj: CallbackRequest, fields: dict, now: dt.datetime) -> str:
    """Count a repeat on the open request and journal it; return the journal's note.

    Nothing the repeat says changes the request: its message and details (perhaps a
    stranger's) go to the REPEAT entry's note, which only the agents read. Only what routes
    the request and says nothing about anyone is filled in when it was missing: its team,
    site and page.
    """
    obj.submission_count += 1
    obj.last_submitted_at = now
    if obj.team_id is None and fields["team"] is not None:
        obj.team = fields["team"]
    if obj.site_id is None and fields["site"] is not None:
        obj.site = fields["site"]
    if obj.page_id is None and fields["page_id"]:
        obj.page_id = fields["page_id"]
    obj.save()
    note = repeat_note(fields)
    CallbackAttempt.objects.create(request=obj, action=Action.REPEAT, at=now, note=note)
    return note


def repeat_note(fields: dict) -> str:
    """What a repeat submission said, one "label: value" line per filled field."""
    model = CallbackRequest._meta
    lines = [
        (model.get_field(name).verbose_name, fields[name])
        for name in PERSONAL_FIELDS
        if fields.get(name)
    ]
    if fields.get("topic"):
        labels = dict(model.get_field("topic").choices)
        lines.append((model.get_field("topic").verbose_name, labels.get(fields["topic"], "")))
    slot = fields.get("preferred_slot")
    if slot:
        when = str(CallbackRequest.Slot(slot).label)
        if fields.get("preferred_date"):
            when += " (" + formats.date_format(fields["preferred_date"], "l j F") + ")"
        lines.append((model.get_field("preferred_slot").verbose_name, when))
    if fields.get("message"):
        lines.append((model.get_field("message").verbose_name, fields["message"]))
    return "\n".join(
        _("%(label)s: %(value)s") % {"label": capfirst(label), "value": value}
        for label, value in lines
    )
