import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from cma_wagtail.trainings.models import TrainingIndexPage
from cma_wagtail.trainings.queries import upcoming_sessions
from tests.factories import (
    RegistrationFactory,
    TrainingPageFactory,
    TrainingSessionFactory,
    TrainingThemeFactory,
)

from .helpers import build_catalogue

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [t.title for t in response.context["trainings"]]


@pytest.fixture
def varied(catalogue):
    gestion = TrainingThemeFactory(name="Gestion", slug="gestion")
    numerique = TrainingThemeFactory(name="Numérique", slug="numerique")
    soon = timezone.now() + dt.timedelta(days=5)
    cap = TrainingPageFactory(parent=catalogue, title="Maintenir le cap !", theme=gestion)
    full = TrainingSessionFactory(
        page=cap, start=soon, end=soon + dt.timedelta(hours=3), capacity=2
    )
    RegistrationFactory.create_batch(2, session=full)
    tresorerie = TrainingPageFactory(
        parent=catalogue, title="Trésorerie", theme=gestion, format="onsite"
    )
    TrainingSessionFactory(
        page=tresorerie, start=soon, end=soon + dt.timedelta(hours=7), capacity=12
    )
    web = TrainingPageFactory(
        parent=catalogue, title="Vendre en ligne", theme=numerique, format="blended"
    )
    past = timezone.now() - dt.timedelta(days=3)
    TrainingSessionFactory(page=web, start=past, end=past + dt.timedelta(hours=3))
    return {"cap": cap, "tresorerie": tresorerie, "web": web, "full": full}


def test_catalogue_filters(client, catalogue, varied):
    url = catalogue.url
    assert titles(client.get(url)) == ["Maintenir le cap !", "Trésorerie", "Vendre en ligne"]
    assert titles(client.get(url, {"theme": "numerique"})) == ["Vendre en ligne"]
    assert titles(client.get(url, {"format": "onsite"})) == ["Trésorerie"]
    assert titles(client.get(url, {"format": "remote", "theme": "gestion"})) == [
        "Maintenir le cap !"
    ]
    # Full or past sessions do not count as "with seats".
    assert titles(client.get(url, {"available": "1"})) == ["Trésorerie"]
    # Unknown values are ignored rather than failing.
    assert len(titles(client.get(url, {"format": "teleport"}))) == 3


def test_cards_show_next_session_and_seats(client, catalogue, varied):
    html = client.get(catalogue.url).content.decode()
    assert "Complet – liste d’attente" in html
    assert "12 places restantes" in html
    assert "Aucune session programmée pour le moment." in html
    assert varied["full"].visio_link not in html


@pytest.mark.parametrize("n", [5, 60])
def test_catalogue_queries_do_not_grow(
    client, catalogue, n, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(TrainingIndexPage, "per_page", 100)
    trainings = build_catalogue(catalogue, n)
    with django_assert_max_num_queries(17):  # 16 + the site frame (menu and breadcrumbs)
        response = client.get(catalogue.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="cma-card cma-training-card"') == n
    for training in trainings[:3]:
        for session in training.sessions.all():
            assert session.visio_link not in html
    with django_assert_max_num_queries(17):  # 16 + the site frame (menu and breadcrumbs)
        client.get(catalogue.url, {"available": "1", "theme": trainings[0].theme.slug})


def test_training_page_renders_qualiopi_information(client, training):
    training.is_free = False
    training.price = Decimal("210.00")
    training.funding = "FAFCEA\nOPCO\nCPF"
    training.certification_code = "RS5493"
    training.satisfaction_rate = Decimal("96.5")
    training.satisfaction_date = dt.date(2020, 6, 30)
    training.save_revision().publish()
    session = TrainingSessionFactory(page=training)
    html = client.get(training.url).content.decode()
    for expected in (
        "Objectifs",
        "Établir le diagnostic de son entreprise.",
        "3,5 heures",
        "À distance",
        "Chefs d&#x27;entreprise artisanale",
        "Prérequis",
        "Méthodes pédagogiques",
        "Classe virtuelle en groupe de 9",
        "Modalités d’évaluation",
        "210 € net de taxe",
        "<li>FAFCEA</li>",
        "<li>CPF</li>",
        "Inscription jusqu&#x27;à 48 h avant la session",
        "Référent handicap – 03 81 21 22 23",
        "Service formation",
        "RS5493",
        "96,5 % de participants satisfaits",
        "(chiffres de juin\u00a02020)",
        "Informations mises à jour le 1er\u00a0avril\u00a02020.",  # "1er", not "1"
        "9 places restantes",
        session.get_register_url(),
        session.get_ics_url(),
    ):
        assert expected in html, expected
    assert session.visio_link not in html


def test_free_training_says_so(client, training):
    assert "Gratuit" in client.get(training.url).content.decode()


def test_upcoming_sessions_helper(catalogue, django_assert_num_queries):
    trainings = build_catalogue(catalogue, 4)
    with django_assert_num_queries(1):
        sessions = upcoming_sessions(limit=5)
        summary = [(s.page.title, s.seats_left) for s in sessions]
    assert len(summary) == 5
    assert summary[0][1] == 0  # the full sessions come first (sooner)
    only = upcoming_sessions(training_ids=[trainings[0].pk], only_available=True)
    assert [(s.page_id, s.seats_left) for s in only] == [(trainings[0].pk, 9)]
    with django_assert_num_queries(1):
        assert len(upcoming_sessions(limit=None)) == 8
