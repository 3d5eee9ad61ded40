"""The demo tells one story that holds together (issue 15, item 9): the crisis cell of today,
dates relative to the day it is loaded, figures that agree with the counts behind them,
listings titled for what they list, every page two clicks from home, legal pages written out.

Core tests import no capability at module level: each assertion about a capability's
content runs only when it is installed (CMA_TEST_ONLY runs).
"""

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.utils import timezone

from cma_wagtail.base_page import get_base_page_model
from cma_wagtail.capabilities import is_installed
from example_site.demo import cell_opened

MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
DATE_WITH_YEAR = re.compile(rf"(?:\d{{1,2}}(?:er)? )?(?:{MONTHS}) (\d{{4}})")
#: The one old date the demo may print: the law its accessibility statement cites.
LAW = "loi n° 2005-102 du 11 février 2005"
#: The site's base page model (Wagtail's Page, or a site's own: WAGTAIL_PAGE_MODEL).
Page = get_base_page_model()


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href") or ""
            parts = urlsplit(href)
            if not parts.netloc and parts.path.startswith("/"):
                self.links.append(parts.path)


def _links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def _text(html: str) -> str:
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", text)).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def demo(db):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _live_pages():
    return [p for p in Page.objects.live().public().filter(depth__gt=1).specific() if p.url]


def _second_run_changes_nothing():
    from wagtail.images import get_image_model

    before = (
        Page.objects.count(),
        get_image_model().objects.count(),
        sum(p.revisions.count() for p in Page.objects.all()),
    )
    call_command("load_demo_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = (
        Page.objects.count(),
        get_image_model().objects.count(),
        sum(p.revisions.count() for p in Page.objects.all()),
    )
    assert after == before


def _no_page_contradicts_today(client):
    """Every date a reader sees is of last year, this year or next year; no "2020"."""
    years = {timezone.localdate().year + delta for delta in (-1, 0, 1)}
    for page in _live_pages():
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        text = _text(response.content.decode()).replace(LAW, "")
        assert "2020" not in text, page.url
        seen = {int(year) for year in DATE_WITH_YEAR.findall(text)}
        assert seen <= years, (page.url, seen - years)


def _french_spaces(client):
    """French typography on every page: a non-breaking space before « : ; ! ? » » and after
    « « », so that a phone never starts a line with a colon or an exclamation mark."""
    for page in _live_pages():
        html = client.get(page.url).content.decode()
        text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
        text = re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", "", text)))
        found = re.findall(r".{0,30}(?:\w [:;!?»]|« ).{0,10}", text)
        assert found == [], (page.url, found)


def _story_starts_when_the_cell_opened():
    opened, today = cell_opened(), timezone.localdate()
    if is_installed("cma_crisis_news"):
        from cma_wagtail.crisis_news.models import CrisisNewsPage

        for news in CrisisNewsPage.objects.all():
            assert opened <= news.published_on <= today, news.title
    if is_installed("cma_initiatives"):
        from cma_wagtail.initiatives.models import InitiativePage

        for initiative in InitiativePage.objects.live():
            assert opened <= initiative.started_on <= today, initiative.title
            if initiative.voucher_valid_until:
                assert initiative.voucher_valid_until > today
    if is_installed("cma_callbacks"):
        from cma_wagtail.callbacks.models import CallbackRequest

        assert not CallbackRequest.objects.filter(created_at__date__lt=opened).exists()


def _key_figure_is_the_count_behind_it(client):
    if not is_installed("cma_callbacks"):
        return
    from cma_wagtail.callbacks.stats import artisans_called_back_since

    count = artisans_called_back_since(cell_opened())
    assert count > 0
    shown = 0
    for page in _live_pages():
        html = client.get(page.url).content.decode()
        text = _text(html)
        # No figure typed in a text that the live counter would contradict.
        assert "600" not in text, page.url
        for live in re.findall(
            r'cma-key-figure--live">\s*<p class="cma-key-figure__value">([^<]+)</p>', html
        ):
            assert live.strip() == str(count), page.url
            shown += 1
    # The crisis cell's page, and the news that speaks of the calls when crisis news is there.
    assert shown >= (2 if is_installed("cma_crisis_news") else 1)
    crisis_cell = Page.objects.get(slug="cellule-de-crise")
    assert "cma-key-figure--live" in client.get(crisis_cell.url).content.decode()


def _every_page_is_two_clicks_from_home(client):
    home = client.get("/").content.decode()
    reached = {"/"} | set(_links(home))
    for path in list(reached):
        response = client.get(path)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            reached |= set(_links(response.content.decode()))
    # Expired measures are the exception: archived one click further (the index's "show the
    # expired measures too" link), out of the way of the measures that apply.
    missing = [
        page.url
        for page in _live_pages()
        if page.url not in reached and not getattr(page, "is_expired", False)
    ]
    assert missing == []


def _home_hero(client):
    html = client.get("/").content.decode()
    hero = html[html.index('class="site-hero"') : html.index("</section>", html.index("site-hero"))]
    assert "cellule de crise" in hero
    if is_installed("cma_callbacks"):
        anchor = re.search(r'href="#(cma-callback-[^"]+)"', hero).group(1)
        assert "Être rappelé" in hero and f'id="{anchor}"' in html
    expected = ["/cellule-de-crise/"]
    for app, path in [
        ("cma_crisis_news", "/actualites-de-crise/"),
        ("cma_initiatives", "/initiatives/"),
        ("cma_trainings", "/formations/"),
    ]:
        if is_installed(app):
            expected.append(path)
    assert sorted(p for p in _links(hero) if p != "/") == sorted(expected)


def _listings_are_titled_for_what_they_list():
    from example_site.home.models import HomePage

    home = HomePage.objects.get()
    for child in home.body:
        if child.block_type == "upcoming_sessions" and not child.value.get("training"):
            # Every training's sessions: the heading names none of them.
            assert "Maintenir le cap" not in child.value["heading"]
        if child.block_type == "initiatives":
            assert "du Doubs" not in child.value["heading"]  # one initiative is in Brittany


def _urgent_measure_after_the_pinned_one(client):
    if not is_installed("cma_crisis_news"):
        return
    from cma_wagtail.crisis_news.models import CrisisNewsIndexPage

    index = CrisisNewsIndexPage.objects.get()
    html = client.get(index.url).content.decode()
    titles = re.findall(r'class="cma-news-card__title"><a href="[^"]+">([^<]+)</a>', html)
    assert titles[0].startswith("Cellule de crise")
    assert titles[1].startswith("Fonds de solidarité")


def _disability_contact_said_once(client):
    if not is_installed("cma_trainings"):
        return
    from cma_wagtail.trainings.models import TrainingPage

    for training in TrainingPage.objects.all():
        text = _text(client.get(training.url).content.decode()).lower()
        assert "handicap : référent" not in text and "référent handicap : claire" in text


def _every_card_has_its_picture(client):
    listings = [
        ("cma_crisis_news", "/actualites-de-crise/", "cma-news-card__title"),
        ("cma_initiatives", "/initiatives/", "cma-initiative-card__title"),
        ("cma_trainings", "/formations/", "cma-training-card__title"),
    ]
    for app, path, title_class in listings:
        if not is_installed(app):
            continue
        html = client.get(path).content.decode()
        cards = html.count(f'class="{title_class}"')
        assert cards > 0
        assert html.count("<picture>") == cards, path


def _legal_pages_written_out(client):
    privacy = _text(client.get("/donnees-personnelles/").content.decode())
    for words in ("Demandes de rappel", "Inscriptions aux formations", "Propositions", "Alertes"):
        assert words in privacy
    assert "365 jours" in privacy and "48 heures" in privacy and "7 jours" in privacy
    assert "1095 jours après la formation" in privacy
    assert "CNIL" in privacy
    statement = _text(client.get("/accessibilite/").content.decode())
    for section in (
        "État de conformité",
        "non conforme",
        "n'a pas encore fait l'objet d'un audit",
        "Contenus non accessibles",
        "Établissement de cette déclaration",
        "Retour d'information et contact",
        "Voies de recours",
        "Défenseur des droits",
    ):
        assert section in statement, section
    notice = _text(client.get("/mentions-legales/").content.decode())
    assert "Éditeur du site" in notice and "Hébergement" in notice


# Three tests, each loading the demo once (about 15 s each on SQLite).


def test_a_second_run_changes_nothing_and_the_story_starts_when_the_cell_opened(demo):
    _second_run_changes_nothing()
    _story_starts_when_the_cell_opened()


def test_pages_agree_with_today_with_the_counts_and_with_the_law(demo, client):
    _no_page_contradicts_today(client)
    _french_spaces(client)
    _key_figure_is_the_count_behind_it(client)
    _disability_contact_said_once(client)
    _legal_pages_written_out(client)


def test_home_leads_everywhere_and_listings_show_what_they_say(demo, client):
    _home_hero(client)
    _every_page_is_two_clicks_from_home(client)
    _listings_are_titled_for_what_they_list()
    _urgent_measure_after_the_pinned_one(client)
    _every_card_has_its_picture(client)
