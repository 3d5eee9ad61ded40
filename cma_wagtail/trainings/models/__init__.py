"""Models of the trainings capability (label ``cma_trainings``)."""

from .pages import TrainingIndexPage, TrainingIndexPageMixin, TrainingPage, TrainingPageMixin
from .registrations import Registration
from .sessions import TrainingSession
from .themes import Format, TrainingTheme

__all__ = [
    "Format",
    "Registration",
    "TrainingIndexPage",
    "TrainingIndexPageMixin",
    "TrainingPage",
    "TrainingPageMixin",
    "TrainingSession",
    "TrainingTheme",
]
