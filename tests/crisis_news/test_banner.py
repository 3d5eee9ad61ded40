import re

import pytest


def banner(html):
    match = re.search(r'<div class="cma-crisis-banner".*?</button>', html, re.S)
    return match.group(0) if match else None


@pytest.fixture
def crisis_on(chamber, news_index):
    chamber.crisis_mode = True
    chamber.crisis_banner_message = "Crise sanitaire : les aides en vigueur"
    chamber.crisis_banner_link_page = news_index
    chamber.crisis_banner_link_text = "Voir les actualités de crise"
    chamber.save()
    return chamber


@pytest.mark.django_db
def test_banner_is_on_every_page_when_crisis_mode_is_on(client, crisis_on, news_index, make_news):
    news = make_news()
    for url in ("/", news_index.url, news.url):
        html = banner(client.get(url).content.decode())
        assert html is not None, url
        assert 'role="region" aria-label="Information de crise"' in html
        assert f'<a class="cma-crisis-banner__link" href="{news_index.url}">' in html
        assert "Voir les actualités de crise" in html and "03 81 21 22 23" in html
        # The close button exists only for JavaScript, which reveals it.
        assert re.search(
            r'<button type="button"[^>]*aria-controls="cma-crisis-banner"[^>]*hidden>', html
        )


@pytest.mark.django_db
def test_banner_is_off_without_crisis_mode(client, chamber, news_index):
    chamber.crisis_banner_message = "Message préparé à l'avance"
    chamber.crisis_banner_link_page = news_index
    chamber.save()
    assert "cma-crisis-banner" not in client.get(news_index.url).content.decode()


@pytest.mark.django_db
def test_banner_never_links_to_an_unpublished_page(client, crisis_on, news_index):
    news_index.unpublish()
    html = banner(client.get("/").content.decode())
    assert html is not None and "cma-crisis-banner__link" not in html


@pytest.mark.django_db
def test_a_new_message_shows_again_after_a_dismissal(client, crisis_on):
    def key():
        html = banner(client.get("/").content.decode())
        return re.search(r'data-cma-dismiss-key="([0-9a-f]+)"', html).group(1)

    first = key()
    assert key() == first
    crisis_on.crisis_banner_message = "Nouveau : le fonds de solidarité est prolongé"
    crisis_on.save()
    assert key() != first
