"""The emails of a proposal, through the core outbox (rendered when they are sent).

The artisan gets an acknowledgement. The moderators are told by Wagtail's workflow when the
page is submitted; without a workflow, the chamber's address is told instead. Templates:
``cma_initiatives/email/<name>`` (``_subject.txt``, ``.txt``), the proposal as ``object``.
"""

from __future__ import annotations

from ..outbox import queue_email

TEMPLATES = "cma_initiatives/email/"


def queue_acknowledgement(proposal) -> None:
    queue_email(
        template_name=f"{TEMPLATES}acknowledgement",
        to=[proposal.email],
        related=proposal,
        site=proposal.site,
        kind="initiative_proposal_ack",
    )


def queue_chamber_notice(proposal, chamber) -> None:
    """Tell the chamber's address (when it has one) that a draft waits for review."""
    if chamber is None or not chamber.email:
        return
    queue_email(
        template_name=f"{TEMPLATES}new_proposal",
        to=[chamber.email],
        related=proposal,
        site=proposal.site,
        kind="initiative_proposal_new",
    )
