"""The emails of a proposal, written to the core outbox and rendered when they are sent.

The artisan gets an acknowledgement. The moderators are told by Wagtail's workflow when the
page is submitted; without a workflow, the chamber's address is told instead.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..outbox import queue_email


def queue_acknowledgement(proposal) -> None:
    queue_email(
        to=[proposal.email],
        subject=_("We have received your initiative proposal"),
        template_name="cma_initiatives/email/acknowledgement.txt",
        related=proposal,
        kind="initiative_proposal_ack",
    )


def queue_chamber_notice(proposal, chamber) -> None:
    """Tell the chamber's address (when it has one) that a draft waits for review."""
    if chamber is None or not chamber.email:
        return
    queue_email(
        to=[chamber.email],
        subject=_("New initiative proposal: %(business)s") % {"business": proposal.business_name},
        template_name="cma_initiatives/email/new_proposal.txt",
        related=proposal,
        kind="initiative_proposal_new",
    )
