"""Version tokens in Django's cache: entries keyed with a token are forgotten when it changes.

Data read on every request but changed only by editors (the options of the initiatives
index's filter form, the one cache a benchmark earned: docs/performance.md) is cached under a key holding the token of a
:class:`CacheVersion`; the receivers of the signals that change such data replace the token,
so that the next request rebuilds it. Old entries are never read again and expire on their
own. The token lives in the default cache, which must be shared by the app servers in
production (see the deployment docs).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save


class CacheVersion:
    def __init__(self, key: str) -> None:
        self.key = key

    def get(self) -> str:
        """The current token (a new one when the cache has none)."""
        version = cache.get(self.key)
        if version is None:
            # A fresh token, never a counter restarting at 1 that could meet old entries.
            cache.add(self.key, uuid.uuid4().hex, timeout=None)
            version = cache.get(self.key) or ""
        return version

    def replace(self, *args, **kwargs) -> None:
        """Forget every entry keyed with the current token (a signal receiver).

        Now, so that the rest of this request sees the change, and again once the
        transaction commits: a request served in between could have cached data still read
        as it was before the commit.
        """
        self._new()
        transaction.on_commit(self._new)

    def _new(self) -> None:
        cache.set(self.key, uuid.uuid4().hex, timeout=None)

    def replace_on_change(self, models: Iterable[type], uid: str) -> None:
        """Replace the token whenever an instance of one of ``models`` is saved or deleted."""
        for model in models:
            name = model._meta.label_lower
            post_save.connect(self.replace, sender=model, weak=False, dispatch_uid=f"{uid}.{name}")
            post_delete.connect(
                self.replace, sender=model, weak=False, dispatch_uid=f"{uid}.{name}"
            )
