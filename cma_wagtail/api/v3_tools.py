"""What the capabilities' v3 routers share: auth, pagination, page fields, body schema.

Imported only when ``wagtail.api.v3`` is installed (it needs django-ninja and pydantic).
"""

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Any

from django.http import Http404
from ninja import Router, Schema
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.errors import ProblemDetail
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.models import Site

from ..conf import settings as cma_settings
from ..forms import timestamp_token
from ..visibility import visible_pages_for_request
from .streamfield import stream_schema

#: Read endpoints: a bearer token is resolved like Wagtail's own page endpoints (a session
#: cookie never elevates the request); without one the caller is anonymous. They only ever
#: return public data, whatever the token.
PUBLIC_READ = [BearerTokenAuth(), AllowAnonymous()]

#: Problem responses documented on every endpoint that may answer them.
PROBLEMS = {
    404: ProblemDetail,
    422: ProblemDetail,
}
SUBMISSION_PROBLEMS = {
    **PROBLEMS,
    409: ProblemDetail,
    415: ProblemDetail,
    429: ProblemDetail,
    503: ProblemDetail,
}


class SerializingPagination(WagtailLimitOffsetPagination):
    """Wagtail's limit/offset pagination, then ``serializer(items, request)`` on the page of
    items only: the serializer loads what the items need in bulk (constant queries)."""

    def __init__(self, *, serializer: Callable[[list, Any], list], **kwargs):
        self.serializer = serializer
        super().__init__(**kwargs)

    def paginate_queryset(self, queryset, pagination, request, **params):
        result = super().paginate_queryset(queryset, pagination, request, **params)
        result[self.items_attribute] = self.serializer(list(result[self.items_attribute]), request)
        return result


def request_site(request) -> Site | None:
    return Site.find_for_request(request)


def public_pages(model, request):
    """Pages of ``model`` that anyone may see, on the site answering the request (the
    package's one visibility rule, :mod:`cma_wagtail.visibility`)."""
    return visible_pages_for_request(model.objects.all(), request)


def under_index(queryset, index_id: int | None, *, descendants: bool = False):
    """``queryset`` narrowed to the children (or descendants) of page ``index_id``."""
    if index_id is None:
        return queryset
    from wagtail.models import Page

    parent = Page.objects.filter(pk=index_id).first()
    if parent is None:
        return queryset.none()
    return queryset.descendant_of(parent) if descendants else queryset.child_of(parent)


def get_public_page(queryset, *, pk: int | None = None, slug: str | None = None):
    """One page of ``queryset`` by id or slug (the first in listing order), or 404."""
    queryset = queryset.filter(pk=pk) if pk is not None else queryset.filter(slug=slug)
    page = queryset.first()
    if page is None:
        raise Http404("No page matches the given query.")
    return page


class PageFields(Schema):
    """What every page item carries."""

    id: int
    title: str
    slug: str
    url: str | None = None
    seo_title: str
    search_description: str
    first_published_at: dt.datetime | None = None
    last_published_at: dt.datetime | None = None


def page_fields(page, request) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": page.get_full_url(request),
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }


@cache
def body_schema() -> Any:
    """The typed union of ``BodyBlock`` (with ``CMA_WAGTAIL_EXTRA_BODY_BLOCKS``): one model
    per block type, built once so that every endpoint shares the same OpenAPI components."""
    from ..blocks import get_body_block

    return stream_schema(get_body_block(), "Body", prefix="Cma")


def stream_data(value, request) -> list:
    """A StreamField value as API JSON (its blocks' ``get_api_representation``)."""
    if value is None:
        return []
    return value.stream_block.get_api_representation(value, context={"request": request})


# Form token (time trap) ------------------------------------------------------------------

form_token_router = Router(tags=["forms"])


class FormToken(Schema):
    form_started: str
    min_fill_seconds: int
    max_age_seconds: int


@form_token_router.get("/form-token/", response=FormToken, auth=None)
def form_token(request):
    """A signed timestamp to send back as ``form_started`` with a submission.

    The public forms refuse a submission sent less than ``min_fill_seconds`` after the
    token was issued, or more than ``max_age_seconds`` after (the HTML forms' time trap).
    Fetch it when the form is shown, not just before sending.
    """
    return {
        "form_started": timestamp_token(),
        "min_fill_seconds": int(cma_settings.MIN_FILL_SECONDS),
        "max_age_seconds": int(cma_settings.MAX_FORM_AGE),
    }


def add_detail_routes(
    router,
    *,
    model,
    schema,
    serialize: Callable,
    ordering: Callable,
    name: str,
    label: str,
) -> None:
    """Add ``/{id}/`` and ``/slug/{slug}/`` to a capability's router.

    ``serialize(pages, request)`` is the listing's serializer (so a detail is exactly a
    listing item); ``ordering(queryset)`` picks which page wins when a slug is used under
    several parents (the first in listing order). ``name`` keeps the operation ids stable
    (``<module>_get_<name>`` and ``<module>_get_<name>_by_slug``).
    """
    prefix = f"{model.__module__.rsplit('.models', 1)[0]}.api.v3".replace(".", "_")

    def get_by_id(request, page_id: int):
        page = get_public_page(public_pages(model, request), pk=page_id)
        return serialize([page], request)[0]

    def get_by_slug(request, slug: str):
        page = get_public_page(ordering(public_pages(model, request)), slug=slug)
        return serialize([page], request)[0]

    router.get(
        "/{int:page_id}/",
        response={200: schema, **PROBLEMS},
        auth=PUBLIC_READ,
        summary=f"Get {label}",
        operation_id=f"{prefix}_get_{name}",
    )(get_by_id)
    router.get(
        "/slug/{slug}/",
        response={200: schema, **PROBLEMS},
        auth=PUBLIC_READ,
        summary=f"Get {label} by slug",
        operation_id=f"{prefix}_get_{name}_by_slug",
    )(get_by_slug)
