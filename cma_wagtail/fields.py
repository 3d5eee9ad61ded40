"""Model fields shared by the package's page types."""

from __future__ import annotations

from wagtail.fields import StreamField


class BodyField(StreamField):
    """A StreamField whose blocks are ``cma_wagtail.blocks.BodyBlock`` plus the site's extras.

    Its migration state deliberately carries **no block definitions**: it deconstructs to
    ``BodyField(blank=...)``. So a site that adds its own blocks through
    ``CMA_WAGTAIL_EXTRA_BODY_BLOCKS`` (or a new release that adds a block to the library)
    never makes a migration appear inside the package. The trade-off: a data migration
    that rewrites body content sees the *current* block definitions, not historical ones,
    which is what StreamField data migrations (``wagtail.blocks.migrations``) use anyway.
    """

    def __init__(self, block_types=None, **kwargs):
        kwargs.pop("block_lookup", None)
        if block_types is None:
            from .blocks.body import get_body_block

            block_types = get_body_block()
        super().__init__(block_types, **kwargs)

    def deconstruct(self):
        name, _path, _args, kwargs = super().deconstruct()
        kwargs.pop("block_lookup", None)
        return name, "cma_wagtail.fields.BodyField", [], kwargs
