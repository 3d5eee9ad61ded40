import datetime as dt
import re

import pytest
from django.test import override_settings

from tests.factories import CrisisNewsIndexPageFactory, CrisisNewsPageFactory

from .conftest import TODAY


def titles(html):
    return re.findall(r'class="cma-news-card__title"><a href="[^"]*">([^<]*)</a>', html)


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_pinned_first_then_newest(client, news_index, make_news):
    make_news(title="Ancienne", published_on=dt.date(2020, 3, 16))
    make_news(title="Récente", published_on=dt.date(2020, 4, 20))
    make_news(title="Épinglée", published_on=dt.date(2020, 3, 1), pinned=True)
    make_news(title="Milieu", published_on=dt.date(2020, 4, 1))
    html = get(client, news_index.url)
    assert titles(html) == ["Épinglée", "Récente", "Milieu", "Ancienne"]
    assert "Épinglée" in html and "À la une" in html


@pytest.mark.django_db
def test_only_live_children_of_this_index(client, home_page, news_index, make_news):
    make_news(title="Publiée")
    make_news(title="Brouillon", live=False)
    other = CrisisNewsIndexPageFactory(parent=home_page, title="Autre", slug="autre")
    CrisisNewsPageFactory(parent=other, title="D'un autre index")
    assert titles(get(client, news_index.url)) == ["Publiée"]


@pytest.mark.django_db
def test_topic_and_urgency_filters(client, news_index, make_news, topics):
    make_news(title="Fonds", topics=[topics["aides"]], urgency="urgent")
    make_news(title="Prêt garanti", topics=[topics["aides"], topics["banque"]])
    make_news(title="Formation", topics=[topics["formation"]], urgency="urgent")
    url = news_index.url
    assert sorted(titles(get(client, url, topic="aides-financieres"))) == ["Fonds", "Prêt garanti"]
    assert sorted(titles(get(client, url, urgency="urgent"))) == ["Fonds", "Formation"]
    both = get(client, url, topic="aides-financieres", urgency="urgent")
    assert titles(both) == ["Fonds"]
    # The form shows the current choice, and a way back to everything.
    assert '<option value="aides-financieres" selected>' in both
    assert '<option value="urgent" selected>' in both
    assert "Effacer les filtres" in both
    # Unknown values are ignored rather than emptying the list.
    assert len(titles(get(client, url, topic="inconnu", urgency="x"))) == 3


@pytest.mark.django_db
@override_settings(CMA_WAGTAIL_CRISIS_NEWS_PER_PAGE=2)
def test_filters_combine_with_pagination(client, news_index, make_news, topics):
    for day in range(1, 6):
        make_news(
            title=f"Aide {day}",
            published_on=dt.date(2020, 4, day),
            topics=[topics["aides"]] if day != 3 else [],
        )
    first = get(client, news_index.url, topic="aides-financieres")
    assert titles(first) == ["Aide 5", "Aide 4"]
    assert "?topic=aides-financieres&amp;page=2" in first
    second = get(client, news_index.url, topic="aides-financieres", page=2)
    assert titles(second) == ["Aide 2", "Aide 1"]
    assert 'aria-current="page">2<' in second
    # A page number past the end shows the last page rather than an error.
    assert titles(get(client, news_index.url, topic="aides-financieres", page=99)) == [
        "Aide 2",
        "Aide 1",
    ]


@pytest.mark.django_db
def test_expired_hidden_by_default_with_a_link_to_show_them(client, news_index, make_news):
    make_news(title="En cours", valid_until=TODAY)
    make_news(title="Sans fin")
    make_news(title="Terminée", valid_until=TODAY - dt.timedelta(days=1))
    html = get(client, news_index.url)
    assert sorted(titles(html)) == ["En cours", "Sans fin"]
    assert 'href="?expired=1"' in html and "Afficher aussi la mesure expirée (1)" in html
    shown = get(client, news_index.url, expired="1")
    assert sorted(titles(shown)) == ["En cours", "Sans fin", "Terminée"]
    assert "Mesure expirée" in shown
    assert "Masquer les mesures expirées" in shown


@pytest.mark.django_db
def test_empty_states_say_what_to_do(client, news_index, make_news, chamber, topics):
    empty = get(client, news_index.url)
    assert "Aucune actualité n'a encore été publiée ici." in empty
    assert "03 81 21 22 23" in empty
    make_news(title="Fonds")
    filtered = get(client, news_index.url, topic="formation")
    assert "Aucune actualité ne correspond à ces filtres." in filtered
    assert f'href="{news_index.url}">Voir toutes les actualités' in filtered


@pytest.mark.django_db
def test_feed_links_follow_the_topic(client, news_index, topics):
    html = get(client, news_index.url, topic="formation")
    assert 'type="application/rss+xml"' in html
    assert f'href="{news_index.url}feed/?topic=formation"' in html
    assert f'href="{news_index.url}atom/?topic=formation"' in html
