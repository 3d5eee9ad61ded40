"""Domain events of the initiatives capability (DESIGN.md rule 5: signals are extension points)."""

from django.dispatch import Signal

#: Sent once a public proposal is stored (after its transaction commits), with
#: ``sender=InitiativeProposal`` and ``proposal`` (the
#: :class:`~cma_wagtail.initiatives.models.InitiativeProposal`).
proposal_received = Signal()
