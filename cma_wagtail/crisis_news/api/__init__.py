"""Crisis news in Wagtail's APIs: typed v3 endpoints and the alerts' subscriptions
(:mod:`.v3`), and a v2 endpoint (:mod:`.v2`).

Both list the same news as the index page, with the same filters
(:meth:`CrisisNewsPageQuerySet.filtered <cma_wagtail.crisis_news.models.pages.CrisisNewsPageQuerySet.filtered>`),
in the shapes of :mod:`cma_wagtail.crisis_news.serializers`, and load the blocks of a whole
listing in bulk (:mod:`cma_wagtail.api.prefetch`).
"""
