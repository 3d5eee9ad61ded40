"""Helpers of the listing blocks, kept importable under their former names.

What the blocks ask their capabilities (choices, items, items' JSON, card templates) is
each capability's :class:`~cma_wagtail.blocks.support.BlockSupport` adapter now; this
module keeps no capability model, field or template.
"""

from __future__ import annotations

import functools

from django.utils.translation import gettext_lazy as _

from .support import CapabilityChoices, is_editor_view, site_for

__all__ = ["URGENCY_CHOICES", "is_editor_view", "schemas", "site_for"]

#: The urgencies a LatestNewsBlock filters on: part of the block's definition, fixed so that
#: it does not depend on INSTALLED_APPS (DESIGN.md rule 2); the crisis news app stores the
#: same values.
URGENCY_CHOICES = [
    ("info", _("Information")),
    ("important", _("Important")),
    ("urgent", _("Urgent")),
]

# The filters' choices under their former names (a site's StreamField migrations may name them).
news_topic_choices = CapabilityChoices("cma_crisis_news", "topics")
initiative_category_choices = CapabilityChoices("cma_initiatives", "categories")
training_choices = CapabilityChoices("cma_trainings", "trainings")


@functools.cache
def schemas() -> dict:
    """The pydantic models of the blocks' API output (pydantic is imported only here).

    They are the blocks' published contract (the OpenAPI document of the pages), fixed
    whatever INSTALLED_APPS holds, as the block definitions are.
    """
    from . import listing_schemas

    return {
        "news": listing_schemas.LatestNewsBlockValue,
        "initiatives": listing_schemas.InitiativesBlockValue,
        "sessions": listing_schemas.UpcomingSessionsBlockValue,
        "proposal": listing_schemas.InitiativeProposalBlockValue,
    }
