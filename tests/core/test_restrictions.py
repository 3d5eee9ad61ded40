"""``only_public`` keeps exactly the pages Wagtail's ``public()`` keeps, in one query."""

import pytest
import swapper
from wagtail.models import PageViewRestriction

from cma_wagtail.restrictions import only_public
from tests.factories import StandardPageFactory

Page = swapper.load_model("wagtailcore", "Page")


@pytest.fixture
def tree(home_page):
    """home > a > a1 > a11, home > b > b1, home > c; c and a1 get restrictions in the tests.

    Sibling sections have paths that differ only in their last step (e.g. ...0001 and
    ...0003): a prefix test that ignored the step length would confuse them.
    """
    a = StandardPageFactory(parent=home_page, slug="a")
    a1 = StandardPageFactory(parent=a, slug="a1")
    a11 = StandardPageFactory(parent=a1, slug="a11")
    b = StandardPageFactory(parent=home_page, slug="b")
    b1 = StandardPageFactory(parent=b, slug="b1")
    c = StandardPageFactory(parent=home_page, slug="c")
    return {"home": home_page, "a": a, "a1": a1, "a11": a11, "b": b, "b1": b1, "c": c}


def slugs(queryset):
    return sorted(queryset.values_list("slug", flat=True))


def restrict(page, **kwargs):
    kwargs.setdefault("restriction_type", PageViewRestriction.PASSWORD)
    kwargs.setdefault("password", "secret")
    return PageViewRestriction.objects.create(page=page, **kwargs)


@pytest.mark.django_db
def test_without_restrictions_every_page_is_public(tree, django_assert_num_queries):
    expected = slugs(Page.objects.public())
    with django_assert_num_queries(1):
        assert slugs(only_public(Page.objects.all())) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "restricted",
    [["a1"], ["c"], ["a"], ["a1", "c"], ["home"], ["b1", "a11"]],
    ids=lambda names: "+".join(names),
)
@pytest.mark.parametrize("kind", ["password", "login", "groups"])
def test_same_pages_as_wagtail_public(tree, restricted, kind, django_assert_num_queries):
    for name in restricted:
        restrict(tree[name], restriction_type=kind)
    expected = slugs(Page.objects.public())
    with django_assert_num_queries(1):
        got = slugs(only_public(Page.objects.all()))
    assert got == expected
    for name in restricted:
        assert tree[name].slug not in got
    assert slugs(only_public(Page.objects.all()).descendant_of(tree["home"])) == slugs(
        Page.objects.public().descendant_of(tree["home"])
    )


@pytest.mark.django_db
def test_restriction_hides_the_section_only(tree):
    restrict(tree["a1"])
    public = slugs(only_public(Page.objects.all()))
    assert "a" in public and "b" in public and "b1" in public and "c" in public
    assert "a1" not in public and "a11" not in public


# The visibility rule: live, public, of the site (cma_wagtail.visibility) ------------------


@pytest.mark.django_db
def test_visibility_rule_live_public_and_of_the_site(tree, django_assert_num_queries):
    from wagtail.models import Site

    from cma_wagtail.visibility import is_visible, visible_pages

    restrict(tree["a1"])
    tree["b"].unpublish()
    other_root = StandardPageFactory(parent=Page.get_first_root_node(), slug="other")
    other_site = Site.objects.create(hostname="other.example", root_page=other_root)
    site = Site.objects.get(is_default_site=True)

    got = slugs(visible_pages(Page.objects.all(), site))
    assert "a" in got and "c" in got
    assert "a1" not in got and "a11" not in got  # behind a view restriction
    assert "b" not in got  # not live
    assert "other" not in got  # another site's page
    assert slugs(visible_pages(Page.objects.all(), other_site)) == ["other"]

    assert is_visible(tree["c"], site)
    assert not is_visible(tree["a11"], site)
    assert not is_visible(tree["c"], other_site)
    assert not is_visible(None)
    with django_assert_num_queries(1):
        assert is_visible(tree["a"])
