"""``GET /cma/preview/``: a draft for the decoupled front end, with its preview token only.

See :mod:`cma_wagtail.preview`. The draft has exactly the shape of the page type's own
endpoint (its capability's serializer); ``content_type`` says which one.
"""

from __future__ import annotations

from typing import Any, Literal, Union

from django.apps import apps
from django.http import Http404
from ninja import Query, Router, Schema

from ..preview import read_draft
from .http_cache import personal
from .v3_tools import PROBLEMS

router = Router(tags=["preview"])


def _previewables() -> dict[str, tuple[Any, Any]]:
    """``content_type`` → (schema, serializer) of each installed capability's page type."""
    found = {}
    if apps.is_installed("cma_wagtail.crisis_news"):
        from ..crisis_news.api.v3 import CrisisNews, serialize_news

        found["cma_crisis_news.crisisnewspage"] = (CrisisNews, serialize_news)
    if apps.is_installed("cma_wagtail.initiatives"):
        from ..initiatives.api.v3 import Initiative, serialize_initiatives

        found["cma_initiatives.initiativepage"] = (Initiative, serialize_initiatives)
    if apps.is_installed("cma_wagtail.trainings"):
        from ..trainings.api.v3 import Training, serialize_trainings

        found["cma_trainings.trainingpage"] = (Training, serialize_trainings)
    return found


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
