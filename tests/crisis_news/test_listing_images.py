"""Crisis news cards and pages show their listing image; the index's queries stay constant
however many news have a picture (the renditions are prefetched in one query)."""

import pytest

from tests.factories import CrisisNewsPageFactory, ImageFactory


@pytest.mark.parametrize("count", [2, 8])
def test_index_cards_show_their_pictures_in_constant_queries(
    client, news_index, count, django_assert_max_num_queries
):
    for n in range(count):
        CrisisNewsPageFactory(
            parent=news_index,
            slug=f"mesure-{n}",
            listing_image=ImageFactory(description=f"Illustration {n}"),
        )
    client.get(news_index.url)  # renditions are generated on the first view
    # 12 for the listing and its pictures, + 1 for the site frame (menu and breadcrumbs).
    with django_assert_max_num_queries(13):
        html = client.get(news_index.url).content.decode()
    assert html.count("<picture>") == count
    assert 'alt="Illustration 0"' in html
    # The first card is eager (it may be the largest paint), the others lazy.
    assert html.count('loading="lazy"') == count - 1


def test_a_news_page_shows_its_picture_eagerly(client, news_index):
    page = CrisisNewsPageFactory(
        parent=news_index, listing_image=ImageFactory(description="Des pièces en euros")
    )
    html = client.get(page.url).content.decode()
    figure = html[html.index('class="cma-figure cma-news__image"') :]
    assert 'alt="Des pièces en euros"' in figure and 'fetchpriority="high"' in figure
    assert 'loading="lazy"' not in figure[: figure.index("</figure>")]


def test_a_news_without_picture_has_none(client, news_index):
    page = CrisisNewsPageFactory(parent=news_index)
    assert "<picture>" not in client.get(page.url).content.decode()
