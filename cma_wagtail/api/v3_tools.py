"""What the capabilities' v3 routers share: auth, pagination, page fields, body schema.

Imported only when ``wagtail.api.v3`` is installed (it needs django-ninja and pydantic).
"""

import datetime as dt
import logging
from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, Literal

import swapper
from django.http import Http404
from ninja import Field, Path, Router, Schema
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination, _get_max_limit
from wagtail.models import Site

from ..conf import settings as cma_settings
from ..forms import timestamp_token, token_max_age
from ..visibility import visible_pages_for_request
from .streamfield import stream_schema

logger = logging.getLogger(__name__)

#: Read endpoints: a bearer token is resolved like Wagtail's own page endpoints (a session
#: cookie never elevates the request); without one the caller is anonymous. They only ever
#: return public data, whatever the token.
PUBLIC_READ = [BearerTokenAuth(), AllowAnonymous()]

#: The largest id or offset the databases store (a signed 64-bit integer): beyond it,
#: SQLite raises an overflow instead of finding nothing.
MAX_DB_INT = 2**63 - 1


#: An id sent by a client: beyond the database's range it is a 422, not an overflow.
DbId = Annotated[int, Field(ge=1, le=MAX_DB_INT)]


def one_of(choices, *, blank: bool = True) -> Any:
    """A ``Literal`` of the values of a form field's ``choices`` (the same list the form
    validates against, so the document's ``enum`` cannot drift); ``blank`` admits ``""``,
    which the form then reports as a missing answer."""
    values = tuple(str(value) for value, _label in choices)
    return Literal[("", *values) if blank else values]  # type: ignore[valid-type]


class CmaProblemError(Schema):
    """One fault: ``loc`` is the path to the field as the client sent it (empty for the
    request as a whole), ``msg`` a sentence for people, ``type`` a stable code."""

    type: str
    loc: list[str | int] = []
    msg: str


class CmaProblem(Schema):
    """An RFC 9457 problem (``application/problem+json``), as every error is sent."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errors: list[CmaProblemError] | None = None


#: Problem responses documented on every endpoint that may answer them.
PROBLEMS = {
    404: CmaProblem,
    422: CmaProblem,
}
SUBMISSION_PROBLEMS = {
    **PROBLEMS,
    409: CmaProblem,
    415: CmaProblem,
    429: CmaProblem,
    503: CmaProblem,
}


def _document_max_limit(schema: dict) -> None:
    """``WAGTAILAPI_LIMIT_MAX`` as the documented ``maximum`` (read when the document is
    built; above it Wagtail's pagination answers 400, documented on every list)."""
    max_limit = _get_max_limit()
    if max_limit != float("inf"):
        schema["maximum"] = int(max_limit)


class SerializingPagination(WagtailLimitOffsetPagination):
    """Wagtail's limit/offset pagination, then ``serializer(items, request)`` on the page of
    items only: the serializer loads what the items need in bulk (constant queries).

    ``limit`` is documented with its maximum (``WAGTAILAPI_LIMIT_MAX``, beyond it: 400) and
    ``offset`` with the largest one a database takes (beyond it: 422, not an overflow).
    """

    class Input(WagtailLimitOffsetPagination.Input):
        limit: int = Field(default=20, ge=1, json_schema_extra=_document_max_limit)
        offset: int = Field(default=0, ge=0, le=MAX_DB_INT)

    def __init__(self, *, serializer: Callable[[list, Any], list], item_schema=None, **kwargs):
        self.serializer = serializer
        self.item_schema = item_schema
        super().__init__(**kwargs)

    def paginate_queryset(self, queryset, pagination, request, **params):
        result = super().paginate_queryset(queryset, pagination, request, **params)
        items = self.serializer(list(result[self.items_attribute]), request)
        result[self.items_attribute] = conforming(items, self.item_schema)
        return result


def conforming(items: list[dict], schema) -> list[dict]:
    """The items that ``schema`` accepts; each other one is logged and left out.

    One page whose stored data has a shape the schema does not describe (an older block
    value Wagtail still reads) must not turn the whole list into an error: the list is
    served without it (``count`` still counts it) and the log names it for an editor.
    """
    if schema is None:
        return items
    from pydantic import ValidationError

    kept = []
    for item in items:
        try:
            schema.model_validate(item)
        except ValidationError as error:
            logger.warning(
                "API v3: page %s left out of %s, it does not match its schema: %s",
                item.get("id"),
                schema.__name__,
                error,
            )
        else:
            kept.append(item)
    return kept


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
    if not 0 < index_id <= MAX_DB_INT:
        return queryset.none()
    Page = swapper.load_model("wagtailcore", "Page")

    parent = Page.objects.filter(pk=index_id).first()
    if parent is None:
        return queryset.none()
    return queryset.descendant_of(parent) if descendants else queryset.child_of(parent)


def get_public_page(queryset, *, pk: int | None = None, slug: str | None = None):
    """One page of ``queryset`` by id or slug (the first in listing order), or 404."""
    if pk is not None and not 0 < pk <= MAX_DB_INT:
        raise Http404("No page matches the given query.")
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
        "seo_title": getattr(page, "seo_title", ""),
        "search_description": getattr(page, "search_description", ""),
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
        "max_age_seconds": token_max_age(),
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

    def get_by_id(request, page_id: int = Path(..., ge=1)):
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


def register_body_field_schema() -> None:
    """Type every ``BodyField`` on Wagtail's own page endpoints (``/api/v3/pages/``).

    Wagtail 8's read schemas look a model field's class up, along its MRO, in
    ``read_generator.field_schemas`` (``register_field_schema``); a plain ``StreamField``
    is ``list[Any]``. ``BodyField`` registered here gets the same typed union as the
    package's endpoints (:func:`body_schema`, one ``CmaBody…`` component per block), for
    the package's page types and for a site's own pages using ``BodyField``. Called from
    the core app's ``ready()``, before Wagtail builds its page schemas on first use.
    """
    from wagtail.api.v3.schemas.generators.read import read_generator

    from ..fields import BodyField

    def body_field_schema(generator, field):
        field_name = field.name

        def resolve(obj, context):
            return stream_data(getattr(obj, field_name), context.get("request"))

        return body_schema(), [], staticmethod(resolve)

    read_generator.register_field_schema(BodyField, body_field_schema)
