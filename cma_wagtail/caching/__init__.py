"""Shared caches in front of the site: which responses they may keep, and purging them.

- :mod:`.public`: ``Cache-Control: public`` on the anonymous answers of Wagtail pages and
  of the package's public views (:class:`PublicCacheMiddleware`, :func:`public_cache`).
- :mod:`.origin`: the public forms' replacement for the CSRF cookie (same-origin check).
- :mod:`.purge`: what to purge from ``wagtail.contrib.frontend_cache`` on publish.
- :mod:`.sending`, :mod:`.tasks`: the purges stored in the outbox
  (:class:`~cma_wagtail.outbox.models.FrontendCachePurge`), sent after the commit, their
  failures counted and retried.

See docs/caching.md.
"""

from .origin import same_origin_post
from .public import PublicCacheMiddleware, public_cache

__all__ = ["PublicCacheMiddleware", "public_cache", "same_origin_post"]
