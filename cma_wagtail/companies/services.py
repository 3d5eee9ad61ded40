"""Store what the directory says about a request's business; retried until it answers."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from ..outbox import enqueue_task_on_commit
from . import client, limits, parsing
from .models import CompanyIdentity
from .signals import company_identified

logger = logging.getLogger(__name__)

#: Look-ups given up after this many failed tasks (the identity then shows the error).
MAX_ATTEMPTS = 5


def _link(obj) -> dict[str, Any]:
    return {"content_type": ContentType.objects.get_for_model(obj), "object_id": str(obj.pk)}


def identity_for(obj) -> CompanyIdentity | None:
    if obj is None or obj.pk is None:
        return None
    return CompanyIdentity.objects.filter(**_link(obj)).first()


def enrich_later(obj, siret: str) -> CompanyIdentity | None:
    """Remember that ``obj``'s business is to be looked up, and have a task do it.

    Call it once ``obj`` is stored (from a ``*_received`` signal): the pending identity is
    its own outbox, so a queue that is down only delays the look-up (``cma_send_outbox``
    retries it). A SIRET already looked up for this object is not asked again.
    """
    siret = (siret or "").replace(" ", "")
    if not client.is_enabled() or not siret:
        return None
    identity, created = CompanyIdentity.objects.get_or_create(
        **_link(obj), defaults={"siret": siret}
    )
    if not created:
        if identity.siret == siret and identity.status != CompanyIdentity.Status.FAILED:
            return identity
        identity.siret = siret
        identity.status = CompanyIdentity.Status.PENDING
        identity.attempts = 0
        identity.save(update_fields=["siret", "status", "attempts"])
    enqueue_task_on_commit("cma_wagtail.companies.tasks.look_up", identity.pk)
    return identity


def look_up(identity_pk: int) -> str:
    """Ask the directory about one pending identity and store its answer; return the status."""
    identity = CompanyIdentity.objects.filter(pk=identity_pk).first()
    if identity is None or identity.status not in (
        CompanyIdentity.Status.PENDING,
        CompanyIdentity.Status.FAILED,
    ):
        return identity.status if identity else ""
    try:
        found = parsing.find_siret(client.search(q=identity.siret), identity.siret)
    except client.DirectoryUnavailable as exc:
        return _failed(identity, str(exc), final=False)
    except (client.DirectoryError, parsing.MalformedAnswer) as exc:
        return _failed(identity, str(exc), final=True)
    if found is None:
        _store(identity, {}, CompanyIdentity.Status.NOT_FOUND)
    else:
        _store(identity, parsing.identity_fields(*found), CompanyIdentity.Status.FOUND)
    return identity.status


def _failed(identity: CompanyIdentity, error: str, *, final: bool) -> str:
    """Pending again (retried later) until ``MAX_ATTEMPTS``; then failed, with the reason."""
    identity.attempts += 1
    identity.last_error = error[:255]
    give_up = final or identity.attempts >= MAX_ATTEMPTS
    identity.status = CompanyIdentity.Status.FAILED if give_up else CompanyIdentity.Status.PENDING
    identity.looked_up_at = timezone.now()
    identity.save(update_fields=["attempts", "last_error", "status", "looked_up_at"])
    logger.warning("Company look-up %s for %s: %s", identity.status, identity.siret, error)
    return identity.status


def _store(identity: CompanyIdentity, fields: dict, status: str) -> None:
    for name, value in fields.items():
        setattr(identity, name, value)
    identity.status = status
    identity.attempts += 1
    identity.last_error = ""
    identity.looked_up_at = timezone.now()
    identity.save()
    if status == CompanyIdentity.Status.FOUND:
        _announce(identity)


def _announce(identity: CompanyIdentity) -> None:
    obj = identity.related_object
    if obj is not None:
        company_identified.send_robust(sender=type(obj), instance=obj, identity=identity)


def retry_pending(sender=None, *, stale_before, **kwargs) -> int:
    """Re-run the look-ups still pending from before ``stale_before`` (``cma_send_outbox``).

    Stops when the breaker opens: the directory is down, and the attempts left are kept for
    when it is back.
    """
    if not client.is_enabled():
        return 0
    pks = CompanyIdentity.objects.filter(
        status=CompanyIdentity.Status.PENDING, siret__gt=""
    ).filter(_older_than(stale_before))
    count = 0
    for pk in list(pks.values_list("pk", flat=True)):
        try:
            limits.breaker.check()
        except limits.CircuitOpen:
            break
        look_up(pk)
        count += 1
    return count


def _older_than(when):
    from django.db.models import Q

    return Q(looked_up_at__isnull=True) | Q(looked_up_at__lt=when)


def search_candidates(name: str, postcode: str = "") -> list[dict[str, Any]]:
    """Establishments matching a business name (and postcode) for an agent to choose from."""
    params = {"q": name.strip(), "per_page": "10"}
    if postcode:
        params["code_postal"] = postcode
    return parsing.candidates(client.search(**params))


def attach(obj, siret: str, user=None) -> CompanyIdentity:
    """An agent chose the business of ``obj``: store its identity now (one look-up by SIRET,
    outside any transaction: the directory may take seconds)."""
    found = parsing.find_siret(client.search(q=siret), siret)
    identity, _created = CompanyIdentity.objects.get_or_create(
        **_link(obj), defaults={"siret": siret}
    )
    identity.attached_by = user
    identity.siret = siret
    if found is None:
        _store(identity, {}, CompanyIdentity.Status.NOT_FOUND)
    else:
        _store(identity, parsing.identity_fields(*found), CompanyIdentity.Status.FOUND)
    return identity


def public_summary(siret: str) -> dict[str, Any] | None:
    """What the public form may show to confirm a SIRET: name, activity, commune, closed.

    Only data the directory publishes to anyone; None when it does not know the SIRET.
    """
    found = parsing.find_siret(client.search(q=siret), siret)
    if found is None:
        return None
    fields = parsing.identity_fields(*found)
    return {
        "siret": fields["siret"],
        "name": fields["name"],
        "activity": fields["naf_label"] or fields["naf_code"],
        "naf_code": fields["naf_code"],
        "commune": fields["commune"],
        "postcode": fields["postcode"],
        "closed": fields["is_closed"],
    }


def forget(model, object_ids) -> int:
    """Delete the identities of these objects (GDPR: they follow their request's purge)."""
    deleted, _by_model = CompanyIdentity.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in object_ids],
    ).delete()
    return deleted


class WithIdentities:
    """``queryset``'s objects with their identities attached, loaded in chunks."""

    CHUNK = 500

    def __init__(self, queryset):
        self.queryset = queryset
        self.model = queryset.model

    def __iter__(self):
        content_type = ContentType.objects.get_for_model(self.model)
        chunk: list = []
        for obj in self.queryset.iterator(chunk_size=self.CHUNK):
            chunk.append(obj)
            if len(chunk) == self.CHUNK:
                yield from self._attach(content_type, chunk)
                chunk = []
        yield from self._attach(content_type, chunk)

    @staticmethod
    def _attach(content_type, objects: list):
        identities = (
            {
                identity.object_id: identity
                for identity in CompanyIdentity.objects.filter(
                    content_type=content_type, object_id__in=[str(obj.pk) for obj in objects]
                )
            }
            if objects
            else {}
        )
        for obj in objects:
            obj._cma_company = identities.get(str(obj.pk))
        return objects
