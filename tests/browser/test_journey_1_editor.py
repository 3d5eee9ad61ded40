"""Journey 1: an editor publishes a crisis news page with key figures and a callback form,
through Wagtail's page editor (the steps are in ``journeys.publish_crisis_news``)."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import screenshot


def test_editor_publishes_crisis_news_with_key_figures_and_callback_form(
    demo_server, page, crisis_news_page
):
    assert crisis_news_page["admin_screenshot"].exists()
    response = page.goto(demo_server.url + crisis_news_page["path"])
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(crisis_news_page["title"])
    figures = page.locator(".cma-key-figures")
    expect(figures).to_contain_text("La cellule de crise en chiffres")
    expect(figures).to_contain_text("600+")
    expect(figures).to_contain_text("artisans accompagnés depuis le 16 mars")
    form = page.get_by_role("region", name=crisis_news_page["callback_heading"])
    expect(form.get_by_role("button", name="Demander à être rappelé")).to_be_visible()

    # Listed first in the crisis news index (newest).
    page.goto(demo_server.url + "/actualites-de-crise/")
    expect(page.get_by_role("link", name=crisis_news_page["title"])).to_be_visible()
    page.goto(demo_server.url + crisis_news_page["path"])
    screenshot(page, "journey-1-editor-published-page")
