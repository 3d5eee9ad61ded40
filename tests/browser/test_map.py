"""The initiatives map in a real browser: drawn from map.json with the vendored Leaflet,
markers reachable with the keyboard and named, Enter opens a popup whose link gets the
focus; without JavaScript the box stays hidden and the list is the page; axe finds nothing.
"""

from playwright.sync_api import expect

from .conftest import axe_violations, screenshot


def test_markers_are_named_buttons_reachable_by_keyboard(demo_server, page):
    page.goto(demo_server.url + "/initiatives/")
    box = page.locator(".cma-map")
    expect(box).to_be_visible()
    markers = page.locator(".leaflet-marker-icon")
    expect(markers).to_have_count(5)  # every demo initiative has coordinates
    tricot = page.locator('.leaflet-marker-icon[aria-label*="Au Cœur du Tricot"]')
    expect(tricot).to_have_attribute("role", "button")
    expect(tricot).to_have_attribute("tabindex", "0")
    tricot.focus()
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup-content a")
    expect(link).to_be_focused()
    expect(link).to_have_text("Au Cœur du Tricot coud des masques pour l'hôpital de Pontarlier")
    expect(page.locator(".leaflet-popup-close-button")).to_have_attribute("aria-label", "Fermer")
    expect(page.locator(".leaflet-control-zoom-in")).to_have_attribute("title", "Zoomer")
    screenshot(page, "map-initiatives-popup")
    assert axe_violations(page) == []


def test_an_initiative_page_centres_its_map_on_it(demo_server, page):
    page.goto(demo_server.url + "/initiatives/trimadel/")
    expect(page.locator(".cma-map")).to_be_visible()
    expect(page.locator('.leaflet-marker-icon[aria-label^="Cette initiative"]')).to_have_count(1)
    assert axe_violations(page) == []


def test_without_javascript_the_list_is_the_page(demo_server, browser):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(demo_server.url + "/initiatives/")
        expect(page.locator(".cma-map")).to_be_hidden()
        expect(page.locator(".cma-initiative-card")).to_have_count(5)
    finally:
        context.close()
