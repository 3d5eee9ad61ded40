"""The 30-second callback on a phone (390 px), issue 15: from a page without the form,
"Être rappelé" → the form is in view and focused → name, phone, topic, consent → the
confirmation is in view, repeats the number, and there is no second form."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, phone, screenshot
from .journeys import wait_time_trap

pytestmark = pytest.mark.slow  # a real browser (Playwright, Debian's Chromium)

NUMBER = "06 45 67 89 10"


@pytest.fixture
def phone_390(browser):
    with phone(browser, 390, 844) as page:
        yield page


def test_from_a_page_without_the_form_be_called_back_in_30_seconds(demo_server, phone_390):
    page = phone_390
    page.goto(demo_server.url + "/formations/")  # the catalogue: no callback form of its own
    assert page.locator("[data-cma-callback]").count() == 0
    link = page.get_by_role("link", name="Être rappelé").first
    expect(link).to_be_visible()
    link.click()

    # The form is in view, its heading shown, and its first field has the focus.
    section = page.locator("[data-cma-callback]").first
    name = section.get_by_label(re.compile("^Votre nom"))
    expect(name).to_be_focused()
    expect(name).to_be_in_viewport()
    expect(section.get_by_role("heading").first).to_be_in_viewport()
    shown = time.monotonic()
    # Only what the call needs is open; the rest is folded away.
    expect(section.get_by_label(re.compile("^Nom de l'entreprise"))).to_be_hidden()
    expect(section.get_by_label(re.compile("^Jour de votre choix"))).to_be_hidden()
    screenshot(page, "journey-callback-390-form-focused")

    page.keyboard.type("Sylvie Roussel")
    section.get_by_label(re.compile("^Numéro de téléphone")).fill(NUMBER)
    section.get_by_role("radio", name="Trésorerie et banque").check()
    section.get_by_role("checkbox", name=re.compile("^J'accepte")).check()
    wait_time_trap(shown)
    section.get_by_role("button", name="Demander à être rappelé").click()

    section = page.locator("[data-cma-callback]").first
    confirmation = section.get_by_role("status")
    expect(confirmation).to_contain_text("Votre demande a bien été envoyée")
    expect(confirmation).to_contain_text(f"Nous vous appellerons au {NUMBER}")
    # "Un conseiller vous rappellera…" when open, "Nous sommes fermés… : un conseiller vous
    # rappellera à partir du mercredi 2 décembre à 8 h 30" after hours (French times, never 08:30).
    expect(confirmation).to_contain_text(re.compile("un conseiller vous rappellera", re.I))
    expect(confirmation).not_to_contain_text(re.compile(r"\d\d:\d\d"))
    expect(confirmation).to_be_in_viewport()
    expect(confirmation).to_be_focused()
    # No second form: no callback form, no submit button left on the page.
    assert page.locator("form.cma-callback__form").count() == 0
    assert page.get_by_role("button", name="Demander à être rappelé").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
    screenshot(page, "journey-callback-390-confirmation")


def test_the_day_field_appears_only_when_chosen(demo_server, phone_390):
    page = phone_390
    page.goto(demo_server.url + "/")
    section = page.locator("[data-cma-callback]").first
    section.locator("summary").click()
    day = section.get_by_label(re.compile("^Jour de votre choix"))
    expect(section.get_by_label(re.compile("^Nom de l'entreprise"))).to_be_visible()
    expect(day).to_be_hidden()
    section.get_by_role("radio", name="Un jour de mon choix").check()
    expect(day).to_be_visible()
    section.get_by_role("radio", name="Le matin").check()
    expect(day).to_be_hidden()
    assert axe_violations(page, "[data-cma-callback]") == []
