"""Typed StreamField schemas for OpenAPI.

Wagtail's API v3 types a StreamField as ``list[Any]``. :func:`stream_schema` turns a
StreamBlock into a pydantic type: a list of a union of one model per child block,
discriminated on ``type``, each with the schema of that block's *API representation*
(``get_api_representation``), so that a decoupled front end can generate exact types.

How a block's value schema is found, in order:

1. the block's own ``get_api_schema()`` method (blocks whose ``get_api_representation``
   reshapes the value define it — every block of the library does);
2. a structural rule for Wagtail's blocks (StructBlock → object of its children,
   ListBlock → array, StreamBlock → nested union, CharBlock → string, …);
3. ``Any`` for anything else.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import ConfigDict, Field, create_model
from wagtail import blocks

_STRING_BLOCKS = (
    blocks.CharBlock,
    blocks.TextBlock,
    blocks.URLBlock,
    blocks.EmailBlock,
    blocks.RegexBlock,
    blocks.RichTextBlock,
    blocks.RawHTMLBlock,
    blocks.BlockQuoteBlock,
)
_SCALARS: tuple[tuple[type, Any], ...] = (
    (blocks.BooleanBlock, bool),
    (blocks.IntegerBlock, int),
    (blocks.FloatBlock, float),
    (blocks.DecimalBlock, float),
    (blocks.DateTimeBlock, dt.datetime),
    (blocks.DateBlock, dt.date),
    (blocks.TimeBlock, dt.time),
    (blocks.MultipleChoiceBlock, list[str]),
    (blocks.ChoiceBlock, str),
)


class SchemaBuilder:
    """Builds (and names, uniquely) the pydantic models of one API's StreamFields."""

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self._names: set[str] = set()
        self._cache: dict[int, Any] = {}

    def _name(self, *parts: str) -> str:
        base = self.prefix + "".join(_camel(p) for p in parts if p)
        name, index = base, 2
        while name in self._names:
            name, index = f"{base}{index}", index + 1
        self._names.add(name)
        return name

    def value_schema(self, block: blocks.Block, name: str = "") -> Any:
        key = id(block)
        if key in self._cache:
            return self._cache[key]
        schema = self._build(block, name or block.name or type(block).__name__)
        self._cache[key] = schema
        return schema

    def _build(self, block: blocks.Block, name: str) -> Any:
        custom = getattr(block, "get_api_schema", None)
        if callable(custom):
            return custom()
        if isinstance(block, blocks.StreamBlock):
            return list[self.union(block, name)]
        if isinstance(block, blocks.ListBlock):
            return list[self.value_schema(block.child_block, f"{name}Item")]
        if isinstance(block, blocks.StructBlock):
            fields = {
                child_name: (
                    self._optional(child, self.value_schema(child, f"{name}_{child_name}")),
                    Field(default=None, title=str(child.label or child_name)),
                )
                for child_name, child in block.child_blocks.items()
            }
            return create_model(self._name(name, "Value"), **fields)
        if isinstance(block, blocks.StaticBlock):
            return Optional[Any]  # noqa: UP045 (built at run time)
        if isinstance(block, blocks.ChooserBlock):
            # Wagtail's choosers serialise to the chosen object's id.
            return Optional[int]  # noqa: UP045
        if isinstance(block, _STRING_BLOCKS):
            return str
        for block_class, python_type in _SCALARS:
            if isinstance(block, block_class):
                return python_type
        return Any

    @staticmethod
    def _optional(block: blocks.Block, schema: Any) -> Any:
        return schema if getattr(block, "required", True) is True else Optional[schema]  # noqa: UP045

    def union(self, stream_block: blocks.StreamBlock, name: str = "Stream") -> Any:
        """The discriminated union of the children of ``stream_block``."""
        members = []
        for child_name, child in stream_block.child_blocks.items():
            model = create_model(
                self._name(name, child_name, "Block"),
                __config__=ConfigDict(title=str(child.label or child_name)),
                type=(Literal[child_name], ...),
                value=(self.value_schema(child, f"{name}_{child_name}"), ...),
                id=(Optional[str], None),  # noqa: UP045
            )
            members.append(model)
        if not members:
            return Any
        if len(members) == 1:
            return members[0]
        return Annotated[Union[tuple(members)], Field(discriminator="type")]  # noqa: UP007


def stream_schema(stream_block: blocks.StreamBlock, name: str = "Body", prefix: str = "") -> Any:
    """``list[<union of child blocks>]`` for a StreamBlock (e.g. a page's ``body``)."""
    return list[SchemaBuilder(prefix).union(stream_block, name)]


def _camel(text: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9a-zA-Z]+", text))
