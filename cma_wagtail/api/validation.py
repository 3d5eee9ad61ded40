"""One 422 shape on the package's endpoints, whatever found the fault.

A form's errors are ``{"type": code, "loc": [field], "msg": message in French}`` (Wagtail's
``FormValidationError``). django-ninja's own validation (a JSON body that is not an object,
a field of the wrong type, a query parameter out of range) reports pydantic's English
messages with ``loc: ["body", "payload", "consent"]``. :func:`as_form_shaped_errors` gives
those the forms' shape: ``loc`` names the field as the client sent it (the request part and
the view's parameter name are dropped) and ``msg`` is a translated sentence chosen by the
error's type. Wagtail's own endpoints keep Wagtail's answer.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

#: Where ninja says a value came from (the first item of its ``loc``).
SOURCES = frozenset({"body", "query", "path", "header", "cookie", "form", "file"})
#: Sources whose second ``loc`` item is the view's parameter name, not the client's field.
NAMED_BY_PARAMETER = frozenset({"body", "form"})


def message_for(error_type: str) -> str:
    """A translated message for a pydantic error type (its family decides)."""
    if error_type == "missing":
        return _("This field is required.")  # Django's own message, as the forms say
    if error_type in {"json_invalid", "model_attributes_type", "dict_type", "model_type"}:
        return _("Send a JSON object.")
    if error_type in {"literal_error", "enum"}:
        return _("Select a valid choice.")
    if error_type.startswith(("string_too_long", "too_long")):
        return _("This value is too long.")
    if error_type.startswith(("string_too_short", "too_short")):
        return _("This value is too short.")
    if error_type.startswith(("greater_than", "less_than", "multiple_of")):
        return _("This value is out of range.")
    if error_type == "extra_forbidden":
        return _("This field is not expected.")
    return _("Enter a valid value.")


def field_loc(loc) -> list:
    """The client's path to the field: ninja's request part and parameter name dropped."""
    loc = list(loc or [])
    if loc and loc[0] in SOURCES:
        source = loc.pop(0)
        if source in NAMED_BY_PARAMETER and loc:
            loc.pop(0)
    return loc


def as_form_shaped_errors(errors) -> list[dict]:
    return [
        {
            "type": str(error.get("type", "invalid")),
            "loc": field_loc(error.get("loc")),
            "msg": message_for(str(error.get("type", ""))),
        }
        for error in errors
    ]


def install(api, is_package_request) -> None:
    """Answer ninja's ``ValidationError`` on the package's paths with the forms' shape."""
    from ninja.errors import ValidationError
    from wagtail.api.v3.errors import problem_response

    wagtail_handler = api._exception_handlers.get(ValidationError)

    def validation_error(request, exc: ValidationError):
        if not is_package_request(request) and wagtail_handler is not None:
            return wagtail_handler(request, exc)
        return problem_response(
            status=422, detail="Validation failed", errors=as_form_shaped_errors(exc.errors)
        )

    api.add_exception_handler(ValidationError, validation_error)
