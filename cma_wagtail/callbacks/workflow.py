"""The agents' workflow on a callback request: take, reassign, schedule, correct, record a
call, close, reopen. Each function locks the request's row, checks what the agent may do, and
writes the change and its history line in one transaction; a refusal is a
:class:`WorkflowError` with a French message, and changes nothing.

The public intake (storing a submission, merging repeats) lives in :mod:`.services`.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cma_wagtail.typography import format_datetime

from .constants import Action, CallOutcome, CloseOutcome, Status
from .models import CallbackAttempt, CallbackRequest, CallbackTeam


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
        when = format_datetime(at, "l j F Y")
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
