"""Models of the crisis news capability (importable from ``cma_wagtail.crisis_news.models``)."""

from .pages import CrisisNewsIndexPage, CrisisNewsPage, CrisisNewsPageQuerySet, Urgency
from .topics import NewsTopic

__all__ = [
    "CrisisNewsIndexPage",
    "CrisisNewsPage",
    "CrisisNewsPageQuerySet",
    "NewsTopic",
    "Urgency",
]
