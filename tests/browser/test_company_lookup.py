"""The SIRET confirmation on a public form, in a real browser, against the local fake directory.

Progressive enhancement: with JavaScript the form says which business the directory knows
under the typed SIRET; without it, the same form, and nothing asks the directory.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DemoServer
from tests.companies import fake_directory as fake


@pytest.fixture(scope="module")
def demo_with_lookups(directory_server):
    server = DemoServer()
    server.env["CMA_WAGTAIL_COMPANY_DIRECTORY_URL"] = directory_server.url
    server.start()
    yield server
    server.stop()


def _registration_form(page, server):
    page.goto(server.url + "/formations/maintenir-le-cap/")
    page.locator("a[href*='/register/']").first.click()
    return page.get_by_label(re.compile("^Numéro SIRET"))


def test_a_typed_siret_is_confirmed_by_the_directory(demo_with_lookups, directory_server, page):
    directory_server.reset()
    siret = _registration_form(page, demo_with_lookups)
    assert directory_server.count == 0  # showing the form asks nobody

    siret.fill(fake.FOUND)
    siret.press("Tab")

    expect(page.locator(".cma-company-hint")).to_have_text(
        "Entreprise trouvée\u00a0: XAVIER BRIGNON (PATISSERIE BRIGNON) — "
        "Boulangerie et boulangerie-pâtisserie, PONTARLIER"
    )
    assert [r["query"]["q"] for r in directory_server.requests] == [fake.FOUND]

    siret.fill(fake.UNKNOWN)
    siret.press("Tab")
    expect(page.locator(".cma-company-hint")).to_contain_text("ne connaît pas ce SIRET")


def test_without_javascript_the_form_is_the_same_and_asks_nobody(
    demo_with_lookups, directory_server, browser
):
    directory_server.reset()
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        siret = _registration_form(page, demo_with_lookups)
        siret.fill(fake.FOUND)
        siret.press("Tab")
        assert page.locator(".cma-company-hint").count() == 0
        assert directory_server.count == 0
    finally:
        context.close()
