"""Crisis news in Wagtail's APIs: typed v3 endpoints (:mod:`.v3`) and a v2 endpoint (:mod:`.v2`).

Both list the same news as the index page, with the same filters
(:meth:`CrisisNewsPageQuerySet.filtered <cma_wagtail.crisis_news.models.pages.CrisisNewsPageQuerySet.filtered>`),
and load the blocks of a whole listing in bulk (:mod:`cma_wagtail.api.prefetch`).
"""

#: StreamFields of a news page, bound in bulk before serialising a listing.
STREAM_FIELDS = ("body", "related_links")


def prefetch_news(pages) -> list:
    from cma_wagtail.api.prefetch import prefetch_stream_fields

    return prefetch_stream_fields(pages, STREAM_FIELDS)
