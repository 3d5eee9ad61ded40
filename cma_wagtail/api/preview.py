"""``GET /cma/preview/``: a draft for the decoupled front end, with its preview token only.

See :mod:`cma_wagtail.preview`. The draft has exactly the shape of the page type's own
endpoint (its capability's serializer); ``content_type`` says which one.
"""

from __future__ import annotations

from typing import Any, Literal, Union

from django.http import Http404
from django.utils.module_loading import import_string
from ninja import Query, Router, Schema

from ..capabilities import capability_configs
from ..preview import read_draft
from .http_cache import personal
from .v3_tools import PROBLEMS

router = Router(tags=["preview"])


def _previewables() -> dict[str, tuple[Any, Any]]:
    """``content_type`` → (schema, serializer) of each page type the installed capabilities
    declare (:attr:`cma_wagtail.capabilities.CapabilityConfig.preview_models`)."""
    return {
        content_type: (import_string(schema), import_string(serializer))
        for config in capability_configs()
        for content_type, (schema, serializer) in config.preview_models.items()
    }


PREVIEWABLE = _previewables()


class PreviewIn(Schema):
    content_type: Literal[tuple(PREVIEWABLE)]  # type: ignore[valid-type]
    token: str


class PreviewOut(Schema):
    """``page`` has the shape of the page type's own endpoint, named by ``content_type``."""

    content_type: Literal[tuple(PREVIEWABLE)]  # type: ignore[valid-type]
    page: Union[tuple(schema for schema, _serializer in PREVIEWABLE.values())]  # type: ignore[valid-type]  # noqa: UP007


@router.get(
    "/",
    response={200: PreviewOut, **PROBLEMS},
    auth=None,
    summary="Read a draft with its preview token",
)
@personal
def read_preview(request, params: Query[PreviewIn]):
    """The draft that Preview in the Wagtail admin handed to the front end (``token`` and
    ``content_type`` from the preview URL's query). 404 once the token has expired."""
    page = read_draft(params.token, params.content_type)
    if page is None:
        raise Http404("No preview matches this token.")
    _schema, serialize = PREVIEWABLE[params.content_type]
    return {"content_type": params.content_type, "page": serialize([page], request)[0]}
