"""Journey 2: an artisan on a phone asks to be called back from the editor's new page,
makes a mistake in the number, reads the error, corrects it; then the same, keyboard only."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from .conftest import axe_violations, screenshot
from .journeys import INVALID, focused, tab_to, wait_time_trap

VALID_KEYBOARD = "03 53 01 99 02"


def test_artisan_on_a_phone_corrects_the_number_and_is_called_back(artisan_request):
    """The steps run once in ``journeys.artisan_asks_for_a_call`` (the agent's journey
    handles the same request); here, what the artisan ends with."""
    assert artisan_request["confirmation"].startswith("Votre demande a bien été envoyée")
    assert artisan_request["screenshot"].exists()


def test_the_same_journey_with_the_keyboard_only(demo_server, page):
    """Tab, Shift+Tab, Space and Enter only, on the home page's callback form."""
    page.goto(demo_server.url + "/")
    shown = time.monotonic()
    section = page.get_by_role("region", name="Être rappelé par la cellule de crise")
    form_id = section.get_attribute("id")
    prefix = "#id_cb-" + form_id.removeprefix("cma-callback-") + "-"
    page.keyboard.press("Tab")
    assert "cma-skip-link" in page.evaluate("document.activeElement.className")

    tab_to(page, prefix + "name")
    page.keyboard.type("Patrick Jeannin")
    tab_to(page, prefix + "phone")
    page.keyboard.type(INVALID)
    tab_to(page, prefix + "name", backwards=True)  # Shift+Tab goes back up the form
    tab_to(page, prefix + "topic_0")
    page.keyboard.press("Space")
    expect(page.locator(prefix + "topic_0")).to_be_checked()
    tab_to(page, f"#{form_id} summary")  # the optional fields, folded: Enter unfolds them
    page.keyboard.press("Enter")
    tab_to(page, prefix + "business_name")
    page.keyboard.type("Garage Jeannin")
    tab_to(page, prefix + "consent")
    page.keyboard.press("Space")
    expect(page.locator(prefix + "consent")).to_be_checked()
    page.keyboard.press("Tab")
    expect(section.get_by_role("button", name="Demander à être rappelé")).to_be_focused()
    wait_time_trap(shown)
    page.keyboard.press("Enter")

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    shown = time.monotonic()
    page.keyboard.press("Tab")  # first stop after the summary: its link to the field
    expect(summary.get_by_role("link", name=re.compile("^Numéro de téléphone"))).to_be_focused()
    page.keyboard.press("Enter")
    assert focused(page) == prefix.removeprefix("#") + "phone"
    # Shift+Tab then Tab: coming back into a text field with Tab selects its content, so
    # typing replaces the wrong number.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert focused(page) == prefix.removeprefix("#") + "phone"
    page.keyboard.type(VALID_KEYBOARD)  # another artisan, another number
    expect(page.locator(prefix + "phone")).to_have_value(VALID_KEYBOARD)
    tab_to(page, prefix + "consent")
    expect(page.locator(prefix + "consent")).to_be_checked()
    page.keyboard.press("Tab")
    wait_time_trap(shown)
    page.keyboard.press("Enter")

    section = page.get_by_role("region", name="Être rappelé par la cellule de crise")
    expect(section.get_by_role("status")).to_contain_text("Votre demande a bien été envoyée")
    assert axe_violations(page) == []  # the confirmation state too
    screenshot(page, "journey-2-artisan-keyboard-confirmation")
