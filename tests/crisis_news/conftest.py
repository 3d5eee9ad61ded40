import datetime as dt

import pytest

from tests.factories import CrisisNewsIndexPageFactory, CrisisNewsPageFactory, NewsTopicFactory

TODAY = dt.date.today()


@pytest.fixture
def news_index(home_page):
    return CrisisNewsIndexPageFactory(parent=home_page, title="Actualités de crise", slug="crise")


@pytest.fixture
def topics(db):
    return {
        "aides": NewsTopicFactory(name="Aides financières", crisis_related=True),
        "banque": NewsTopicFactory(name="Banque et trésorerie", crisis_related=True),
        "formation": NewsTopicFactory(name="Formation"),
    }


@pytest.fixture
def make_news(news_index):
    def make(**kwargs):
        kwargs.setdefault("parent", news_index)
        return CrisisNewsPageFactory(**kwargs)

    return make
