"""Choices shared by the models, the forms and the inbox.

The topics themselves are defined in core (``cma_wagtail.blocks.callback.TOPIC_CHOICES``)
because the block that offers them must exist without this app (DESIGN.md rule 2).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cma_wagtail.blocks.callback import TOPIC_CHOICES  # noqa: F401  (re-exported)


class Status(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned")
    CALLED_BACK = "called_back", _("Called back")
    UNREACHABLE = "unreachable", _("Unreachable")
    CLOSED = "closed", _("Closed")


class Slot(models.TextChoices):
    ASAP = "asap", _("As soon as possible")
    MORNING = "morning", _("In the morning")
    AFTERNOON = "afternoon", _("In the afternoon")
    DAY = "day", _("On a day of my choice")


class CallOutcome(models.TextChoices):
    REACHED = "reached", _("Reached")
    NO_ANSWER = "no_answer", _("No answer")
    WRONG_NUMBER = "wrong_number", _("Wrong number")
    VOICEMAIL = "voicemail", _("Left a voicemail")


class CloseOutcome(models.TextChoices):
    HELPED = "helped", _("Helped, nothing more to do")
    REFERRED = "referred", _("Referred to a partner (bank, Urssaf, DIRECCTE…)")
    FOLLOW_UP = "follow_up", _("Followed up by an adviser")
    UNREACHABLE = "unreachable", _("Could not be reached")
    NO_NEED = "no_need", _("No longer needed")
    SPAM = "spam", _("Duplicate or spam")


class Action(models.TextChoices):
    """What a history entry records; ``call`` entries are the call attempts."""

    RECEIVED = "received", _("Request received")
    REPEAT = "repeat", _("Request sent again")
    ASSIGNED = "assigned", _("Taken")
    REASSIGNED = "reassigned", _("Assigned to a colleague")
    RELEASED = "released", _("Back in the queue")
    SCHEDULED = "scheduled", _("Call scheduled")
    CORRECTED = "corrected", _("Details corrected")
    CALL = "call", _("Call")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    ANONYMISED = "anonymised", _("Personal data removed")
