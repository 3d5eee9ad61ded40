"""What a callback form's POST needs from its page's body: the block and its team.

A submission names a page and a block id. :func:`get_target` finds that callback block in
the live specific page (already narrowed to the pages visible on the site that received
the POST, :func:`cma_wagtail.callbacks.flows.find_destination`) and reads its team: plain
queries, memoised on the request by the flow, never kept between requests. Measured
without a cross-request cache, the POST stays within its data-query target
(docs/performance.md, "Caches earned"), so none is kept: a publication, a team's change or
a restriction is seen by the very next POST, in every process.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cma_wagtail.base_page import get_base_page_model
from cma_wagtail.blocks.callback import CallbackRequestBlock
from cma_wagtail.fields import BodyField

from .models import CallbackTeam

Page = get_base_page_model()


@dataclass(frozen=True)
class FormTarget:
    """A callback block of a page's live revision, with its team."""

    page: Page  #: the live specific page, to re-render it with the bound form
    field_name: str
    block_id: str
    block_type: str
    value: Any  #: the block's value (a ``StructValue``)
    team: CallbackTeam | None


def _callback_child(stream, index: int):
    """``(block, raw child)`` of child ``index`` if it is a CallbackRequestBlock, else None."""
    raw = stream.raw_data[index]
    block = stream.stream_block.child_blocks.get(raw.get("type"))
    return (block, raw) if isinstance(block, CallbackRequestBlock) else None


def find_block(page, block_id: str):
    """``(field name, block, raw child)`` of the CallbackRequestBlock with this id, or None.

    Read from the raw data: nothing is converted yet (:func:`get_target` converts the one
    block found, without its team).
    """
    if not block_id:
        return None
    for field in page._meta.get_fields():
        if not isinstance(field, BodyField):
            continue
        stream = getattr(page, field.name) or []
        for index, raw in enumerate(stream.raw_data):
            if raw.get("id") == block_id:
                found = _callback_child(stream, index)
                return (field.name, *found) if found else None
    return None


def first_block(page):
    """``(field name, block, raw child)`` of the first CallbackRequestBlock of the page's
    bodies, or None."""
    for field in page._meta.get_fields():
        if isinstance(field, BodyField):
            stream = getattr(page, field.name) or []
            for index in range(len(stream.raw_data)):
                found = _callback_child(stream, index)
                if found:
                    return (field.name, *found)
    return None


def get_target(page, block_id: str = "", teams: dict | None = None) -> FormTarget | None:
    """The callback form ``block_id`` of the specific ``page`` (its first one when
    ``block_id`` is empty), or None.

    ``teams`` (id -> team, the routes the flow read for this request) gives the block's
    team without a query of its own.
    """
    found = find_block(page, block_id) if block_id else first_block(page)
    if found is None:
        return None
    field_name, block, raw = found
    raw_value = raw.get("value") or {}
    team_id = raw_value.get("team")
    value = block.to_python({**raw_value, "team": None})
    if teams is not None:
        team = _team_from(teams, team_id)
    else:
        from .services import resolve_team

        team = resolve_team(team_id)
    value["team"] = team
    return FormTarget(
        page=page,
        field_name=field_name,
        block_id=raw.get("id") or "",
        block_type=raw.get("type", ""),
        value=value,
        team=team,
    )


def _team_from(teams: dict, team_id) -> CallbackTeam | None:
    try:
        return teams.get(int(team_id)) if team_id not in (None, "") else None
    except (TypeError, ValueError):
        return None
