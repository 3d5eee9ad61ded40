"""Models of the trainings capability (label ``cma_trainings``)."""

from .pages import TrainingIndexPage, TrainingPage
from .registrations import Registration
from .sessions import TrainingSession
from .themes import Format, TrainingTheme

__all__ = [
    "Format",
    "Registration",
    "TrainingIndexPage",
    "TrainingPage",
    "TrainingSession",
    "TrainingTheme",
]
