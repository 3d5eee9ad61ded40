"""What the package adds to the v3 OpenAPI document so that it is valid and says what is sent.

Two mechanisms, the smallest each job allows:

* :func:`document_operation` runs on each of the package's operations when its router is
  mounted and fills django-ninja's own ``openapi_extra``: the headers a client sends or
  reads (``Idempotency-Key``, ``Retry-After``, ``Idempotent-Replayed``, ``ETag``…), the 304
  of the conditional reads and the 400 of a body that is not JSON.
* :func:`refine_schema` post-processes the generated document, for what ninja cannot
  express per operation:

  - Wagtail 8 declares its ``AllowAnonymous`` fallback as ``{"type": "http"}`` without the
    ``scheme`` OpenAPI requires (the document is invalid). "Anonymous allowed" is spelled
    ``{}`` in an OpenAPI security requirement: every ``{"AllowAnonymous": []}`` (Wagtail's
    own operations included) becomes ``{}`` and the broken scheme is removed.
  - ninja documents every response as ``application/json``; the package's errors are sent
    as ``application/problem+json`` (RFC 9457), so their content is renamed.
  - A parameter's free text never holds a NUL character (the site's first middleware
    answers 400 to one): its string schemas say so with a ``pattern``.
  - HEAD (answered like GET, see :mod:`cma_wagtail.api.http_cache`) is not listed: it would
    repeat the GET operation and its ``operationId``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

PACKAGE_PATHS = "/cma/"
PROBLEM_JSON = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/CmaProblem"}


def _header(description: str, schema: dict | None = None) -> dict:
    return {"description": description, "schema": schema or {"type": "string"}}


CACHE_HEADERS = {
    "ETag": _header("Validator of this representation: send it back as If-None-Match."),
    "Last-Modified": _header("When the site's content last changed: send it as If-Modified-Since."),
    "Cache-Control": _header("public, max-age=N for anonymous reads."),
}
NO_STORE = {"Cache-Control": _header("no-store: the answer is about one person.")}
RETRY_AFTER = {"Retry-After": _header("Seconds to wait before retrying.", {"type": "integer"})}
REPLAYED = {
    "Idempotent-Replayed": _header(
        '"true" when this is the stored answer to an earlier request with the same '
        "Idempotency-Key.",
        {"type": "string", "enum": ["true"]},
    )
}
IDEMPOTENCY_KEY = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "description": "Any unique string (a UUID): a retry with the same key and body replays "
    "the first answer instead of submitting again.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
}


def document_operation(operation) -> None:
    """Add to ``operation.openapi_extra`` the headers and statuses the package's layers send."""
    extra: dict = dict(operation.openapi_extra or {})
    responses: dict = extra.setdefault("responses", {})
    # ninja keys its responses by int status: the same keys here merge into them.
    codes = {int(code) for code in operation.response_models if str(code).isdigit()}
    view = operation.view_func
    if getattr(view, "cma_personal", False):
        responses.setdefault(200, {}).setdefault("headers", {}).update(NO_STORE)
    elif "GET" in operation.methods:
        success = responses.setdefault(200, {})
        success.setdefault("headers", {}).update(CACHE_HEADERS)
        if any(name == "limit" for name in _query_names(operation)):
            responses[400] = {
                "description": "Bad Request: limit above WAGTAILAPI_LIMIT_MAX.",
                "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
            }
        responses[304] = {
            "description": "Not Modified: the representation named by "
            "If-None-Match (or If-Modified-Since) is still current."
        }
    else:
        body = min((c for c in codes if 200 <= c < 300), default=None)
        if getattr(view, "cma_idempotent", False):
            extra.setdefault("parameters", []).append(dict(IDEMPOTENCY_KEY))
            if body:
                responses.setdefault(body, {}).setdefault("headers", {}).update(REPLAYED)
        responses[400] = {
            "description": "Bad Request: the body is not JSON.",
            "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
        }
    if getattr(operation, "models", ()) and 422 not in codes:
        responses[422] = {
            "description": "Unprocessable Content: a parameter is invalid.",
            "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}},
        }
    if 429 in codes:
        responses.setdefault(429, {}).setdefault("headers", {}).update(RETRY_AFTER)
    operation.openapi_extra = extra


def _query_names(operation):
    """The names of the operation's query parameters (pagination's included)."""
    for model in getattr(operation, "models", ()):
        if getattr(model, "__ninja_param_source__", None) == "query":
            for field in model.model_fields.values():
                annotation = getattr(field, "annotation", None)
                yield from getattr(annotation, "model_fields", {}) or ()
            yield from model.model_fields


def walk_operations(router):
    """Every operation of ``router`` and of its sub-routers."""
    for path_view in router.path_operations.values():
        yield from path_view.operations
    for _prefix, child, *_rest in router._routers:
        yield from walk_operations(child)


def refine_schema(schema: dict) -> dict:
    """The generated document, made valid and exact (see the module's docstring)."""
    schemes = schema.get("components", {}).get("securitySchemes", {})
    schemes.pop("AllowAnonymous", None)
    if not schemes:
        schema.get("components", {}).pop("securitySchemes", None)
    for path, item in schema.get("paths", {}).items():
        item.pop("head", None)
        for operation in item.values():
            if isinstance(operation, dict) and "security" in operation:
                operation["security"] = [
                    {} if requirement == {"AllowAnonymous": []} else requirement
                    for requirement in operation["security"]
                ]
            if PACKAGE_PATHS in path and isinstance(operation, dict):
                _problems_as_problem_json(operation)
                for parameter in operation.get("parameters", []):
                    _without_nul(parameter.get("schema", {}))
    return schema


def _problems_as_problem_json(operation: dict) -> None:
    for code, response in operation.get("responses", {}).items():
        content = response.get("content", {})
        if str(code)[0] in "45" and "application/json" in content:
            content[PROBLEM_JSON] = content.pop("application/json")


NO_NUL = "^[^\\u0000]*$"


def _without_nul(schema: dict) -> None:
    if schema.get("type") == "string" and not {"pattern", "enum", "format", "const"} & set(schema):
        schema["pattern"] = NO_NUL
    for member in schema.get("anyOf", []):
        _without_nul(member)


def install(api) -> None:
    """Wrap ``api.get_openapi_schema`` with :func:`refine_schema` (once)."""
    original: Callable = api.get_openapi_schema
    if getattr(original, "cma_refined", False):
        return

    @wraps(original)
    def get_openapi_schema(*args, **kwargs):
        return refine_schema(original(*args, **kwargs))

    get_openapi_schema.cma_refined = True
    api.get_openapi_schema = get_openapi_schema
