import time

import pytest
from django.core import signing

from cma_wagtail.forms import TIMESTAMP_SALT
from tests.factories import TrainingIndexPageFactory, TrainingPageFactory, TrainingSessionFactory


@pytest.fixture
def catalogue(home_page):
    return TrainingIndexPageFactory(parent=home_page, title="Formations", slug="formations")


@pytest.fixture
def training(catalogue):
    return TrainingPageFactory(
        parent=catalogue, title="Maintenir le cap !", slug="maintenir-le-cap"
    )


@pytest.fixture
def session(training):
    return TrainingSessionFactory(page=training, capacity=9)


PARTICIPANT = {
    "first_name": "Nadia",
    "last_name": "Perrin",
    "email": "nadia@coeur-tricot.example",
    "phone": "06 12 34 56 78",
    "business_name": "Au Cœur du Tricot",
    "siret": "732 829 320 00074",
    "trade": "Tricoteuse",
    "legal_form": "micro",
    "employees": "0",
}
DIAGNOSTIC = {
    "difficulties": ["revenue", "cash"],
    "cash_position": "tight",
    "expectations": "Savoir quelles aides demander.",
}


class Wizard:
    """Drives the three steps of the registration wizard through the test client."""

    def __init__(self, client, session):
        self.client = client
        self.session = session
        self.url = session.get_register_url()
        self.prefix = f"cma_trainings_register_{session.pk}"

    def start(self):
        return self.client.get(self.url)

    def post(self, step, data):
        payload = {f"{self.prefix}-current_step": step}
        payload.update({f"{step}-{k}": v for k, v in data.items()})
        if step == "participant":
            payload.setdefault(
                "participant-form_started", signing.dumps(time.time(), salt=TIMESTAMP_SALT)
            )
        return self.client.post(self.url, payload)

    def run(self, participant=None, diagnostic=None, consent=True):
        self.start()
        self.post("participant", {**PARTICIPANT, **(participant or {})})
        self.post("diagnostic", {**DIAGNOSTIC, **(diagnostic or {})})
        return self.post("consent", {"consent": "on"} if consent else {})


@pytest.fixture
def wizard(client, session):
    return Wizard(client, session)


def participant_data(**overrides):
    data = {
        "first_name": "Xavier",
        "last_name": "Brignon",
        "email": "xavier@patisserie.example",
        "phone": "+33612345678",
        "business_name": "Pâtisserie Xavier Brignon",
        "siret": "73282932000074",
        "trade": "Pâtissier",
        "legal_form": "sarl",
        "employees": 3,
        "diagnostic": {"difficulties": ["cash"], "cash_position": "tight", "expectations": "…"},
        "consent": True,
    }
    data.update(overrides)
    return data


def confirmation_path(message) -> str:
    """The path of the confirmation link in a confirmation-request email."""
    import re
    from urllib.parse import urlsplit

    match = re.search(r"https?://\S+/confirm/\S+/", message.body)
    assert match, message.body
    return urlsplit(match.group(0)).path


def register_and_confirm(session, **overrides):
    """A registration as the participant makes it: submitted, then confirmed by email."""
    from cma_wagtail.trainings import services

    pending, _created = services.request_registration(session.pk, participant_data(**overrides))
    return services.confirm(pending.pk)
