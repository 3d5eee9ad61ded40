"""What core's blocks ask this app: the latest initiatives (``InitiativesBlock``, kind
``initiatives``, filter ``categories``) and the proposal invitation
(``InitiativeProposalBlock``, kind ``proposal``)."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from cma_wagtail.blocks.support import BlockSupport, site_for


class InitiativesBlockSupport(BlockSupport):
    card_templates = {"initiatives": "cma_initiatives/includes/card.html"}
    card_item_names = {"initiatives": "initiative"}

    def choices(self, kind):
        if kind != "categories":
            return []
        from .models import InitiativeCategory

        return list(InitiativeCategory.objects.values_list("slug", "name"))

    def items(self, kind, value, request=None):
        from .queries import latest_initiatives

        return latest_initiatives(
            value.get("number") or 3, site=site_for(request), category=value.get("category") or ""
        )

    def item_data(self, kind, page, request=None):
        """Public facts only (no artisan's name, no contact), as ``InitiativesBlockValue``,
        in the shape of :func:`.serializers.initiative_card_data` (v3's names and values)."""
        from .serializers import initiative_card_data

        return initiative_card_data(page, request)

    def form_url(self, kind, request=None):
        """The proposal form, None when no initiatives index receives proposals for the
        request's site (the form would only say so) or the URLs are not mounted."""
        if kind != "proposal":
            return None
        try:
            url = reverse("cma_initiatives:propose")
        except NoReverseMatch:
            return None
        from .services import get_proposal_index

        if get_proposal_index(site_for(request)) is None:
            return None
        return url
