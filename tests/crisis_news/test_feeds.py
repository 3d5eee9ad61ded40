import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from .conftest import TODAY

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news(make_news, topics):
    return [
        make_news(
            title="Fonds de solidarité",
            summary="Jusqu'à 1 500 € pour les entreprises fermées.",
            published_on=dt.date(2020, 4, 2),
            last_reviewed_at=dt.date(2020, 4, 14),
            topics=[topics["aides"]],
        ),
        make_news(
            title="Formation", published_on=dt.date(2020, 4, 10), topics=[topics["formation"]]
        ),
        make_news(title="Terminée", valid_until=TODAY - dt.timedelta(days=1)),
        make_news(title="Brouillon", live=False),
    ]


@pytest.mark.django_db
def test_rss_feed(client, news_index, news):
    response = client.get(f"{news_index.url}feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    assert channel.findtext("link") == news_index.get_full_url()
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Formation", "Fonds de solidarité"]
    fonds = items[1]
    assert fonds.findtext("description") == "Jusqu'à 1 500 € pour les entreprises fermées."
    assert fonds.findtext("link") == news[0].get_full_url()
    assert fonds.findtext("category") == "Aides financières"
    assert fonds.findtext("pubDate").startswith("Thu, 02 Apr 2020")


@pytest.mark.django_db
def test_atom_feed(client, news_index, news):
    response = client.get(f"{news_index.url}atom/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Formation", "Fonds de solidarité"]
    fonds = entries[1]
    assert fonds.findtext(f"{ATOM}published").startswith("2020-04-02")
    assert fonds.findtext(f"{ATOM}updated").startswith("2020-04-14")
    assert fonds.find(f"{ATOM}category").get("term") == "Aides financières"


@pytest.mark.django_db
@pytest.mark.parametrize("route", ["feed/", "atom/"])
def test_feeds_honour_the_topic_filter(client, news_index, news, route):
    response = client.get(f"{news_index.url}{route}?topic=formation")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<title>Formation</title>" in body
    assert "<title>Fonds de solidarité</title>" not in body
    assert client.get(f"{news_index.url}{route}?topic=inconnu").status_code == 404
