"""The callback workflow as plain functions: the public flow (``flows``, shared by the HTML
view and the JSON API) and the inbox all go through these, so the rules live in one place.

Every public submission is stored first; its emails are written to the outbox once it is
committed (a repeat submission: in the same transaction), and the
``callback_request_received`` signal goes out once it commits (see ``notifications``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cma_wagtail import ratelimit
from cma_wagtail.conf import settings as cma_settings

from .constants import Action, CallOutcome, CloseOutcome, Status
from .models import CallbackAttempt, CallbackRequest, CallbackTeam
from .notifications import notify_on_commit, queue_notifications
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
    # the outbox by a task once it is committed (``notifications``: the request is its own
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


# --- The agents' workflow -------------------------------------------------------------


class WorkflowError(ValidationError):
    pass


def _lock(obj: CallbackRequest) -> CallbackRequest:
    return CallbackRequest.objects.select_for_update().get(pk=obj.pk)


def _holder_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def take(obj: CallbackRequest, user) -> CallbackRequest:
    """Assign the request to ``user`` ("I take it"); refused when a colleague holds it
    (perhaps since a second ago: the check is made on the locked row)."""
    with transaction.atomic():
        obj = _lock(obj)
        if obj.status == Status.CLOSED:
            raise WorkflowError(_("This request is closed."))
        if obj.assigned_to_id and obj.assigned_to_id != user.pk:
            raise WorkflowError(
                _("%(name)s has just taken this request.") % {"name": _holder_name(obj.assigned_to)}
            )
        _assign(obj, user)
        obj.save()
        CallbackAttempt.objects.create(request=obj, action=Action.ASSIGNED, agent=user)
    return obj


def _assign(obj: CallbackRequest, user) -> None:
    obj.assigned_to = user
    obj.assigned_at = timezone.now() if user else None
    if user and obj.status == Status.NEW:
        obj.status = Status.ASSIGNED
    if user is None and obj.status == Status.ASSIGNED:
        obj.status = Status.NEW


def team_members(obj: CallbackRequest):
    """The colleagues a request may be given to: the members of its team (of every team
    serving its site when it has none)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    if obj.team_id:
        return users.filter(callback_teams=obj.team_id).order_by("last_name", "username")
    teams = CallbackTeam.objects.filter(Q(sites=None) | Q(sites=obj.site_id))
    return users.filter(callback_teams__in=teams).distinct().order_by("last_name", "username")


def reassign(obj: CallbackRequest, by, to, *, note: str = "") -> CallbackRequest:
    """Give the request to a colleague of its team (``to``), or back to the queue (None)."""
    with transaction.atomic():
        obj = _lock(obj)
        if obj.status == Status.CLOSED:
            raise WorkflowError(_("This request is closed."))
        if to is not None and not team_members(obj).filter(pk=to.pk).exists():
            raise WorkflowError(
                _("%(name)s is not a member of this request’s team.") % {"name": _holder_name(to)}
            )
        _assign(obj, to)
        obj.save()
        if to is None:
            CallbackAttempt.objects.create(request=obj, action=Action.RELEASED, agent=by, note=note)
        else:
            CallbackAttempt.objects.create(
                request=obj,
                action=Action.REASSIGNED,
                agent=by,
                note="\n".join(
                    filter(None, [_("To: %(name)s") % {"name": _holder_name(to)}, note])
                ),
            )
    return obj


def chamber_for(obj: CallbackRequest):
    if obj.site_id is None:
        return None
    from cma_wagtail.models import ChamberSettings

    return ChamberSettings.for_site(obj.site)


def schedule(obj: CallbackRequest, user, *, at: dt.datetime, note: str = "") -> CallbackRequest:
    """Agree a time for the call: the request comes back into the queue then."""
    now = timezone.now()
    if at <= now:
        raise WorkflowError(_("Choose a time in the future."))
    chamber = chamber_for(obj)
    if chamber is not None and chamber.opening_hours and not chamber.is_open(at):
        raise WorkflowError(
            _("The chamber is closed at that time: choose a time within its opening hours.")
        )
    with transaction.atomic():
        obj = _lock(obj)
        if obj.status == Status.CLOSED:
            raise WorkflowError(_("This request is closed."))
        obj.next_attempt_at = at
        obj.save()
        when = formats.date_format(timezone.localtime(at), "l j F Y H:i")
        CallbackAttempt.objects.create(
            request=obj,
            action=Action.SCHEDULED,
            agent=user,
            note="\n".join(filter(None, [when, note])),
        )
    return obj


#: The artisan's details an agent may correct (each change is journalled).
CORRECTABLE_FIELDS = ("name", "business_name", "phone", "email", "trade", "postcode", "siret")


def correct_details(obj: CallbackRequest, user, changes: dict) -> CallbackRequest:
    """Correct the artisan's details; the history keeps each old and new value."""
    with transaction.atomic():
        obj = _lock(obj)
        lines = []
        for name in CORRECTABLE_FIELDS:
            if name not in changes or (changes[name] or "") == getattr(obj, name):
                continue
            label = capfirst(CallbackRequest._meta.get_field(name).verbose_name)
            lines.append(
                _("%(label)s: %(old)s → %(new)s")
                % {"label": label, "old": getattr(obj, name) or "—", "new": changes[name] or "—"}
            )
            setattr(obj, name, changes[name] or "")
        if not lines:
            return obj
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError as error:
            raise WorkflowError(
                _("Another open request has this phone number: work on that one.")
            ) from error
        CallbackAttempt.objects.create(
            request=obj, action=Action.CORRECTED, agent=user, note="\n".join(lines)
        )
    return obj


def record_attempt(
    obj: CallbackRequest, user, *, outcome: str, at: dt.datetime | None = None, note: str = ""
) -> CallbackAttempt:
    """Record a call; "reached" makes the request called back, anything else unreachable.

    A time of the current minute (the form's default, "now" to the minute) is recorded as
    the exact time, so that the history keeps the call after what happened earlier in that
    minute (taking the request).
    """
    now = timezone.now()
    at = at or now
    if at <= now and at.replace(second=0, microsecond=0) == now.replace(second=0, microsecond=0):
        at = now
    with transaction.atomic():
        obj = _lock(obj)
        if obj.status == Status.CLOSED:
            raise WorkflowError(_("This request is closed: reopen it first."))
        attempt = CallbackAttempt.objects.create(
            request=obj, action=Action.CALL, agent=user, at=at, outcome=outcome, note=note
        )
        if obj.first_called_at is None or at < obj.first_called_at:
            obj.first_called_at = at
        if obj.assigned_to_id is None:
            obj.assigned_to = user
            obj.assigned_at = timezone.now()
        obj.status = Status.CALLED_BACK if outcome == CallOutcome.REACHED else Status.UNREACHABLE
        if obj.status == Status.UNREACHABLE and outcome != CallOutcome.WRONG_NUMBER:
            from .queue import next_retry

            obj.next_attempt_at = next_retry(chamber_for(obj), max(at, timezone.now()))
        else:
            obj.next_attempt_at = None
        obj.save()
    return attempt


def close(obj: CallbackRequest, user, *, outcome: str, note: str = "") -> CallbackRequest:
    if outcome not in CloseOutcome.values:
        raise WorkflowError(_("Choose an outcome."))
    with transaction.atomic():
        obj = _lock(obj)
        if obj.status == Status.CLOSED:
            raise WorkflowError(_("This request is already closed."))
        obj.status = Status.CLOSED
        obj.next_attempt_at = None
        obj.outcome = outcome
        obj.closed_at = timezone.now()
        obj.save()
        CallbackAttempt.objects.create(
            request=obj, action=Action.CLOSED, agent=user, outcome="", note=note
        )
    return obj


def reopen(obj: CallbackRequest, user) -> CallbackRequest:
    with transaction.atomic():
        obj = _lock(obj)
        if obj.status != Status.CLOSED:
            raise WorkflowError(_("This request is not closed."))
        if obj.anonymised_at:
            raise WorkflowError(_("This request was anonymised and cannot be reopened."))
        if CallbackRequest.objects.open().filter(phone=obj.phone).exists():
            raise WorkflowError(_("Another request from this number is open: work on that one."))
        obj.status = Status.ASSIGNED if obj.assigned_to_id else Status.NEW
        obj.outcome = ""
        obj.closed_at = None
        obj.save()
        CallbackAttempt.objects.create(request=obj, action=Action.REOPENED, agent=user)
    return obj
