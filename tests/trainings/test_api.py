import json

import pytest

from .helpers import build_catalogue

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.trainings.api_urls")]

LISTING = "/api/v2/pages/?type=cma_trainings.TrainingPage&fields=*&limit=100"


@pytest.mark.parametrize("n", [5, 60])
def test_api_listing_queries_do_not_grow(
    client, catalogue, n, settings, django_assert_max_num_queries
):
    settings.WAGTAILAPI_LIMIT_MAX = 100
    trainings = build_catalogue(catalogue, n)
    with django_assert_max_num_queries(12):
        response = client.get(LISTING)
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == n
    item = next(i for i in data["items"] if i["id"] == trainings[0].pk)
    assert item["seats_left"] == 9
    assert [s["seats_left"] for s in item["upcoming_sessions"]] == [0, 9]
    assert item["upcoming_sessions"][0]["is_full"] is True
    assert item["theme"]["name"] == trainings[0].theme.name
    assert item["funders"] == ["FAFCEA", "OPCO"]


def test_api_never_exposes_the_visio_link_or_registrations(client, catalogue):
    (training,) = build_catalogue(catalogue, 1)
    links = [s.visio_link for s in training.sessions.all()]
    listing = client.get(LISTING).content.decode()
    detail = client.get(f"/api/v2/pages/{training.pk}/").content.decode()
    for body in (listing, detail):
        for link in links:
            assert link not in body
        assert "artisan" not in body.lower() or "@example.org" not in body
        assert "visio_link" not in body
    detail_data = json.loads(detail)
    assert detail_data["seats_left"] == 9
    assert detail_data["last_reviewed_at"] == "2020-04-01"
