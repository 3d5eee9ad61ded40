"""Request schemas' constraints, read from the forms that validate the submissions.

The public submissions' JSON bodies go through the same Django forms as the HTML pages.
:func:`form_field` documents one form field in the OpenAPI document with what the form
knows: required or not (``{}`` is schema-invalid), ``maxLength``/``minLength``, integer
bounds, the enum of its ``choices`` (the form's own list, never a copy), and the format or
pattern of the package's French data types (a SIRET is 14 digits, a postcode 5, a phone
number the usual characters of one).

The constraints are *documented*, and the forms *enforce* them: a request the document
refuses is answered 422 by the form, with every field's French message at once in the one
error shape (``loc: [field]``), rather than pydantic stopping at the first missing key with
a generic message. The forms are a little more forgiving than the patterns (spaces in a
SIRET, digits of another script, which they store in ASCII): the document states the form
a client should send, the server takes what people type.
"""

from __future__ import annotations

from typing import Any

from django import forms
from ninja import Field, Schema
from pydantic import ConfigDict

from ..forms import PhoneNumberField, PostcodeField, SiretField

#: A phone number as people write it (digits, spaces, dots, dashes, slashes, parentheses, a
#: leading ``+``); the form checks it is a number the chamber may call, stored as E.164.
PHONE_PATTERN = r"[+(]?[0-9][0-9 .()/-]{4,28}"
SIRET_PATTERN = r"[0-9]{14}"
POSTCODE_PATTERN = r"[0-9]{5}"

#: Set on a property by :func:`form_field`, turned into the object's ``required`` list by
#: :func:`mark_required` (and removed from the document).
REQUIRED_MARK = "x-cma-required"


def _pattern(body: str, required: bool) -> str:
    return f"^{body}$" if required else f"^({body})?$"


def constraints(field: forms.Field) -> dict[str, Any]:
    """The JSON Schema keywords ``field`` enforces (the form is the one that checks)."""
    documented: dict[str, Any] = {}
    required = field.required
    if isinstance(field, forms.CharField):
        if field.max_length:
            documented["maxLength"] = field.max_length
        if isinstance(field, PhoneNumberField):
            documented["pattern"] = _pattern(PHONE_PATTERN, required)
        elif isinstance(field, SiretField):
            documented["pattern"] = _pattern(SIRET_PATTERN, required)
        elif isinstance(field, PostcodeField):
            documented["pattern"] = _pattern(POSTCODE_PATTERN, required)
        elif required:
            documented["minLength"] = max(1, field.min_length or 1)
        if isinstance(field, forms.EmailField) and required:
            documented["format"] = "email"
    elif isinstance(field, forms.IntegerField):
        if field.min_value is not None:
            documented["minimum"] = field.min_value
        if field.max_value is not None:
            documented["maximum"] = field.max_value
    elif isinstance(field, forms.ModelMultipleChoiceField | forms.ModelChoiceField):
        pass  # their values are ids or slugs of the database, listed by the API
    elif isinstance(field, forms.MultipleChoiceField):
        if required:
            documented["minItems"] = 1
    elif isinstance(field, forms.ChoiceField):
        values = [str(value) for value, _label in field.choices if str(value) != ""]
        documented["enum"] = values if required else ["", *values]
    elif isinstance(field, forms.BooleanField) and required:
        documented["const"] = True
    return documented


def form_field(form_class: type[forms.BaseForm], name: str, *, default: Any = None) -> Any:
    """A pydantic ``Field`` for ``form_class``'s field ``name``, documented as the form
    validates it; at run time the value is passed on to the form as sent (or blank)."""
    field = form_class.base_fields[name]
    documented = constraints(field)
    required = field.required and default is None

    def document(schema: dict) -> None:
        if required:
            schema.pop("default", None)
            variants = [v for v in schema.pop("anyOf", []) if v.get("type") != "null"]
            if len(variants) == 1:
                schema.update(variants[0])
            elif variants:
                schema["anyOf"] = variants
            schema[REQUIRED_MARK] = True
        items = schema.get("items")
        if isinstance(field, forms.MultipleChoiceField) and items and "enum" in documented:
            items["enum"] = documented.pop("enum")
        schema.update(documented)

    return Field(_blank(field) if default is None else default, json_schema_extra=document)


def mark_required(schema: dict, model: Any = None) -> None:
    """A model's ``json_schema_extra``: its form-required properties become ``required``."""
    required = list(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        if prop.pop(REQUIRED_MARK, False) and name not in required:
            required.append(name)
    if required:
        schema["required"] = required


def _blank(field: forms.Field) -> Any:
    if isinstance(field, forms.BooleanField):
        return False
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return []
    if isinstance(field, forms.IntegerField | forms.DateField | forms.ModelChoiceField):
        return None
    return ""


def honeypot_field() -> Any:
    """``website``: the forms' honeypot, to leave empty (a filled one is refused as spam)."""
    return Field("", json_schema_extra={"maxLength": 0})


def form_started_field() -> Any:
    """``form_started``: the signed token of ``GET /cma/form-token/`` (the time trap); a
    submission without one is refused as expired."""

    def document(schema: dict) -> None:
        schema.pop("default", None)
        schema.update({"minLength": 1, REQUIRED_MARK: True})

    return Field("", json_schema_extra=document)


class FormBody(Schema):
    """The base of a submission's body: the properties :func:`form_field` marks as
    required are listed in the document's ``required``."""

    model_config = ConfigDict(json_schema_extra=mark_required)
