"""Who is calling: the business of a request with a SIRET, from core's company look-ups.

Connected from ``CallbacksConfig.ready()``. The look-up runs in a task once the request is
committed (``callback_request_received``), never while the artisan waits; its identity is
forgotten with the request (deleted or anonymised by the purge).
"""

from __future__ import annotations

from django.db.models.signals import post_delete

from cma_wagtail import companies

from .models import MAX_TRADE, CallbackRequest
from .signals import callback_request_received


def connect() -> None:
    callback_request_received.connect(enrich, dispatch_uid="cma_callbacks.companies.enrich")
    companies.company_identified.connect(
        prefill_trade, sender=CallbackRequest, dispatch_uid="cma_callbacks.companies.trade"
    )
    post_delete.connect(forget, sender=CallbackRequest, dispatch_uid="cma_callbacks.companies.rm")


def enrich(sender, callback_request: CallbackRequest, **kwargs) -> None:
    if callback_request.siret:
        companies.enrich_later(callback_request, callback_request.siret)


def prefill_trade(sender, instance: CallbackRequest, identity, **kwargs) -> None:
    """The artisan left the trade empty: the directory's activity says it for them."""
    if identity.naf_label:
        CallbackRequest.objects.filter(pk=instance.pk, trade="").update(
            trade=identity.naf_label[:MAX_TRADE]
        )


def forget(sender, instance: CallbackRequest, **kwargs) -> None:
    companies.forget(CallbackRequest, [instance.pk])
