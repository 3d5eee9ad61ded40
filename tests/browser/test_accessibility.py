"""axe-core on every page of the example site that exists so far (no violation allowed)."""

import pytest

from .conftest import axe_violations, screenshot

PUBLIC_PATHS = ["/", "/mentions-legales/", "/donnees-personnelles/", "/accessibilite/"]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_have_no_axe_violation(demo_server, page, path):
    response = page.goto(demo_server.url + path)
    assert response.status == 200
    violations = axe_violations(page)
    screenshot(page, "a11y" + path.strip("/").replace("/", "-") or "a11y-home")
    assert violations == [], violations


def test_home_page_on_a_phone_keeps_the_phone_number_reachable(demo_server, phone_page):
    phone_page.goto(demo_server.url + "/")
    link = phone_page.locator(".site-header__phone a")
    assert link.get_attribute("href").startswith("tel:+33")
    box = link.bounding_box()
    assert box["x"] + box["width"] <= 375  # no horizontal overflow
    screenshot(phone_page, "home-phone")


def test_keyboard_reaches_skip_link_first(demo_server, page):
    page.goto(demo_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "site-skip-link" in focused
