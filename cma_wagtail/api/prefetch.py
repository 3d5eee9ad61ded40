"""Load what the blocks of a whole API listing need, in a constant number of queries.

A StreamField value loads its chosen objects lazily, one ``bulk_to_python`` per block type
*per page*: an API listing of 60 pages with images would run one query per page and block
type, then one per image for its rendition. :func:`prefetch_stream_fields` converts the
stored data of *every* page of the listing at once — one ``bulk_to_python`` per block type
for all pages together — and then loads the renditions of all the images it found in one
query, before anything is serialised. Works for API v2 and v3 (no pydantic needed).

What stays per item: live counts of ``KeyFiguresBlock`` (one count per figure that asks for
one) and internal links *inside rich text* (Wagtail expands them one rich text at a time).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from wagtail.blocks import StreamValue
from wagtail.blocks.list_block import ListValue

from .images import IMAGE_RENDITIONS

__all__ = ["prefetch_stream_fields", "bind_stream_values", "prefetch_renditions"]


def bind_stream_values(stream_values: Iterable[StreamValue]) -> list[models.Model]:
    """Convert the stored data of many StreamValues together; return the objects they hold."""
    pending: dict[tuple[int, str], list[tuple[StreamValue, int]]] = defaultdict(list)
    blocks = {}
    values = [sv for sv in stream_values if isinstance(sv, StreamValue)]
    for stream_value in values:
        raw_data = getattr(stream_value, "_raw_data", None)
        bound = getattr(stream_value, "_bound_blocks", None)
        if raw_data is None or bound is None:
            continue
        for index, raw in enumerate(raw_data):
            if bound[index] is not None or raw is None:
                continue
            type_name = raw.get("type")
            child = stream_value.stream_block.child_blocks.get(type_name)
            if child is None:  # a block type removed from the code: Wagtail skips it too
                continue
            key = (id(stream_value.stream_block), type_name)
            blocks[key] = child
            pending[key].append((stream_value, index))
    for key, items in pending.items():
        child = blocks[key]
        converted = child.bulk_to_python([sv._raw_data[i]["value"] for sv, i in items])
        for (stream_value, index), value in zip(items, converted, strict=True):
            stream_value._bound_blocks[index] = StreamValue.StreamChild(
                child, value, id=stream_value._raw_data[index].get("id")
            )
    found: list[models.Model] = []
    for stream_value in values:
        for child in stream_value:
            _collect(child.value, found)
    return found


def _collect(value, found: list) -> None:
    if isinstance(value, models.Model):
        found.append(value)
    elif isinstance(value, StreamValue):
        nested = bind_stream_values([value])
        found.extend(nested)
    elif isinstance(value, ListValue):
        for item in value:
            _collect(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, found)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect(item, found)


def prefetch_renditions(images: Sequence, specs: Sequence[str] = IMAGE_RENDITIONS) -> None:
    """Prefetch the renditions ``specs`` of ``images`` (any image model instances) in one query."""
    unique = {id(image): image for image in images}
    images = [
        i
        for i in unique.values()
        if "renditions" not in getattr(i, "_prefetched_objects_cache", {})
    ]
    if not images:
        return
    rendition_model = type(images[0]).get_rendition_model()
    prefetch_related_objects(
        images,
        Prefetch("renditions", queryset=rendition_model.objects.filter(filter_spec__in=specs)),
    )


def prefetch_stream_fields(
    objects: Iterable, field_names: Sequence[str], specs: Sequence[str] = IMAGE_RENDITIONS
) -> list:
    """Bind the StreamFields ``field_names`` of all ``objects`` and load their images' renditions.

    Returns the objects as a list (a sliced queryset is evaluated once).
    """
    from wagtail.images import get_image_model

    objects = list(objects)
    stream_values = [getattr(obj, name, None) for obj in objects for name in field_names]
    found = bind_stream_values(stream_values)
    image_model = get_image_model()
    prefetch_renditions([obj for obj in found if isinstance(obj, image_model)], specs)
    return objects
