"""Read the directory's ``/search`` answer (its OpenAPI ``payload``) into our fields.

A search by SIRET answers the legal unit (``result``) with the searched establishment in
``matching_etablissements``; ``siege`` is the head office, which may be another
establishment. We keep the establishment that was asked for, and the unit's identity.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import labels


class MalformedAnswer(ValueError):
    """The directory answered something that is not its documented payload."""


def results(payload: Any) -> list[dict]:
    if not isinstance(payload, dict) or not isinstance(payload.get("results", []), list):
        raise MalformedAnswer("no 'results' list in the directory's answer")
    return [item for item in payload.get("results") or [] if isinstance(item, dict)]


def establishment(result: dict, siret: str) -> dict | None:
    """The establishment ``siret`` of a legal unit, from its matching ones or its head office."""
    candidates = [*(result.get("matching_etablissements") or []), result.get("siege") or {}]
    for candidate in candidates:
        if isinstance(candidate, dict) and candidate.get("siret") == siret:
            return candidate
    return None


def find_siret(payload: Any, siret: str) -> tuple[dict, dict] | None:
    """(legal unit, establishment) for ``siret``, or None when the directory does not know it."""
    for result in results(payload):
        place = establishment(result, siret)
        if place is not None:
            return result, place
    return None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _text(value: Any, length: int) -> str:
    return str(value or "").strip()[:length]


def identity_fields(result: dict, place: dict) -> dict[str, Any]:
    """The :class:`~cma_wagtail.companies.models.CompanyIdentity` fields of a found SIRET."""
    naf = _text(result.get("activite_principale") or place.get("activite_principale"), 6)
    nature = _text(result.get("nature_juridique"), 4)
    complements = result.get("complements") or {}
    individual = complements.get("est_entrepreneur_individuel")
    if individual is None:
        individual = nature == labels.INDIVIDUAL_ENTREPRENEUR
    return {
        "siret": _text(place.get("siret"), 14),
        "siren": _text(result.get("siren"), 9),
        "name": _text(result.get("nom_complet") or result.get("nom_raison_sociale"), 255),
        "naf_code": naf,
        "naf_label": labels.naf_label(naf),
        "legal_form_code": nature,
        "legal_form_label": labels.legal_form(nature)[1],
        "category": _text(result.get("categorie_entreprise"), 3),
        "created_on": _date(result.get("date_creation")),
        "address": _text(place.get("adresse"), 255),
        "postcode": _text(place.get("code_postal"), 5),
        "commune": _text(place.get("libelle_commune"), 100),
        "is_individual_entrepreneur": bool(individual),
        # "F" (fermé) for an establishment; "C" (cessée) for the legal unit.
        "is_closed": place.get("etat_administratif") == "F"
        or result.get("etat_administratif") == "C",
    }


def candidates(payload: Any) -> list[dict[str, Any]]:
    """A name search's answer as one entry per establishment an agent may attach."""
    found = []
    for result in results(payload):
        places = result.get("matching_etablissements") or [result.get("siege") or {}]
        for place in places:
            if isinstance(place, dict) and place.get("siret"):
                found.append(identity_fields(result, place))
    return found
