"""Demo company identities: what the directory would say, stored already (no network).

Some demo callback requests get a SIRET and each its identity (found, closed, unknown), and
the first registrations of the training sessions get theirs, so that an agent sees the
*Entreprise* box at once. Fictitious SIRETs, with valid Luhn keys.
"""

import datetime as dt

from django.apps import apps
from django.utils import timezone

from cma_wagtail.companies.labels import LEGAL_FORMS, NAF_LABELS
from cma_wagtail.companies.models import CompanyIdentity
from cma_wagtail.validators import luhn_valid


def _siret(prefix: str) -> str:
    for last in "0123456789":
        if luhn_valid(prefix + last):
            return prefix + last
    raise ValueError(prefix)


def _found(name, naf, nature, created, address, postcode, commune, **extra):
    return {
        "status": CompanyIdentity.Status.FOUND,
        "name": name,
        "naf_code": naf,
        "naf_label": NAF_LABELS.get(naf, ""),
        "legal_form_code": nature,
        "legal_form_label": LEGAL_FORMS.get(nature, ("", ""))[1],
        "category": "PME",
        "created_on": dt.date.fromisoformat(created),
        "address": address,
        "postcode": postcode,
        "commune": commune,
        "is_individual_entrepreneur": nature == "1000",
        **extra,
    }


#: Callback request (business name) → (SIRET prefix, identity).
CALLBACKS = {
    "Pâtisserie Xavier Brignon": (
        "9250000010001",
        _found(
            "XAVIER BRIGNON (PATISSERIE XAVIER BRIGNON)",
            "10.71C",
            "1000",
            "2012-03-01",
            "12 RUE DE LA REPUBLIQUE 25300 PONTARLIER",
            "25300",
            "PONTARLIER",
        ),
    ),
    "Pressing Carrez": (
        "9250000020001",
        _found(
            "PRESSING CARREZ",
            "96.01B",
            "5499",
            "1998-09-14",
            "3 RUE DE LA GARE 25300 PONTARLIER",
            "25300",
            "PONTARLIER",
            is_closed=True,
        ),
    ),
    "Boulangerie Cuenot": ("9250000030001", {"status": CompanyIdentity.Status.NOT_FOUND}),
}

#: Registration (business name) → identity (their demo SIRETs are kept).
REGISTRATIONS = {
    "Pâtisserie Xavier Brignon": CALLBACKS["Pâtisserie Xavier Brignon"][1],
    "Au Cœur du Tricot": _found(
        "AU COEUR DU TRICOT",
        "13.91Z",
        "1000",
        "2016-05-02",
        "1 RUE DU LAC 25160 MONTPERREUX",
        "25160",
        "MONTPERREUX",
    ),
    "Trimadel": _found(
        "TRIMADEL",
        "20.42Z",
        "5710",
        "2005-06-15",
        "8 GRANDE RUE 25160 MALBUISSON",
        "25160",
        "MALBUISSON",
    ),
}


def _store(obj, siret: str, fields: dict, now) -> None:
    from django.contrib.contenttypes.models import ContentType

    CompanyIdentity.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        defaults={
            "siret": siret,
            "siren": siret[:9],
            "looked_up_at": now,
            "attempts": 1,
            **fields,
        },
    )


def load(context):
    now = timezone.now()
    if apps.is_installed("cma_wagtail.callbacks"):
        from cma_wagtail.callbacks.models import CallbackRequest

        for business, (prefix, fields) in CALLBACKS.items():
            siret = _siret(prefix)
            for obj in CallbackRequest.objects.filter(
                business_name=business, siret__in=["", siret]
            ):
                if not obj.siret:
                    obj.siret = siret
                    obj.save(update_fields=["siret"])
                _store(obj, siret, fields, now)
    if apps.is_installed("cma_wagtail.trainings"):
        from cma_wagtail.trainings.models import Registration

        for business, fields in REGISTRATIONS.items():
            for registration in Registration.objects.filter(business_name=business):
                _store(registration, registration.siret, fields, now)
