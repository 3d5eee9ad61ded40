import datetime as dt

from django.utils import timezone

from tests.factories import (
    RegistrationFactory,
    TrainingPageFactory,
    TrainingSessionFactory,
    TrainingThemeFactory,
)


def build_catalogue(catalogue, n: int) -> list:
    """``n`` trainings, each with a full session and an open one, themes shared."""
    themes = [TrainingThemeFactory() for _ in range(3)]
    trainings = []
    soon = timezone.now() + dt.timedelta(days=3)
    for i in range(n):
        training = TrainingPageFactory(parent=catalogue, theme=themes[i % 3])
        full = TrainingSessionFactory(
            page=training, start=soon, end=soon + dt.timedelta(hours=3), capacity=1
        )
        RegistrationFactory(session=full, status="confirmed")
        RegistrationFactory(session=full, status="waiting")
        TrainingSessionFactory(
            page=training,
            start=soon + dt.timedelta(days=7),
            end=soon + dt.timedelta(days=7, hours=3),
            capacity=9,
        )
        trainings.append(training)
    return trainings
