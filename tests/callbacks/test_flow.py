"""One flow for the HTML form and ``POST /api/v3/cma/callback-requests/``: each rule through
both paths (site of the request, site isolation, visibility, intake, limits, no oracle)."""

import pytest
import swapper
from django.test import override_settings
from wagtail.models import PageViewRestriction, Site

from cma_wagtail.callbacks.models import CallbackRequest
from tests.api.helpers import form_started
from tests.callbacks.conftest import form_data
from tests.factories import HomePageFactory, StandardPageFactory, callback_block_value
from tests.markers import needs_v3

Page = swapper.load_model("wagtailcore", "Page")

SUBMIT = "/cma/callbacks/submit/"
API = "/api/v3/cma/callback-requests/"

pytestmark = pytest.mark.django_db


def html_post(client, page, block_id, host="localhost", **overrides):
    block = type("Block", (), {"id": block_id})
    return client.post(SUBMIT, form_data(block, page, **overrides), HTTP_HOST=host)


def json_post(client, page, block_id, host="localhost", **overrides):
    payload = {
        "page_id": page.pk,
        "block_id": block_id,
        "name": "Xavier Brignon",
        "business_name": "Pâtisserie Brignon",
        "phone": "06 12 34 56 78",
        "topic": "cash_flow",
        "message": "Mon chiffre d'affaires a chuté.",
        "consent": True,
        "form_started": form_started(),
        **overrides,
    }
    return client.post(API, payload, content_type="application/json", HTTP_HOST=host)


BOTH = [
    pytest.param(html_post, id="html_post"),
    pytest.param(json_post, id="json_post", marks=needs_v3),
]


def callback_page_under(parent, slug):
    page = StandardPageFactory(
        parent=parent,
        slug=slug,
        title="Être rappelé",
        body=[{"type": "callback_request", "value": callback_block_value()}],
    )
    page.save_revision().publish()
    page.refresh_from_db()
    return page, page.body[0].id


@pytest.fixture
def other_site(site):
    """A second chamber's site with its own tree, and a callback form on it."""
    home = HomePageFactory(parent=Page.get_first_root_node(), title="CMA 70", slug="cma-70")
    other = Site.objects.create(hostname="haute-saone.example", root_page=home)
    page, block_id = callback_page_under(home, "rappel-70")
    return other, page, block_id


@pytest.fixture
def shared_page(home_page):
    """A callback page that two sites serve: the whole tree (localhost) and a sub-site."""
    section = HomePageFactory(parent=home_page, title="Morteau", slug="morteau")
    sub = Site.objects.create(hostname="morteau.example", root_page=section)
    page, block_id = callback_page_under(section, "rappel")
    return sub, page, block_id


POSTS = [
    pytest.param(html_post, 303, id="html"),
    pytest.param(json_post, 201, id="json", marks=needs_v3),
]


@pytest.mark.parametrize(("post", "stored_status"), POSTS)
def test_the_request_is_stored_with_the_site_that_received_it(
    client, shared_page, site, post, stored_status
):
    """Not the site a cached form was resolved for: each host's POST keeps its own site."""
    sub, page, block_id = shared_page
    # The first POST resolves (and caches) the form through the sub-site…
    assert post(client, page, block_id, host=sub.hostname).status_code == stored_status
    # …the next one, through the main site, reuses that cached form.
    response = post(client, page, block_id, host=site.hostname, phone="06 99 88 77 66")
    assert response.status_code == stored_status
    sites = dict(CallbackRequest.objects.values_list("phone", "site__hostname"))
    assert sites == {"+33612345678": "morteau.example", "+33699887766": "localhost"}


@pytest.mark.parametrize("post", BOTH)
def test_a_form_of_another_sites_tree_is_not_found(client, other_site, home_page, post):
    other, page, block_id = other_site
    assert post(client, page, block_id, host="localhost").status_code == 404
    assert not CallbackRequest.objects.exists()
    # On its own site it works, and is stored with that site.
    assert post(client, page, block_id, host=other.hostname).status_code in (201, 303)
    assert CallbackRequest.objects.get().site == other


@pytest.mark.parametrize("post", BOTH)
def test_a_page_no_site_serves_is_not_found(client, home_page, post):
    """A live page outside every site's tree has no requesting site: nothing stored with
    an empty site that no team would ever see."""
    page, block_id = callback_page_under(Page.get_first_root_node(), "hors-site")
    assert post(client, page, block_id).status_code == 404
    assert not CallbackRequest.objects.exists()


@pytest.mark.parametrize("post", BOTH)
def test_restricted_or_unpublished_page_is_not_found(client, home_page, post):
    page, block_id = callback_page_under(home_page, "rappel")
    restriction = PageViewRestriction.objects.create(
        page=home_page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert post(client, page, block_id).status_code == 404
    restriction.delete()
    page.unpublish()
    assert post(client, page, block_id).status_code == 404
    assert not CallbackRequest.objects.exists()


@needs_v3
def test_closed_intake_on_both_paths(client, home_page, chamber):
    page, block_id = callback_page_under(home_page, "rappel")
    chamber.callback_intake_open = False
    chamber.save()
    response = json_post(client, page, block_id)
    assert response.status_code == 503
    problem = response.json()
    assert problem["errors"][0]["type"] == "switched_off"
    assert "pas de demandes de rappel en ligne" in problem["detail"]
    html = html_post(client, page, block_id).content.decode()
    assert problem["detail"] in html
    assert not CallbackRequest.objects.exists()


@needs_v3
@override_settings(CMA_WAGTAIL_RATE_LIMIT_PER_IP=(1, 3600))
def test_the_rate_limit_message_is_the_same_on_both_paths(client, home_page):
    page, block_id = callback_page_under(home_page, "rappel")
    assert json_post(client, page, block_id).status_code == 201
    api = json_post(client, page, block_id, phone="06 99 88 77 66")
    html = html_post(client, page, block_id, phone="06 99 88 77 66")
    assert api.status_code == html.status_code == 429
    assert api["Retry-After"] and html["Retry-After"]
    assert api.json()["detail"] in html.content.decode()


@pytest.mark.parametrize("post", BOTH)
def test_a_repeat_and_a_new_request_get_the_same_answer(client, home_page, post):
    """No oracle: typing someone else's number tells nothing about that person."""
    page, block_id = callback_page_under(home_page, "rappel")
    first = post(client, page, block_id)
    again = post(client, page, block_id, name="Un inconnu", message="Qui est-ce ?")
    fresh = post(client, page, block_id, phone="06 99 88 77 66")
    assert first.status_code == again.status_code == fresh.status_code
    if post is json_post:
        assert first.json() == again.json() == fresh.json()
        assert again.json()["result"] == "sent"
    else:
        location = again["Location"]
        assert location == first["Location"] == fresh["Location"]
        assert "callback=sent" in location
        shown = client.get(location).content.decode()
        assert "Votre demande a bien été envoyée." in shown
    assert CallbackRequest.objects.count() == 2  # the repeat is merged, for the agents
