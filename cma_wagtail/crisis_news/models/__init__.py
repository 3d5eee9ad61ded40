"""Models of the crisis news capability (importable from ``cma_wagtail.crisis_news.models``)."""

from .pages import (
    CrisisNewsIndexPage,
    CrisisNewsIndexPageMixin,
    CrisisNewsPage,
    CrisisNewsPageMixin,
    CrisisNewsPageQuerySet,
    Urgency,
)
from .subscriptions import AlertDelivery, NewsAlert, Pace, Subscriber
from .topics import NewsTopic

__all__ = [
    "AlertDelivery",
    "NewsAlert",
    "Pace",
    "Subscriber",
    "CrisisNewsIndexPage",
    "CrisisNewsIndexPageMixin",
    "CrisisNewsPage",
    "CrisisNewsPageMixin",
    "CrisisNewsPageQuerySet",
    "NewsTopic",
    "Urgency",
]
