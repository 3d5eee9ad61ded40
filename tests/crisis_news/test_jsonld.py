import datetime as dt
import json
import re

import pytest


def json_ld(client, page):
    html = client.get(page.url).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.mark.django_db
def test_urgent_news_is_a_special_announcement_with_its_dates(client, make_news, chamber):
    news = make_news(
        title="Fonds de solidarité : dépôt avant le 30 avril",
        urgency="urgent",
        published_on=dt.date(2020, 4, 2),
        last_reviewed_at=dt.date(2020, 4, 14),
        valid_until=dt.date(2099, 4, 30),
    )
    data = json_ld(client, news)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "SpecialAnnouncement"
    assert data["name"] == news.title
    assert data["datePosted"] == "2020-04-02"
    assert data["dateModified"] == "2020-04-14"
    assert data["expires"] == "2099-04-30"
    assert data["url"].endswith(news.url)
    assert data["publisher"]["name"] == "CMA du Doubs"


@pytest.mark.django_db
def test_crisis_topic_makes_a_special_announcement(client, make_news, topics):
    assert json_ld(client, make_news(topics=[topics["aides"]]))["@type"] == "SpecialAnnouncement"


@pytest.mark.django_db
def test_ordinary_news_is_a_news_article(client, make_news, topics):
    news = make_news(topics=[topics["formation"]], published_on=dt.date(2020, 4, 10))
    data = json_ld(client, news)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == news.title
    assert data["datePublished"] == "2020-04-10"
    # Without a last check, the modification date is the publication date.
    assert data["dateModified"] == "2020-04-10"
    assert "expires" not in data


@pytest.mark.django_db
def test_json_ld_cannot_close_its_script(client, make_news):
    news = make_news(title="Masques </script><script>alert(1)</script>")
    html = client.get(news.url).content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(client, news)["headline"] == news.title
