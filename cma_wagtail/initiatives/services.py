"""The one way a public proposal enters the site; the HTML view and any JSON API call it."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.models import Collection, Site

from .. import ratelimit
from ..conf import settings as cma_settings
from ..models import ChamberSettings
from ..outbox import queue_email
from .models import InitiativeGalleryImage, InitiativeIndexPage, InitiativePage, InitiativeProposal
from .signals import proposal_received

logger = logging.getLogger(__name__)


RATE_LIMIT_SCOPE = "cma_initiatives.propose"


def ip_allowed(ip: str) -> ratelimit.RateLimitResult:
    """Count one proposal from this address (HTML and JSON alike)."""
    return ratelimit.hit(RATE_LIMIT_SCOPE + ".ip", ip, tuple(cma_settings.RATE_LIMIT_PER_IP))


def contact_allowed(cleaned_data: dict) -> ratelimit.RateLimitResult:
    """Count one valid proposal for this contact (the phone, else the email)."""
    contact = cleaned_data.get("phone") or cleaned_data["email"].lower()
    return ratelimit.hit(
        RATE_LIMIT_SCOPE + ".contact", contact, tuple(cma_settings.RATE_LIMIT_PER_PHONE)
    )


class ProposalsClosed(Exception):
    """There is no initiatives index to receive proposals (see ``INITIATIVES_PROPOSAL_INDEX``)."""


def get_proposal_index(site: Site | None) -> InitiativeIndexPage | None:
    """``CMA_WAGTAIL_INITIATIVES_PROPOSAL_INDEX`` (a page id) or the site's first live index."""
    configured = cma_settings.INITIATIVES_PROPOSAL_INDEX
    if configured:
        return InitiativeIndexPage.objects.filter(pk=configured).first()
    queryset = InitiativeIndexPage.objects.live()
    if site is not None:
        queryset = queryset.descendant_of(site.root_page, inclusive=True)
    return queryset.order_by("path").first()


def _unique_slug(parent, name: str) -> str:
    base = (slugify(name) or "initiative")[:60].strip("-") or "initiative"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _store_photo(cleaned_data, business_name: str):
    photo = cleaned_data.get("photo")
    if not photo:
        return None
    image = get_image_model()(
        title=Truncator(_("Proposal: %(name)s") % {"name": business_name}).chars(255),
        collection=Collection.get_first_root_node(),
    )
    image.file = photo
    image._set_image_file_metadata()
    image.save()
    return image


@transaction.atomic
def submit_proposal(cleaned_data: dict, site: Site | None, ip_hash: str = "") -> InitiativeProposal:
    """Store a proposal: a draft ``InitiativePage`` in moderation, and the private contact.

    ``cleaned_data`` is that of :class:`~cma_wagtail.initiatives.forms.InitiativeProposalForm`.
    Everything happens in one transaction: the draft page (owned by nobody) under the
    proposal index, its first revision, the start of the page's moderation workflow (Wagtail
    notifies the moderators), the :class:`InitiativeProposal` holding the contact, and the
    acknowledgement email in the outbox. Raises :class:`ProposalsClosed` when no index exists.
    """
    index = get_proposal_index(site)
    if index is None:
        raise ProposalsClosed
    business_name = cleaned_data["business_name"].strip()
    description = cleaned_data["description"].strip()
    page = InitiativePage(
        title=business_name,
        slug=_unique_slug(index, business_name),
        business_name=business_name,
        town=cleaned_data["town"].strip(),
        postcode=cleaned_data["postcode"],
        summary=Truncator(" ".join(description.split())).chars(400),
        story=[{"type": "paragraph", "value": linebreaks(escape(description))}],
        live=False,
        owner=None,
    )
    page.categories = [cleaned_data["category"]]
    image = _store_photo(cleaned_data, business_name)
    if image is not None:
        page.gallery_images = [
            InitiativeGalleryImage(image=image, alt_text=cleaned_data["photo_alt"].strip())
        ]
    index.add_child(instance=page)
    page.save_revision(user=None, log_action=True)

    workflow = page.get_workflow()
    proposal = InitiativeProposal.objects.create(
        page=page,
        site=site,
        business_name=business_name,
        contact_name=cleaned_data["contact_name"].strip(),
        email=cleaned_data["email"],
        phone=cleaned_data.get("phone") or "",
        town=page.town,
        postcode=page.postcode,
        siret=cleaned_data.get("siret") or "",
        description=description,
        consent_at=timezone.now(),
        ip_hash=ip_hash,
    )
    _queue_emails(proposal, site, in_moderation=workflow is not None)
    transaction.on_commit(
        lambda: proposal_received.send_robust(sender=InitiativeProposal, proposal=proposal)
    )
    # Last, because Wagtail emails the moderators right away when the workflow starts.
    if workflow is not None:
        workflow.start(page, None)  # no requesting user: the proposer has no account
    else:
        logger.warning("No moderation workflow for %s: the proposal stays a draft.", page)
    return proposal


def _queue_emails(proposal: InitiativeProposal, site: Site | None, in_moderation: bool) -> None:
    chamber = ChamberSettings.for_site(site) if site is not None else None
    chamber_name = (chamber.chamber_name if chamber else "") or _("the chamber")
    queue_email(
        to=[proposal.email],
        subject=_("We have received your initiative proposal"),
        body=_(
            "Hello %(name)s,\n\n"
            "Thank you for proposing “%(business)s”. %(chamber)s will read it and may "
            "contact you before publishing it. Your contact details are never published.\n\n"
            "%(chamber)s"
        )
        % {
            "name": proposal.contact_name,
            "business": proposal.business_name,
            "chamber": chamber_name,
        },
        related=proposal,
        kind="initiative_proposal_ack",
    )
    if not in_moderation and chamber is not None and chamber.email:
        # Without a workflow Wagtail tells nobody: tell the chamber's address instead.
        queue_email(
            to=[chamber.email],
            subject=_("New initiative proposal: %(business)s")
            % {"business": proposal.business_name},
            body=_(
                "A new initiative was proposed and saved as a draft page: %(business)s "
                "(%(town)s). Review it in the Wagtail admin."
            )
            % {"business": proposal.business_name, "town": proposal.town},
            related=proposal,
            kind="initiative_proposal_new",
        )
