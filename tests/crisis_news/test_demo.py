import os

import pytest
import swapper
from django.core.management import call_command
from wagtail.models import Site

from cma_wagtail.crisis_news.models import CrisisNewsIndexPage, CrisisNewsPage, NewsTopic
from cma_wagtail.models import ChamberSettings

Page = swapper.load_model("wagtailcore", "Page")


@pytest.mark.django_db
def test_demo_has_a_news_index_an_urgent_item_and_the_banner(client):
    with open(os.devnull, "w") as out:
        call_command("load_demo_data", stdout=out)
        counts = (Page.objects.count(), NewsTopic.objects.count())
        call_command("load_demo_data", stdout=out)
    assert (Page.objects.count(), NewsTopic.objects.count()) == counts  # idempotent

    index = CrisisNewsIndexPage.objects.get()
    news = CrisisNewsPage.objects.child_of(index).live()
    assert news.count() == 6
    assert news.filter(urgency="urgent").count() == 1
    assert news.filter(pinned=True).count() == 1
    assert sum(page.is_expired for page in news) == 1
    assert NewsTopic.objects.count() == 5

    chamber = ChamberSettings.for_site(Site.objects.get(is_default_site=True))
    assert chamber.crisis_mode and chamber.crisis_banner_link_page_id == index.pk

    home = client.get("/").content.decode()
    assert "cma-crisis-banner" in home and f'href="{index.url}"' in home
    listing = client.get(index.url).content.decode()
    assert "Cellule de crise\u00a0: un conseiller vous rappelle" in listing
    assert "Urgent" in listing and "Afficher aussi la mesure expirée (1)" in listing
    urgent = news.get(urgency="urgent")
    page = client.get(urgent.url).content.decode()
    assert "SpecialAnnouncement" in page and "Fonds de solidarité" in page
    assert client.get(f"{index.url}feed/").status_code == 200


@pytest.mark.django_db
def test_demo_news_pages_carry_the_callback_block(client):
    with open(os.devnull, "w") as out:
        call_command("load_demo_data", stdout=out)
        news = CrisisNewsPage.objects.live()
        for page in news:
            assert [c.block_type for c in page.body].count("callback_request") == 1
        # A demo database built before the block was added gets it on the next run.
        page = news.get(urgency="urgent")
        types = [child.block_type for child in page.body]
        del page.body[types.index("callback_request")]
        page.save_revision().publish()
        call_command("load_demo_data", stdout=out)
        call_command("load_demo_data", stdout=out)
    page.refresh_from_db()
    assert [c.block_type for c in page.body].count("callback_request") == 1
    html = client.get(page.url).content.decode()
    assert "Une question sur cette mesure\u00a0? Un conseiller vous rappelle" in html
