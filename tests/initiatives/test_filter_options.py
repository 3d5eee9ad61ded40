"""The filter form's options are cached, and every change an editor can make shows at once."""

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from cma_wagtail.initiatives import queries as filter_options
from cma_wagtail.initiatives.models import InitiativeCategory, InitiativePage
from tests.factories import (
    InitiativeCategoryFactory,
    InitiativeIndexPageFactory,
    InitiativePageFactory,
)


def departement_options(client, index_page) -> list[str]:
    response = client.get(index_page.url)
    assert response.status_code == 200
    return [code for code, _ in response.context["filter_form"].fields["departement"].choices][1:]


def category_options(client, index_page) -> list[tuple[str, str]]:
    response = client.get(index_page.url)
    return list(response.context["filter_form"].fields["category"].choices)[1:]


@pytest.fixture
def doubs(index_page):
    return InitiativePageFactory(parent=index_page, title="Trimadel", postcode="25000")


def test_options_are_read_from_the_cache(client, index_page, doubs, categories):
    assert departement_options(client, index_page) == ["25"]
    # A change that sends no signal (QuerySet.update) is not seen: the options are cached...
    InitiativePage.objects.filter(pk=doubs.pk).update(departement="39")
    assert departement_options(client, index_page) == ["25"]
    # ... until they expire or something invalidates them.
    filter_options.invalidate_filter_options()
    assert departement_options(client, index_page) == ["39"]


def test_labels_and_categories_in_the_form(client, index_page, doubs, categories):
    response = client.get(index_page.url)
    form = response.context["filter_form"]
    assert list(form.fields["departement"].choices)[1:] == [("25", "Doubs (25)")]
    assert ("masques", "Masques et équipements") in form.fields["category"].choices
    html = response.content.decode()
    assert '<option value="25">Doubs (25)</option>' in html
    assert '<option value="masques">Masques et équipements</option>' in html


def test_publishing_an_initiative_in_a_new_departement(client, index_page, doubs):
    assert departement_options(client, index_page) == ["25"]
    draft = InitiativePageFactory(parent=index_page, postcode="20000", live=False)
    assert departement_options(client, index_page) == ["25"]  # a draft is not listed
    draft.save_revision().publish()
    assert departement_options(client, index_page) == ["25", "2A"]


def test_a_live_initiative_created_in_code(client, index_page, doubs):
    assert departement_options(client, index_page) == ["25"]
    InitiativePageFactory(parent=index_page, postcode="70000")
    assert departement_options(client, index_page) == ["25", "70"]


def test_republishing_with_another_postcode(client, index_page, doubs):
    assert departement_options(client, index_page) == ["25"]
    doubs.postcode = "39100"
    doubs.save_revision().publish()
    assert departement_options(client, index_page) == ["39"]


def test_unpublishing_removes_the_departement(client, index_page, doubs):
    jura = InitiativePageFactory(parent=index_page, postcode="39100")
    assert departement_options(client, index_page) == ["25", "39"]
    jura.unpublish()
    assert departement_options(client, index_page) == ["25"]


def test_deleting_an_initiative_or_its_index(client, home_page, index_page, doubs):
    jura = InitiativePageFactory(parent=index_page, postcode="39100")
    assert departement_options(client, index_page) == ["25", "39"]
    jura.delete()
    assert departement_options(client, index_page) == ["25"]
    other = InitiativeIndexPageFactory(parent=home_page, slug="autres")
    InitiativePageFactory(parent=other, postcode="70000")
    assert departement_options(client, other) == ["70"]
    version = filter_options.current_version()
    other.delete()  # deletes its initiatives too (one post_delete each)
    assert filter_options.current_version() != version
    assert departement_options(client, index_page) == ["25"]


def test_moving_an_initiative_to_another_index(client, home_page, index_page, doubs):
    other = InitiativeIndexPageFactory(parent=home_page, slug="autres")
    jura = InitiativePageFactory(parent=other, postcode="39100")
    assert departement_options(client, index_page) == ["25"]
    assert departement_options(client, other) == ["39"]
    jura.move(index_page, pos="last-child")
    assert departement_options(client, index_page) == ["25", "39"]
    assert departement_options(client, other) == []


def test_view_restrictions_hide_and_show_a_departement(client, index_page, doubs):
    jura = InitiativePageFactory(parent=index_page, postcode="39100")
    assert departement_options(client, index_page) == ["25", "39"]
    restriction = PageViewRestriction.objects.create(page=jura, restriction_type="login")
    assert departement_options(client, index_page) == ["25"]
    restriction.delete()
    assert departement_options(client, index_page) == ["25", "39"]


def test_adding_renaming_and_deleting_a_category(client, index_page, doubs):
    assert category_options(client, index_page) == []
    category = InitiativeCategoryFactory(name="Entraide", slug="entraide")
    assert category_options(client, index_page) == [("entraide", "Entraide")]
    category.name = "Entraide entre voisins"
    category.save()
    assert category_options(client, index_page) == [("entraide", "Entraide entre voisins")]
    category.delete()
    assert category_options(client, index_page) == []


def test_a_category_missing_from_the_cached_options_still_filters(client, index_page, doubs):
    """bulk_create sends no signal: the cached options miss the category, the filter not."""
    assert category_options(client, index_page) == []
    [category] = InitiativeCategory.objects.bulk_create(
        [InitiativeCategory(name="Entraide", slug="entraide")]
    )
    other = InitiativePageFactory(parent=index_page, title="Autre")
    doubs.categories.add(category)
    doubs.save()  # a ParentalManyToManyField is written when the page is saved
    response = client.get(index_page.url, {"category": "entraide"})
    assert [p.title for p in response.context["initiatives"]] == ["Trimadel"]
    assert other.title not in response.content.decode()
    response = client.get(index_page.url, {"category": "inconnue"})
    assert len(response.context["initiatives"]) == 2  # unknown: ignored, as before


def test_known_category_filter_costs_no_extra_query(
    client, index_page, doubs, categories, django_assert_max_num_queries
):
    client.get(index_page.url)  # warm up
    with django_assert_max_num_queries(12):
        response = client.get(index_page.url, {"category": "masques", "departement": "25"})
    assert response.context["filters"].category == "masques"


def test_the_version_changes_again_after_the_commit(db, django_capture_on_commit_callbacks):
    first = filter_options.current_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        filter_options.invalidate_filter_options()
        second = filter_options.current_version()
    assert len(callbacks) == 1
    assert len({first, second, filter_options.current_version()}) == 3


def test_an_entry_in_another_format_is_rebuilt(index_page, doubs):
    key = filter_options.cache_key(index_page.pk, filter_options.current_version())
    cache.set(key, {"something": "else"})
    options = index_page.get_filter_options()
    assert options.departements == ("25",)
    assert cache.get(key) == options.as_data()


def test_an_unsaved_index_builds_its_options_without_the_cache(index_page, doubs, categories):
    """The admin previews an index before it is saved: it has no id to cache under."""
    from cma_wagtail.initiatives.models import InitiativeIndexPage

    # Wagtail gives the preview a path (after its future siblings) but no id.
    unsaved = InitiativeIndexPage(title="Aperçu", slug="apercu", path="ZZZZZZZZ", depth=2)
    options = unsaved.get_filter_options()
    assert {c.slug for c in options.categories} == set(categories)
    assert options.departements == ()
    assert cache.get(filter_options.cache_key(None, filter_options.current_version())) is None


def test_a_worker_that_missed_the_change_is_stale_for_the_timeout_at_most(
    client, index_page, doubs, monkeypatch
):
    """A per-process cache (each worker its own): a change made through another worker sends
    no signal here. The options stay as they were (a list that was true, this index's own)
    for ``filter_options_cache_timeout`` at most, then show the change."""
    from types import SimpleNamespace

    from django.core.cache.backends import locmem

    from cma_wagtail.initiatives.models import InitiativeIndexPage

    monkeypatch.setattr(InitiativeIndexPage, "filter_options_cache_timeout", 60)
    assert departement_options(client, index_page) == ["25"]
    InitiativePage.objects.filter(pk=doubs.pk).update(departement="39")  # no signal here
    assert departement_options(client, index_page) == ["25"]
    later = locmem.time.time() + 61  # the cache's clock only
    monkeypatch.setattr(locmem, "time", SimpleNamespace(time=lambda: later))
    assert departement_options(client, index_page) == ["39"]


def test_a_change_reaches_every_worker_sharing_the_cache(client, index_page, doubs):
    """With a cache shared by the workers (Redis in production), the receiver of whichever
    worker handled the change replaces the token in that cache: the next request of any
    worker rebuilds the options. Here the other worker's change is its receiver's effect on
    the shared cache."""
    assert departement_options(client, index_page) == ["25"]
    InitiativePage.objects.filter(pk=doubs.pk).update(departement="39")
    cache.set(filter_options.filter_options_version.key, "replaced-by-another-worker")
    assert departement_options(client, index_page) == ["39"]
