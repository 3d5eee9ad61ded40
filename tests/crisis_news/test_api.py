import datetime as dt

import pytest

FIELDS = "summary,urgency,topics,pinned,published_on,last_reviewed_at,valid_until,is_expired,source_url,body,related_links"


@pytest.mark.django_db
@pytest.mark.urls("tests.crisis_news.api_urls")
def test_api_v2_lists_news_with_their_fields(client, make_news, topics, news_index):
    make_news(
        title="Prêt garanti par l'État",
        summary="Jusqu'à 25 % du chiffre d'affaires.",
        urgency="important",
        topics=[topics["banque"], topics["aides"]],
        published_on=dt.date(2020, 3, 25),
        last_reviewed_at=dt.date(2020, 4, 14),
        valid_until=dt.date(2020, 12, 31),
        body=[{"type": "paragraph", "value": "<p>Votre banque vous répond sous 5 jours.</p>"}],
    )
    response = client.get(
        "/api/v2/pages/", {"type": "cma_crisis_news.CrisisNewsPage", "fields": FIELDS}
    )
    assert response.status_code == 200, response.content
    (item,) = response.json()["items"]
    assert item["title"] == "Prêt garanti par l'État"
    assert item["urgency"] == "important"
    assert [t["slug"] for t in item["topics"]] == ["aides-financieres", "banque-et-tresorerie"]
    assert item["topics"][0]["name"] == "Aides financières"
    assert item["published_on"] == "2020-03-25"
    assert item["last_reviewed_at"] == "2020-04-14"
    assert item["valid_until"] == "2020-12-31"
    assert item["is_expired"] is True
    assert item["body"][0]["type"] == "paragraph"
    index = client.get(
        "/api/v2/pages/", {"type": "cma_crisis_news.CrisisNewsIndexPage", "fields": "intro"}
    ).json()["items"]
    assert [i["id"] for i in index] == [news_index.pk]
