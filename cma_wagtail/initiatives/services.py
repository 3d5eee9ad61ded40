"""Storing a proposal: the draft page in moderation, its photo and the private contact.

:func:`submit_proposal` is what :func:`cma_wagtail.initiatives.flows.propose` (the HTML form
and the JSON API) calls once the form is valid and the limits passed; the demo data calls it
too.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator, slugify
from wagtail.models import Site

from ..models import ChamberSettings
from ..text import one_line
from . import emails
from .models import InitiativeGalleryImage, InitiativeIndexPage, InitiativePage, InitiativeProposal
from .photos import store_photo
from .queries import proposal_index
from .signals import proposal_received

logger = logging.getLogger(__name__)

#: The longest page title Wagtail stores (``Page.title``).
TITLE_MAX_LENGTH = InitiativePage._meta.get_field("title").max_length


class ProposalsClosed(Exception):
    """There is no initiatives index to receive proposals (see ``INITIATIVES_PROPOSAL_INDEX``)."""


def get_proposal_index(site: Site | None) -> InitiativeIndexPage | None:
    """The visible index receiving proposals (:func:`~.queries.proposal_index`)."""
    return proposal_index(site)


def _unique_slug(parent, name: str) -> str:
    base = (slugify(name) or "initiative")[:60].strip("-") or "initiative"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _draft_page(cleaned_data: dict, business_name: str, index) -> InitiativePage:
    description = cleaned_data["description"].strip()
    page = InitiativePage(
        title=one_line(business_name, TITLE_MAX_LENGTH),
        slug=_unique_slug(index, business_name),
        business_name=business_name,
        town=one_line(cleaned_data["town"], 120),
        postcode=cleaned_data["postcode"],
        summary=Truncator(" ".join(description.split())).chars(400),
        story=[{"type": "paragraph", "value": linebreaks(escape(description))}],
        live=False,
        owner=None,
    )
    page.categories = [cleaned_data["category"]]
    photo = cleaned_data.get("photo")
    if photo:
        page.gallery_images = [
            InitiativeGalleryImage(
                image=store_photo(photo, business_name),
                alt_text=one_line(cleaned_data["photo_alt"], 255),
            )
        ]
    return page


@transaction.atomic
def submit_proposal(
    cleaned_data: dict,
    site: Site | None,
    ip_hash: str = "",
    index: InitiativeIndexPage | None = None,
) -> InitiativeProposal:
    """Store a proposal: a draft ``InitiativePage`` in moderation, and the private contact.

    ``cleaned_data`` is that of :class:`~cma_wagtail.initiatives.forms.InitiativeProposalForm`;
    ``index`` the receiving index (by default :func:`~.queries.proposal_index` of ``site``).
    Everything happens in one transaction: the draft page (owned by nobody) under the index,
    its photo in the private collection, its first revision, the :class:`InitiativeProposal`
    holding the contact, the emails in the outbox and the start of the page's moderation
    workflow (Wagtail notifies the moderators). Raises :class:`ProposalsClosed` without index.
    """
    index = index or proposal_index(site)
    if index is None:
        raise ProposalsClosed
    business_name = one_line(cleaned_data["business_name"], TITLE_MAX_LENGTH)
    page = _draft_page(cleaned_data, business_name, index)
    index.add_child(instance=page)
    page.save_revision(user=None, log_action=True)

    workflow = page.get_workflow()
    proposal = InitiativeProposal.objects.create(
        page=page,
        site=site,
        business_name=business_name,
        contact_name=one_line(cleaned_data["contact_name"], 255),
        email=cleaned_data["email"],
        phone=cleaned_data.get("phone") or "",
        town=page.town,
        postcode=page.postcode,
        siret=cleaned_data.get("siret") or "",
        description=cleaned_data["description"].strip(),
        consent_at=timezone.now(),
        ip_hash=ip_hash,
    )
    emails.queue_acknowledgement(proposal)
    transaction.on_commit(
        lambda: proposal_received.send_robust(sender=InitiativeProposal, proposal=proposal)
    )
    if workflow is None:
        # Without a workflow Wagtail tells nobody: tell the chamber's address instead.
        chamber = ChamberSettings.for_site(site) if site is not None else None
        emails.queue_chamber_notice(proposal, chamber)
        logger.warning("No moderation workflow for %s: the proposal stays a draft.", page)
    else:
        # Last, because Wagtail emails the moderators right away when the workflow starts.
        workflow.start(page, None)  # no requesting user: the proposer has no account
    return proposal
