import threading

import pytest
import swapper
from django.db import connection

from cma_wagtail.trainings import services
from cma_wagtail.trainings.models import Registration
from tests.factories import TrainingIndexPageFactory, TrainingPageFactory, TrainingSessionFactory

from .conftest import participant_data


def _training():
    """A published training, even when an earlier transactional test flushed Wagtail's tree."""
    from django.conf import settings
    from wagtail.models import Locale

    Page = swapper.load_model("wagtailcore", "Page")

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    return TrainingPageFactory(parent=TrainingIndexPageFactory(parent=root))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_forty_people_rush_for_nine_seats():
    """Forty people submitted; they all follow their confirmation link at the same instant."""
    session = TrainingSessionFactory(page=_training(), capacity=9)
    pending = [
        services.request_registration(
            session.pk, participant_data(email=f"artisan{i}@example.org")
        )[0]
        for i in range(40)
    ]
    assert Registration.objects.filter(session=session, status="pending").count() == 40
    start = threading.Barrier(40)
    errors, statuses = [], []
    lock = threading.Lock()

    def register(i: int) -> None:
        try:
            start.wait(timeout=30)
            registration = services.confirm(pending[i].pk)
            with lock:
                statuses.append(registration.status)
        except Exception as exc:  # noqa: BLE001  (any error fails the test below)
            with lock:
                errors.append(repr(exc))
        finally:
            connection.close()  # each thread has its own connection: close it

    threads = [threading.Thread(target=register, args=(i,)) for i in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(statuses).count("confirmed") == 9
    assert sorted(statuses).count("waiting") == 31
    assert Registration.objects.filter(session=session, status="confirmed").count() == 9
    assert Registration.objects.filter(session=session, status="waiting").count() == 31
