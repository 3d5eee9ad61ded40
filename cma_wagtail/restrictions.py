"""Public pages in one SQL query: Wagtail's ``public()`` as a subquery.

``PageQuerySet.public()`` first reads every ``PageViewRestriction`` (one query, when the
queryset is built), then excludes the sections they protect. Listings use
:func:`only_public` instead: the same rule (a page is private when it or one of its ancestors
has a view restriction, whatever its type) written as ``NOT EXISTS`` inside the listing's own
query, so that view restrictions cost no query of their own.
"""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Length, Substr


def private_exists() -> Exists:
    """``EXISTS`` a view restriction on the outer page or one of its ancestors.

    Treebeard paths make an ancestor's path a prefix of its descendants' paths, so the test
    is ``restricted page path == the first LENGTH(restricted page path) characters of the
    outer page's path`` (what Wagtail's ``descendant_of_q(inclusive=True)`` says for each
    restriction; the depth condition follows from the prefix).
    """
    from wagtail.models import PageViewRestriction

    return Exists(
        PageViewRestriction.objects.alias(
            _cma_outer_prefix=Substr(OuterRef("path"), 1, Length("page__path"))
        ).filter(page__path=F("_cma_outer_prefix"))
    )


def only_public(queryset):
    """``queryset.public()`` without reading the view restrictions in a separate query."""
    return queryset.filter(~private_exists())
