"""Who registers: the business behind a registration's SIRET, from core's company look-ups.

Connected from ``TrainingsConfig.ready()``. A training's funding (FAFCEA, CPF) depends on
the legal form, the trade and the age of the business: the look-up runs in a task once the
registration is committed, and the identity is deleted with the registration.
"""

from __future__ import annotations

from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _

from cma_wagtail import companies
from cma_wagtail.companies.admin_views import CompanyExportMixin, export_value
from cma_wagtail.exports import SafeExportIndexView

from .models import Registration
from .signals import registration_confirmed, registration_waitlisted


def connect() -> None:
    registration_confirmed.connect(
        enrich, sender=Registration, dispatch_uid="cma_trainings.companies.confirmed"
    )
    registration_waitlisted.connect(
        enrich, sender=Registration, dispatch_uid="cma_trainings.companies.waitlisted"
    )
    post_delete.connect(forget, sender=Registration, dispatch_uid="cma_trainings.companies.rm")


def enrich(sender, registration: Registration, **kwargs) -> None:
    if registration.siret:
        companies.enrich_later(registration, registration.siret)


def forget(sender, instance: Registration, **kwargs) -> None:
    companies.forget(Registration, [instance.pk])


class RegistrationIndexView(CompanyExportMixin, SafeExportIndexView):
    """The registrations inbox, whose export carries the directory's identity (formula-safe
    CSV cells, as every export of the package) and the columns of :mod:`.exports`."""

    @property
    def export_headings(self):
        from .exports import EXPORT_COLUMNS

        return {key: heading for key, heading, _value in EXPORT_COLUMNS}

    def to_row_dict(self, item):
        from .exports import EXPORT_COLUMNS

        return {key: value(item) for key, _heading, value in EXPORT_COLUMNS}


def company_column(model_admin, obj) -> str:
    return export_value(obj)


company_column.short_description = _("Company (directory)")
