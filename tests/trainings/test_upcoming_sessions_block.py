"""``UpcomingSessionsBlock`` with the trainings app installed."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import RequestFactory, override_settings

from cma_wagtail.blocks import BodyBlock, UpcomingSessionsBlock
from tests.factories import RegistrationFactory, TrainingPageFactory, TrainingSessionFactory

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def request_(site):
    return RequestFactory().get("/", HTTP_HOST=site.hostname, SERVER_PORT=site.port)


def _start(days, hour):
    day = dt.date.today() + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=PARIS)


@pytest.fixture
def sessions(training, catalogue):
    soon = TrainingSessionFactory(
        page=training, start=_start(5, 9), end=_start(5, 12), capacity=2, format="remote"
    )
    RegistrationFactory(session=soon, status="confirmed")
    RegistrationFactory(session=soon, status="confirmed")
    later = TrainingSessionFactory(
        page=training,
        start=_start(12, 14),
        end=_start(12, 17),
        capacity=9,
        format="onsite",
        place="CMA du Doubs, Besançon",
    )
    other = TrainingPageFactory(parent=catalogue, title="Trésorerie : négocier avec sa banque")
    third = TrainingSessionFactory(page=other, start=_start(8, 9), end=_start(8, 12), capacity=9)
    return {"soon": soon, "later": later, "other": third}


@pytest.mark.django_db
@override_settings(TIME_ZONE="UTC")  # shown in French time whatever the server's zone
def test_sessions_with_date_format_seats_and_registration(sessions, request_):
    block = UpcomingSessionsBlock()
    value = block.to_python({"heading": "Prochaines sessions", "number": 5})
    html = block.render(value, context={"request": request_})
    assert "Prochaines sessions</h2>" in html
    assert html.count('class="cma-session"') == 3
    soon, later = sessions["soon"], sessions["later"]
    assert html.index(f"/sessions/{soon.pk}/register/") < html.index(
        f"/sessions/{later.pk}/register/"
    )
    assert "9\u00a0h\u00a0– 12\u00a0h" in html and "14\u00a0h\u00a0– 17\u00a0h" in html
    assert "Complet – liste d’attente" in html and "M’inscrire sur la liste d’attente" in html
    assert "9 places restantes" in html
    assert "Présentiel · CMA du Doubs, Besançon" in html
    assert "secret-room" not in html  # the private videoconference link


@pytest.mark.django_db
@override_settings(TIME_ZONE="UTC")
def test_sessions_json_and_training_filter(sessions, training, request_):
    block = UpcomingSessionsBlock()
    value = block.to_python({"number": 1, "training": str(training.pk)})
    api = block.get_api_representation(value, {"request": request_})
    soon = sessions["soon"]
    assert api == {
        "heading": "Prochaines sessions de formation",
        "available": True,
        "items": [
            {
                "id": soon.pk,
                "training": {
                    "id": training.pk,
                    "title": "Maintenir le cap !",
                    "url": training.get_url(request_),
                },
                "start": _start(5, 9).isoformat(),
                "end": _start(5, 12).isoformat(),
                "format": "remote",
                "format_label": "À distance",
                "place": "Visioconférence",
                "seats_left": 0,
                "full": True,
                "register_url": soon.get_register_url(),
                "ics_url": soon.get_ics_url(),
            }
        ],
    }
    assert "secret-room" not in str(api) and "Artisan" not in str(api)
    pytest.importorskip("pydantic")
    block.get_api_schema().model_validate(api)


@pytest.mark.django_db
def test_no_session_says_so(training, request_):
    html = UpcomingSessionsBlock().render(
        UpcomingSessionsBlock().to_python({"number": 3}), context={"request": request_}
    )
    assert "Aucune session programmée pour le moment." in html


@pytest.mark.django_db
def test_training_choices(training):
    field = UpcomingSessionsBlock().child_blocks["training"].field
    assert (str(training.pk), "Maintenir le cap !") in list(field.choices)


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 10])
def test_constant_queries(catalogue, request_, count, django_assert_max_num_queries):
    for n in range(count):
        session = TrainingSessionFactory(
            page=TrainingPageFactory(parent=catalogue),
            start=_start(n + 2, 9),
            end=_start(n + 2, 12),
        )
        RegistrationFactory(session=session)
    body = BodyBlock()
    value = body.to_python([{"type": "upcoming_sessions", "value": {"number": count}}])
    # Render then API, measured 4 at 2 and at 10: the sessions with their seats and training
    # (one query per listing), the site and its root paths for the trainings' URLs.
    with django_assert_max_num_queries(4):
        html = body.render(value, context={"request": request_})
        api = body.get_api_representation(value, context={"request": request_})
    assert html.count('class="cma-session"') == count
    assert len(api[0]["value"]["items"]) == count
