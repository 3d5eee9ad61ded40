"""What a callback form's POST needs from its page's body: the block and its team.

A submission names a page and a block id. Finding the block means loading the specific
page and converting its body: two queries and a StreamField conversion per POST, for data
that only changes when someone publishes. The block's settings and its team are resolved
once into a :class:`FormTarget` and kept in Django's cache, under a version that every
publication, unpublication or deletion of a page, and every change of a callback team
replaces (:func:`connect_signals`), so that the next POST resolves them again.

A target holds nothing that depends on who asks: whether the page may take the submission
(live, public, of the site that received the POST), the site itself and the chamber's
rules are read for every request by the flow (:mod:`cma_wagtail.callbacks.flows`), never
from this cache.

Use a cache shared by the web workers in production (Redis, Memcached, database), as for
Wagtail's own caches: with a per-process cache, a publication reaches the other workers
when their entry expires (:data:`TIMEOUT`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from cma_wagtail.base_page import get_base_page_model
from cma_wagtail.blocks.callback import CallbackRequestBlock
from cma_wagtail.cache_versions import CacheVersion
from cma_wagtail.fields import BodyField

from .models import CallbackTeam

Page = get_base_page_model()

#: Seconds an entry lives at most, also when no signal replaced the version.
TIMEOUT = 300
#: Replaced by every change that can change a target (:func:`connect_signals`).
version = CacheVersion("cma-callbacks:targets-version")
#: The targets this process has used: (page, block, version) -> (expiry, target).
_targets: dict = {}
MAX_MEMO = 256


@dataclass(frozen=True)
class FormTarget:
    """A callback block of a page's live revision, with its team: ready to cache."""

    page_id: int
    content_type_id: int
    field_name: str
    block_id: str
    block_type: str
    raw_value: dict
    team: CallbackTeam | None
    version: str = ""

    @cached_property
    def value(self):
        """The block's value (a ``StructValue``), with the cached team (no query); converted
        once per process, since each process keeps its targets (:func:`get_target`)."""
        page_model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        block = page_model._meta.get_field(self.field_name).stream_block.child_blocks[
            self.block_type
        ]
        value = block.to_python({**self.raw_value, "team": None})
        value["team"] = self.team
        return value

    def get_page(self) -> Page | None:
        """The live specific page (one query), to re-render it with the bound form."""
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        return model.objects.live().filter(pk=self.page_id).first()


def find_block(page, block_id: str):
    """``(field name, child)`` of the CallbackRequestBlock with this id, or ``(None, None)``.

    Only the matching child is converted (the raw data is scanned for the id first).
    """
    if not block_id:
        return None, None
    for field in page._meta.get_fields():
        if not isinstance(field, BodyField):
            continue
        stream = getattr(page, field.name) or []
        for index, raw in enumerate(stream.raw_data):
            if raw.get("id") == block_id:
                child = stream[index]
                if isinstance(child.block, CallbackRequestBlock):
                    return field.name, child
                return None, None
    return None, None


def first_block(page):
    """``(field name, child)`` of the first CallbackRequestBlock of the page's bodies."""
    for field in page._meta.get_fields():
        if isinstance(field, BodyField):
            for child in getattr(page, field.name) or []:
                if isinstance(child.block, CallbackRequestBlock):
                    return field.name, child
    return None, None


def _load_page(page_id: int):
    """The live specific page, two queries (its content type, then the page)."""
    content_type_id = (
        Page.objects.live().filter(pk=page_id).values_list("content_type_id", flat=True).first()
    )
    if content_type_id is None:
        return None
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None or not issubclass(model, Page):
        return None
    return model.objects.live().filter(pk=page_id).first()


def _resolve(page_id: int, block_id: str) -> FormTarget | None:
    page = _load_page(page_id)
    if page is None:
        return None
    if block_id:
        field_name, child = find_block(page, block_id)
    else:
        field_name, child = first_block(page)
    if child is None:
        return None
    from .services import resolve_team

    raw_value = child.block.get_prep_value(child.value)
    return FormTarget(
        page_id=page.pk,
        content_type_id=page.content_type_id,
        field_name=field_name,
        block_id=child.id or "",
        block_type=child.block_type,
        raw_value=raw_value,
        team=resolve_team(child.value.get("team")),
    )


def _key(page_id: int, block_id: str) -> str:
    return f"cma-callbacks:form-target:{page_id}:{block_id}"  # not the old shape's key


def get_target(page_id: int, block_id: str = "") -> FormTarget | None:
    """The callback form ``block_id`` of live page ``page_id`` (its first one when
    ``block_id`` is empty), or None.

    One cache round trip when nothing changed, for the version (a short string): each
    process keeps the targets it has used under their version (:data:`_targets`, for
    :data:`TIMEOUT` at most), and the cache keeps them for the other processes.
    """
    current = version.get()
    memo_key = (page_id, block_id, current)
    expires, target = _targets.get(memo_key, (0.0, None))
    if target is not None and expires > time.monotonic():
        return target
    target = cache.get(_key(page_id, block_id))
    if target is None or target.version != current:
        target = _resolve(page_id, block_id)
        if target is None:
            return None
        target = replace(target, version=current)
        cache.set(_key(page_id, block_id), target, timeout=TIMEOUT)
    _remember(memo_key, target)
    return target


def _remember(key, target: FormTarget) -> None:
    if len(_targets) >= MAX_MEMO:
        _targets.clear()
    _targets[key] = (time.monotonic() + TIMEOUT, target)


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        version.replace()


def connect_signals() -> None:
    """What changes a target: called from the app's ``ready()``."""
    uid = "cma_callbacks.targets"
    page_published.connect(version.replace, weak=False, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(version.replace, weak=False, dispatch_uid=f"{uid}.unpublished")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid=f"{uid}.page-deleted")
    version.replace_on_change((CallbackTeam,), uid)
