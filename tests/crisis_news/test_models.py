import datetime as dt
import json
import re

import pytest
import swapper
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cma_wagtail.crisis_news.models import CrisisNewsIndexPage, CrisisNewsPage, NewsTopic
from tests.factories import SuperUserFactory

from .conftest import TODAY

Page = swapper.load_model("wagtailcore", "Page")


@pytest.mark.django_db
def test_page_creation_rules(home_page, news_index):
    assert CrisisNewsIndexPage.can_create_at(home_page)
    assert not CrisisNewsPage.can_create_at(home_page)
    assert CrisisNewsPage.can_create_at(news_index)
    assert not CrisisNewsIndexPage.can_create_at(news_index)
    assert news_index.specific_class.allowed_subpage_models() == [CrisisNewsPage]
    assert CrisisNewsPage.allowed_subpage_models() == []


@pytest.mark.django_db
def test_admin_refuses_a_news_page_outside_an_index(client, home_page, news_index):
    client.force_login(SuperUserFactory())
    outside = client.get(f"/admin/pages/add/cma_crisis_news/crisisnewspage/{home_page.pk}/")
    assert (outside.status_code, outside.url) == (302, "/admin/")  # Wagtail's "permission denied"
    inside = client.get(f"/admin/pages/add/cma_crisis_news/crisisnewspage/{news_index.pk}/")
    assert inside.status_code == 200


@pytest.mark.django_db
def test_editor_sees_french_tabs(client, make_news):
    news = make_news()
    client.force_login(SuperUserFactory())
    html = client.get(f"/admin/pages/{news.pk}/edit/").content.decode()
    for tab in ("Contenu", "Classement et validité", "Promotion"):
        assert tab in html
    assert "Dernière vérification le" in html


@pytest.mark.django_db
def test_published_on_defaults_to_first_publication(news_index):
    draft = CrisisNewsPage(title="Masques", summary="Commande groupée", live=False)
    news_index.add_child(instance=draft)
    assert draft.published_on is None  # a draft has no publication date yet
    draft.save_revision().publish()
    page = CrisisNewsPage.objects.get(pk=draft.pk)
    assert page.published_on == timezone.localdate(page.first_published_at)
    # Publishing again keeps the first publication date.
    page.first_published_at = page.first_published_at - dt.timedelta(days=3)
    page.save()
    page.published_on = None
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.published_on == timezone.localdate(page.first_published_at)
    assert page.published_on == TODAY - dt.timedelta(days=3)


@pytest.mark.django_db
def test_explicit_published_on_is_kept(make_news):
    news = make_news(published_on=dt.date(2020, 3, 16))
    news.save_revision().publish()
    news.refresh_from_db()
    assert news.published_on == dt.date(2020, 3, 16)


@pytest.mark.django_db
def test_last_check_cannot_be_before_publication(make_news):
    news = make_news(published_on=dt.date(2020, 3, 16))
    news.last_reviewed_at = dt.date(2020, 3, 15)
    with pytest.raises(ValidationError) as exc:
        news.full_clean()
    assert list(exc.value.message_dict) == ["last_reviewed_at"]
    assert "16/03/2020" in exc.value.message_dict["last_reviewed_at"][0]
    news.last_reviewed_at = dt.date(2020, 3, 16)
    news.full_clean()
    news.last_reviewed_at = dt.date(2020, 4, 2)
    news.full_clean()
    assert news.reviewed_on == dt.date(2020, 4, 2)


@pytest.mark.django_db
def test_expired_news_page_says_so(client, make_news):
    current = make_news(valid_until=TODAY)
    expired = make_news(valid_until=TODAY - dt.timedelta(days=1))
    assert not current.is_expired and expired.is_expired
    html = client.get(expired.url).content.decode()
    assert "Mesure expirée" in html and "cma-news__expired" in html
    assert "Mesure expirée" not in client.get(current.url).content.decode()


@pytest.mark.django_db
def test_news_page_shows_update_stamp_source_and_links(client, make_news, home_page):
    news = make_news(
        published_on=dt.date(2020, 3, 20),
        last_reviewed_at=dt.date(2020, 4, 14),
        source_url="https://www.economie.gouv.fr/fonds-de-solidarite",
        related_links=[{"type": "link", "value": {"page": home_page.pk, "url": "", "label": ""}}],
    )
    html = client.get(news.url).content.decode()
    assert "Mis à jour le" in html and "14 avril 2020" in html
    assert 'href="https://www.economie.gouv.fr/fonds-de-solidarite"' in html
    assert f'href="{home_page.url}">{home_page.title}</a>' in html


@pytest.mark.django_db
def test_topic_slug_is_built_from_the_name_and_unique(db):
    topic = NewsTopic.objects.create(name="Aides financières")
    assert topic.slug == "aides-financieres"
    other = NewsTopic(name="Aides financières !")
    other.full_clean()
    assert other.slug == "aides-financieres-2"
    kept = NewsTopic.objects.create(name="Social et emploi", slug="social")
    assert kept.slug == "social"


@pytest.mark.django_db
def test_topics_are_managed_in_the_admin(client, db):
    NewsTopic.objects.create(name="Sanitaire")
    client.force_login(SuperUserFactory())
    html = client.get("/admin/").content.decode()
    sidebar = re.search(r'id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html)
    assert "Thèmes d'actualité" in json.dumps(json.loads(sidebar.group(1)), ensure_ascii=False)
    listing = client.get("/admin/snippets/cma_crisis_news/newstopic/")
    assert listing.status_code == 200 and "Sanitaire" in listing.content.decode()
    response = client.post(
        "/admin/snippets/cma_crisis_news/newstopic/add/",
        {"name": "Banque et trésorerie", "slug": "", "description": ""},
    )
    assert response.status_code == 302
    assert NewsTopic.objects.get(name="Banque et trésorerie").slug == "banque-et-tresorerie"


@pytest.mark.django_db
def test_news_cannot_be_moved_out_of_its_index(home_page, make_news):
    news = make_news()
    assert not news.permissions_for_user(SuperUserFactory()).can_move_to(home_page)
    assert Page.objects.type(CrisisNewsPage).count() == 1


def _add_form(topics, **overrides):
    data = {
        "title": "Fonds de solidarité",
        "slug": "fonds-de-solidarite",
        "summary": "Jusqu'à 1 500 € pour les entreprises fermées.",
        "body": streamfield([]),
        "related_links": streamfield([]),
        "source_url": "",
        "urgency": "urgent",
        "published_on": "2020-04-02",
        "last_reviewed_at": "2020-04-14",
        "valid_until": "",
        "pinned": "on",
        "seo_title": "",
        "search_description": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    data = nested_form_data(data)
    data["topics"] = [topics["aides"].pk, topics["banque"].pk]  # a multiple choice, not nested
    return data


@pytest.mark.django_db
def test_editor_publishes_news_through_the_admin(client, news_index, topics):
    client.force_login(SuperUserFactory())
    url = f"/admin/pages/add/cma_crisis_news/crisisnewspage/{news_index.pk}/"
    refused = client.post(url, _add_form(topics, last_reviewed_at="2020-03-01"))
    assert refused.status_code == 200
    assert "La dernière vérification ne peut pas être antérieure" in refused.content.decode()
    assert not CrisisNewsPage.objects.exists()

    response = client.post(url, _add_form(topics))
    assert response.status_code == 302
    news = CrisisNewsPage.objects.get()
    assert news.live and news.pinned and news.urgency == "urgent"
    assert news.last_reviewed_at == dt.date(2020, 4, 14)
    assert [t.slug for t in news.topics.all()] == ["aides-financieres", "banque-et-tresorerie"]


@pytest.mark.django_db
def test_editors_can_preview_index_and_news(client, news_index, topics, make_news):
    client.force_login(SuperUserFactory())
    assert client.get(f"/admin/pages/{news_index.pk}/edit/").status_code == 200
    news = make_news(slug="fonds-de-solidarite")
    url = f"/admin/pages/{news.pk}/edit/preview/"
    posted = client.post(url, _add_form(topics, title="Fonds prolongé"))
    assert posted.json()["is_valid"] is True
    html = client.get(url).content.decode()
    assert "Fonds prolongé" in html and "Banque et trésorerie" in html and "ld+json" in html
    index_preview = f"/admin/pages/{news_index.pk}/edit/preview/"
    client.post(
        index_preview,
        nested_form_data({"title": "Actualités", "slug": "crise", "intro": rich_text("")}),
    )
    assert "Mesure de soutien" in client.get(index_preview).content.decode()


@pytest.mark.django_db
def test_a_draft_saved_in_the_admin_gets_its_date_when_published(client, news_index, topics):
    client.force_login(SuperUserFactory())
    url = f"/admin/pages/add/cma_crisis_news/crisisnewspage/{news_index.pk}/"
    form = _add_form(topics, published_on="", last_reviewed_at="")
    del form["action-publish"]
    assert client.post(url, form).status_code == 302
    draft = CrisisNewsPage.objects.get()
    assert not draft.live and draft.published_on is None
    draft.get_latest_revision().publish()
    draft.refresh_from_db()
    assert draft.live and draft.published_on == TODAY


@pytest.mark.django_db
def test_an_editor_can_delete_a_news_page(client, make_news):
    """The manager joins the locale; treebeard's delete reads the pages with ``only()``."""
    news = make_news(title="Mesure retirée")
    other = make_news(title="Autre mesure")
    client.force_login(SuperUserFactory())
    response = client.post(f"/admin/pages/{news.pk}/delete/")
    assert response.status_code == 302
    other.delete()
    assert not CrisisNewsPage.objects.exists()
