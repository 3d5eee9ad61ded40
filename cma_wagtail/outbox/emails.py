"""Emails: stored with a template name and a JSON context, rendered when they are sent.

Every email of the package goes through :func:`queue_email` (or :func:`build_email` +
:func:`queue_emails` for a mailing), called from its capability's ``emails.py``. The request
that queues an email writes one row and renders nothing; the outbox's task renders it out
of the request, as Django's ``PasswordResetForm`` names its templates:

- ``<template_name>_subject.txt``: the subject (put on one line, at most 255 characters);
- ``<template_name>.txt``: the text body;
- ``<template_name>.html``: an HTML alternative, when the template exists.

They are rendered in the email's language (given, else the one active when it was queued:
the visitor's own for an acknowledgement) with the stored ``context`` plus ``object`` (the
related object, as it is when sent), ``site`` (the site the email speaks for: given, else
the related object's), ``base_url`` (that site's root URL, for absolute links) and
``chamber`` (that site's :class:`~cma_wagtail.models.ChamberSettings`). The rendered
subject and body are stored once sent, so a retry sends the same text and the back-office
shows what went out.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.translation import get_language

from .delivery import enqueue_on_commit, enqueue_task_on_commit
from .models import OutgoingEmail, header_safe

#: Key of the stored context holding the id of the site the email speaks for.
SITE_KEY = "site"

SUBJECT_MAX_LENGTH = 255


def queue_email(
    *, template_name: str, to: Iterable[str], context: dict | None = None, **options
) -> OutgoingEmail | None:
    """Record an email and have it sent once the current transaction commits.

    ``options`` are :func:`build_email`'s: ``related`` (the object it is about), ``site``,
    ``language``, ``reply_to``, ``attachments``, ``headers``, ``kind``. ``context`` must be
    JSON-serialisable (strings, numbers, lists, dicts): what the
    templates need of the related object they read from ``object`` when it is sent.
    ``headers`` are extra message headers (``List-Unsubscribe``…); ``attachments`` are
    (filename, text content, mimetype) triples, e.g. an .ics file. Returns None (and
    stores nothing) when no recipient is left.
    """
    message = build_email(template_name=template_name, to=to, context=context, **options)
    if message is None:
        return None
    message.save()
    enqueue_on_commit(message)
    return message


def _storable(value):
    """``value`` without NUL characters, which no text column of PostgreSQL can hold (JSON
    included): the message is stored whatever a visitor typed, and NUL is never meant."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {key: _storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_storable(item) for item in value]
    return value


def build_email(
    *,
    template_name: str,
    to: Iterable[str],
    context: dict | None = None,
    related=None,
    site=None,
    language: str | None = None,
    reply_to: Iterable[str] = (),
    attachments: Iterable[tuple[str, str, str]] = (),
    headers: dict[str, str] | None = None,
    kind: str = "",
) -> OutgoingEmail | None:
    """The unsaved :class:`OutgoingEmail` that :func:`queue_email` stores (None: no recipient);
    the fan-outs build many and write them with one :func:`queue_emails`."""
    if not template_name or template_name.endswith((".txt", ".html")):
        raise ValueError("queue_email() takes a template name without its extension.")
    recipients = [header_safe(address) for address in to if address]
    if not recipients:
        return None
    context = _storable(dict(context or {}))
    if site is not None:
        context[SITE_KEY] = site.pk
    return OutgoingEmail(
        to=recipients,
        reply_to=[header_safe(address) for address in reply_to if address],
        subject="",
        template_name=template_name,
        context=context,
        language=language or get_language() or "",
        attachments=[list(a) for a in attachments],
        headers=dict(headers or {}),
        kind=kind,
        related_object=related,
    )


def queue_emails(messages: Iterable[OutgoingEmail | None]) -> list[OutgoingEmail]:
    """Store many emails of :func:`build_email` in one INSERT; one task sends them on commit.

    For mailings: a batch costs the same few queries whatever its size, and the worker
    (``cma_wagtail.outbox.tasks.deliver_many``) claims each email as
    :func:`~cma_wagtail.outbox.send` does, so a retry or a second worker never sends one twice.
    """
    stored = OutgoingEmail.objects.bulk_create([m for m in messages if m is not None])
    pks = [message.pk for message in stored]
    if pks and all(pk is not None for pk in pks):
        enqueue_task_on_commit(
            "cma_wagtail.outbox.tasks.deliver_many", OutgoingEmail._meta.label, pks
        )
    return stored


def _site(message: OutgoingEmail, related):
    from wagtail.models import Site

    site_id = message.context.get(SITE_KEY)
    if site_id is not None:
        return Site.objects.filter(pk=site_id).first()
    site = getattr(related, "site", None)
    return site if isinstance(site, Site) else None


def render_context(message: OutgoingEmail) -> dict:
    """What an email's templates are rendered with (see the module's docstring)."""
    from ..models import ChamberSettings

    related = message.related_object
    site = _site(message, related)
    base_url = site.root_url if site is not None else ""
    return {
        **message.context,
        "object": related,
        "site": site,
        "base_url": (base_url or getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/"),
        "chamber": ChamberSettings.for_site(site) if site is not None else None,
    }


def _optional(template_name: str):
    try:
        return get_template(template_name)
    except TemplateDoesNotExist:
        return None


def render(message: OutgoingEmail) -> tuple[str, str, str]:
    """(subject, text body, HTML body or "") of ``message``, rendered now.

    Tolerant of the rows stored before the templates were named without their extension:
    a stored body is sent as it is, a ``template_name`` ending in ``.txt`` is the body's
    template (with the stored subject and ``html_template_name``).
    """
    subject, body, html = message.subject, message.body, ""
    base = message.template_name
    legacy = base.endswith(".txt")
    if body and not message.html_template_name and (legacy or not base):
        return subject, body, html
    with translation.override(message.language or settings.LANGUAGE_CODE):
        context = render_context(message)
        if not legacy and base:
            if not subject:
                subject = render_to_string(f"{base}_subject.txt", context)
            if not body:
                body = render_to_string(f"{base}.txt", context)
            html_template = _optional(f"{base}.html")
            html = html_template.render(context) if html_template is not None else ""
        else:
            body = body or render_to_string(base, context)
            if message.html_template_name:
                html = render_to_string(message.html_template_name, context)
    return header_safe(subject)[:SUBJECT_MAX_LENGTH], body, html
