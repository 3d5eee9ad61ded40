"""The outcome of a public submission, shared by its HTML view and its JSON endpoint.

Each capability writes one flow function per public submission (``<app>/flows.py``): it
checks visibility, intake and limits, validates, stores, queues the notifications, and
returns an :class:`Outcome`. The HTML view renders the outcome as a page, the JSON endpoint
as a response (:func:`cma_wagtail.api.v3.outcome_response`), so a rule added once holds on
both paths. This is django-allauth's ``account/internal/flows`` pattern.

An outcome never tells an anonymous client more than the person it concerns should learn:
a repeat callback request and a new one both end ``DONE`` with the same ``result``; a
duplicate registration looks like a new one (the registered person gets an email instead).
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any


class Kind(enum.StrEnum):
    DONE = "done"  #: stored; ``result`` says how ("sent", "confirmed", "waiting"…)
    INVALID = "invalid"  #: ``forms`` carry the field errors; nothing was stored
    RATE_LIMITED = "rate_limited"  #: ``retry_after`` seconds; nothing was stored
    CLOSED = "closed"  #: the form does not take submissions now (``reason``, ``message``)
    NOT_FOUND = "not_found"  #: no such form, or one on a page that is not visible


@dataclasses.dataclass(frozen=True)
class Outcome:
    kind: Kind
    #: DONE: the result code the client sees (part of the API contract).
    result: str = ""
    #: DONE: what was stored (for the view's redirect; never sent to the client as is).
    obj: Any = None
    #: DONE: extra public fields of the JSON answer.
    data: dict = dataclasses.field(default_factory=dict)
    #: INVALID: the bound forms, with their errors.
    forms: tuple = ()
    #: CLOSED / RATE_LIMITED: a message an artisan understands.
    message: str = ""
    #: CLOSED: a stable code ("switched_off", "cancelled"…).
    reason: str = ""
    #: CLOSED: the HTTP status of the JSON answer (409 for a closed session, 503 for an
    #: intake switched off until later).
    status: int = 409
    #: RATE_LIMITED: seconds before trying again.
    retry_after: int = 0

    @property
    def ok(self) -> bool:
        return self.kind is Kind.DONE

    @classmethod
    def done(cls, result: str, obj: Any = None, **data: Any) -> Outcome:
        return cls(Kind.DONE, result=result, obj=obj, data=data)

    @classmethod
    def invalid(cls, *forms) -> Outcome:
        return cls(Kind.INVALID, forms=forms)

    @classmethod
    def rate_limited(cls, retry_after: int, message: str) -> Outcome:
        return cls(Kind.RATE_LIMITED, retry_after=int(retry_after), message=str(message))

    @classmethod
    def closed(cls, reason: str, message: str, status: int = 409) -> Outcome:
        return cls(Kind.CLOSED, reason=reason, message=str(message), status=status)

    @classmethod
    def not_found(cls) -> Outcome:
        return cls(Kind.NOT_FOUND)
