"""Routing: the postcode's team, else the block's team, else the site's default team;
the request's site is always the one that served the POST."""

import pytest
from wagtail.models import Site

from cma_wagtail.callbacks import routing
from cma_wagtail.callbacks.models import CallbackRequest
from tests.factories import CallbackTeamFactory

from .conftest import form_data

SUBMIT = "/cma/callbacks/submit/"


@pytest.fixture
def teams(db):
    return {
        "doubs": CallbackTeamFactory(name="Doubs", areas="25"),
        "besancon": CallbackTeamFactory(name="Besançon", areas="25000, 25030"),
        "jura": CallbackTeamFactory(name="Jura", areas="39\n01"),
        "default": CallbackTeamFactory(name="Accueil", is_default=True),
    }


@pytest.mark.django_db
def test_the_longest_postcode_prefix_wins(teams):
    assert routing.route(postcode="25000") == teams["besancon"]
    assert routing.route(postcode="25200") == teams["doubs"]
    assert routing.route(postcode="39100") == teams["jura"]


@pytest.mark.django_db
def test_without_a_matching_postcode_the_blocks_team_then_the_sites_default(teams, site):
    block_team = CallbackTeamFactory(name="Formation")
    assert routing.route(postcode="75011", block_team=block_team, site=site) == block_team
    assert routing.route(postcode="", block_team=None, site=site) == teams["default"]
    # A default team dedicated to the site wins over one serving every site.
    own = CallbackTeamFactory(name="Zone", is_default=True)
    own.sites.add(site)
    assert routing.route(postcode="75011", site=site) == own


@pytest.mark.django_db
def test_a_team_serving_other_sites_receives_nothing_from_this_one(teams, site, home_page):
    other = Site.objects.create(hostname="other.example", root_page=home_page, port=80)
    teams["jura"].sites.add(other)  # changes of a team's sites replace the routes
    assert routing.route(postcode="39100", site=site) == teams["default"]
    assert routing.route(postcode="39100", site=other) == teams["jura"]


@pytest.mark.django_db
def test_a_posted_request_lands_in_its_postcodes_team(client, callback_page, blocks, teams):
    response = client.post(SUBMIT, form_data(blocks[0], callback_page, postcode="39100"))
    assert response.status_code == 303
    assert CallbackRequest.objects.get().team == teams["jura"]


@pytest.mark.django_db
def test_a_stale_cache_never_stores_a_request_without_its_site(client, callback_page, blocks, site):
    """Whatever a per-process cache holds (here the site root paths, empty as a process
    started before the site existed would keep them), the request is stored with the site
    that served the POST."""
    from unittest import mock

    client.post(SUBMIT, form_data(blocks[0], callback_page, phone="06 11 22 33 44"))
    with mock.patch.object(Site, "get_site_root_paths", return_value=[]):
        response = client.post(SUBMIT, form_data(blocks[0], callback_page, phone="06 55 66 77 88"))
    assert response.status_code == 303
    assert list(CallbackRequest.objects.values_list("site", flat=True)) == [site.pk, site.pk]
