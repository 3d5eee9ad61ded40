"""The capability apps of the package, and whether each is installed.

Core code that optionally enriches a capability asks :func:`is_installed` and degrades
gracefully; capabilities never import each other (DESIGN.md rule 1).
"""

from __future__ import annotations

from django.apps import apps

#: app label → module path of every capability shipped in the distribution.
CAPABILITIES: dict[str, str] = {
    "cma_crisis_news": "cma_wagtail.crisis_news",
    "cma_initiatives": "cma_wagtail.initiatives",
    "cma_trainings": "cma_wagtail.trainings",
    "cma_callbacks": "cma_wagtail.callbacks",
}


def is_installed(label: str) -> bool:
    return label in CAPABILITIES and apps.is_installed(CAPABILITIES[label])


def installed() -> list[str]:
    return [label for label in CAPABILITIES if is_installed(label)]
