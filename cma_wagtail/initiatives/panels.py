"""A read-only panel showing, in the page editor only, who proposed the initiative."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class ProposalPanel(Panel):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Proposed by (private)"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "cma_initiatives/admin/proposal_panel.html"

        @cached_property
        def proposal(self):
            if not self.instance.pk:
                return None
            try:
                return self.instance.proposal
            except ObjectDoesNotExist:
                return None

        def is_shown(self):
            return self.proposal is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["proposal"] = self.proposal
            return context
