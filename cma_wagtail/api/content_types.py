"""The package's v3 submissions accept only the media types their parameters are read from.

django-ninja reads a JSON body whatever the request's ``Content-Type`` says, so a page on
any other site could make its visitors' browsers post ``text/plain`` "JSON" to the public
endpoints (a CORS "simple request", sent without a preflight). An endpoint with a JSON body
therefore answers 415 to anything but ``application/json``; one with form or file
parameters (a proposal and its photo) takes ``multipart/form-data``, and JSON too if it also
declares a JSON body. The accepted types are read from the operation's own parameters, so
a new endpoint is covered without listing it anywhere.

:func:`require_declared_content_type` is added to every router the package mounts (see
:func:`cma_wagtail.api.v3.add_router`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps

from django.utils.translation import gettext as _

JSON = "application/json"
MULTIPART = "multipart/form-data"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def require_declared_content_type(run: Callable) -> Callable:
    """django-ninja "view" decorator: 415 before parsing a body of an undeclared type."""
    operation = getattr(inspect.unwrap(run), "__self__", None)
    accepted = accepted_media_types(operation)
    if not accepted:  # no body to read (GET, or a POST without parameters)
        return run

    @wraps(run)
    def wrapper(request, **kwargs):
        if request.method in UNSAFE_METHODS and media_type(request) not in accepted:
            return unsupported_media_type(accepted)
        return run(request, **kwargs)

    return wrapper


def accepted_media_types(operation) -> tuple[str, ...]:
    """What the operation's body parameters can be read from (JSON first)."""
    from ninja.params.models import BodyModel, FileModel, FormModel, _MultiPartBodyModel

    accepted: set[str] = set()
    for model in getattr(operation, "models", ()):
        if issubclass(model, FormModel | FileModel | _MultiPartBodyModel):
            accepted.add(MULTIPART)
        elif issubclass(model, BodyModel):
            accepted.add(JSON)
    return tuple(sorted(accepted))


def media_type(request) -> str:
    """The request's media type, without parameters (``charset``, ``boundary``)."""
    return (request.content_type or "").lower()


def unsupported_media_type(accepted: tuple[str, ...]):
    from wagtail.api.v3.errors import problem_response

    response = problem_response(
        status=415,
        detail=_("Send this request as %(types)s.") % {"types": ", ".join(accepted)},
        errors=[{"type": "unsupported_media_type", "msg": ", ".join(accepted)}],
    )
    response["Accept-Post"] = ", ".join(accepted)
    return response
