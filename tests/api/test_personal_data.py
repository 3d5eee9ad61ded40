"""No personal data in any read endpoint, for anonymous callers or a token without permission."""

import pytest
from django.utils import timezone

from cma_wagtail.initiatives.models import InitiativeProposal
from tests.factories import (
    CallbackRequestFactory,
    CrisisNewsIndexPageFactory,
    CrisisNewsPageFactory,
    InitiativeIndexPageFactory,
    InitiativePageFactory,
    RegistrationFactory,
    StandardPageFactory,
    TrainingIndexPageFactory,
    TrainingPageFactory,
    TrainingSessionFactory,
    callback_block_value,
)

from .helpers import V3

pytestmark = pytest.mark.django_db

SECRETS = {
    "registration email": "nadia.secret@coeur-tricot.example",
    "registration phone": "+33699887766",
    "registration SIRET": "73282932000074",
    "visio link": "https://visio.example/secret-room-xyz",
    "callback phone": "+33677665544",
    "callback email": "xavier.secret@patisserie.example",
    "callback SIRET": "40483304800022",
    "proposal email": "lucie.secret@trimadel.example",
    "proposal phone": "+33655443322",
    "proposal contact": "Lucie Secretname",
}


@pytest.fixture
def everything(home_page, chamber):
    news_index = CrisisNewsIndexPageFactory(parent=home_page)
    body = [{"type": "callback_request", "value": callback_block_value()}]
    news = CrisisNewsPageFactory(parent=news_index, body=body)
    initiatives = InitiativeIndexPageFactory(parent=home_page)
    initiative = InitiativePageFactory(parent=initiatives)
    InitiativeProposal.objects.create(
        page=initiative,
        business_name=initiative.business_name,
        contact_name=SECRETS["proposal contact"],
        email=SECRETS["proposal email"],
        phone=SECRETS["proposal phone"],
        town="Besançon",
        postcode="25000",
        description="x",
        consent_at=timezone.now(),
    )
    catalogue = TrainingIndexPageFactory(parent=home_page)
    training = TrainingPageFactory(parent=catalogue)
    session = TrainingSessionFactory(page=training, visio_link=SECRETS["visio link"])
    RegistrationFactory(
        session=session,
        email=SECRETS["registration email"],
        phone=SECRETS["registration phone"],
        siret=SECRETS["registration SIRET"],
    )
    CallbackRequestFactory(
        phone=SECRETS["callback phone"],
        email=SECRETS["callback email"],
        siret=SECRETS["callback SIRET"],
    )
    StandardPageFactory(parent=home_page, body=body)
    return news, initiative, training


def read_urls(news, initiative, training) -> list[str]:
    urls = []
    for name, page in (("crisis-news", news), ("initiatives", initiative), ("trainings", training)):
        urls += [
            f"{V3}/{name}/",
            f"{V3}/{name}/{page.pk}/",
            f"{V3}/{name}/slug/{page.slug}/",
            f"/api/v2/{name}/?fields=*",
            f"/api/v2/{name}/{page.pk}/",
        ]
    urls += [
        f"{V3}/crisis-news/topics/",
        f"{V3}/initiatives/categories/",
        f"{V3}/form-token/",
        "/api/v3/pages/?limit=20",
        "/api/v2/pages/?fields=*&limit=20",
    ]
    return urls


@pytest.mark.parametrize("caller", ["anonymous", "token without permission"])
def test_no_read_endpoint_shows_personal_data(client, everything, api_token, caller):
    headers = {"Authorization": f"Bearer {api_token}"} if caller != "anonymous" else {}
    for url in read_urls(*everything):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (url, response.content[:300])
        text = response.content.decode()
        for what, secret in SECRETS.items():
            assert secret not in text, f"{what} in {url}"
        assert "visio_link" not in text
