import pytest
from django.test import RequestFactory


@pytest.fixture(autouse=True)
def _no_network_embeds(monkeypatch):
    """Embeds come from the Embed table only: a test that would reach a provider fails."""

    def refuse(url, max_width=None, max_height=None):
        raise AssertionError(f"a test tried to fetch the embed {url}")

    monkeypatch.setattr("wagtail.embeds.embeds.get_finder_for_embed", refuse)


@pytest.fixture
def rf_request(site):
    """A GET request on the default site, as block templates receive it."""
    request = RequestFactory().get("/", HTTP_HOST=site.hostname, SERVER_PORT=site.port)
    return request
