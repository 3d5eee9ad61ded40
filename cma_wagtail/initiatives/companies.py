"""Who proposes: the business behind a proposal's SIRET, from core's company look-ups.

Connected from ``InitiativesConfig.ready()``. The look-up runs in a task once the proposal
is committed (``proposal_received``); the identity is deleted with the proposal (deleting
the initiative page deletes its proposal).
"""

from __future__ import annotations

from django.db.models.signals import post_delete

from cma_wagtail import companies

from .models import InitiativeProposal
from .signals import proposal_received


def connect() -> None:
    proposal_received.connect(enrich, dispatch_uid="cma_initiatives.companies.enrich")
    post_delete.connect(
        forget, sender=InitiativeProposal, dispatch_uid="cma_initiatives.companies.rm"
    )


def enrich(sender, proposal: InitiativeProposal, **kwargs) -> None:
    if proposal.siret:
        companies.enrich_later(proposal, proposal.siret)


def forget(sender, instance: InitiativeProposal, **kwargs) -> None:
    companies.forget(InitiativeProposal, [instance.pk])
