"""Journey 4: a participant registers for the demo's FULL session of "Maintenir le cap !" in
three steps, confirms their address by the link of the email they receive and lands on the
waiting list; a confirmed participant cancels by the link of their confirmation email; the
seat goes to the first person waiting."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

from playwright.sync_api import expect

from .conftest import axe_violations, screenshot
from .journeys import read_emails, wait_time_trap

PARTICIPANT = "camille.roy@artisan-doubs.example"
LEAVER = "xavier.brignon@artisan-doubs.example"

# The demo fills the session with 9 confirmed participants (no email is sent for demo data)
# and 2 people waiting. So that the waiting list starts with our participant and a confirmed
# participant holds a real confirmation email, the two waiting people leave and Xavier
# Brignon's confirmation is sent, all through the package's own services.
ARRANGE = f"""
from cma_wagtail.trainings import emails, services
from cma_wagtail.trainings.models import Registration, TrainingSession
session = TrainingSession.objects.filter(page__slug="maintenir-le-cap").order_by("start").first()
assert session.is_full, "the demo's first session should be full"
for registration in session.registrations.filter(status="waiting"):
    services.cancel(registration.pk)
emails.queue_confirmation(session.registrations.get(email="{LEAVER}"))
print(session.pk)
"""


def _mail(server, to: str, subject: str) -> dict:
    for _ in range(50):  # the outbox sends right after the commit; allow a moment
        found = [m for m in read_emails(server) if to in m["to"] and subject in m["subject"]]
        if found:
            return found[-1]
        time.sleep(0.1)
    raise AssertionError(f"no email to {to} about {subject!r}: {read_emails(server)}")


def test_waiting_list_then_promotion_by_an_emailed_cancellation(demo_server, page):
    session_id = int(demo_server.manage("shell", "-c", ARRANGE).split()[-1])

    page.goto(demo_server.url + "/formations/maintenir-le-cap/")
    page.locator(f"a[href$='/sessions/{session_id}/register/']").click()
    shown = time.monotonic()
    expect(page.get_by_role("status")).to_contain_text("liste d’attente")
    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 1 sur 3")

    page.get_by_label(re.compile("^Prénom")).fill("Camille")
    page.get_by_role("textbox", name="Nom (obligatoire)", exact=True).fill("Roy")
    page.get_by_label(re.compile("^Adresse e-mail")).fill(PARTICIPANT)
    page.get_by_label(re.compile("^Numéro de téléphone")).fill("06 12 34 56 99")
    page.get_by_label(re.compile("^Nom de l'entreprise")).fill("Roy Ébénisterie")
    page.get_by_label(re.compile("^Numéro SIRET")).fill("73282932000074")
    page.get_by_label(re.compile("^Métier")).fill("Ébéniste")
    page.locator("[name$='legal_form']").first.check()
    page.get_by_label(re.compile("^Nombre de salariés")).fill("1")
    wait_time_trap(shown)
    page.get_by_role("button", name="Étape suivante").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 2 sur 3")
    page.locator("[name$='difficulties']").first.check()
    page.locator("[name$='cash_position']").first.check()
    page.locator("textarea[name$='expectations']").fill("Garder mes clients pendant la crise.")
    page.get_by_role("button", name="Étape suivante").click()

    expect(page.get_by_role("heading", level=2)).to_contain_text("Étape 3 sur 3")
    expect(page.get_by_role("main")).to_contain_text("Roy Ébénisterie")  # the review
    page.locator("[name$='consent']").check()
    page.get_by_role("button", name="M’inscrire sur la liste d’attente").click()

    # No seat and no place in the list yet: the address must be confirmed first.
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre boîte de réception")
    expect(page.get_by_role("status")).to_contain_text(PARTICIPANT)
    assert axe_violations(page) == []
    screenshot(page, "journey-4-participant-check-inbox")
    request = _mail(demo_server, PARTICIPANT, "Confirmez votre inscription")
    link = re.search(r"https?://\S+/confirm/\S+/", request["body"]).group(0)
    page.goto(demo_server.url + urlsplit(link).path)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirmer mon inscription").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vous êtes sur la liste d’attente")
    _mail(demo_server, PARTICIPANT, "liste d")
    assert axe_violations(page) == []
    screenshot(page, "journey-4-participant-waiting-list")

    # The confirmed participant follows the link of their confirmation email.
    confirmation = _mail(demo_server, LEAVER, "Inscription confirmée")
    link = re.search(r"https?://\S+/cancel/\S+/", confirmation["body"]).group(0)
    page.goto(demo_server.url + urlsplit(link).path)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Annuler mon inscription").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inscription annulée")
    assert axe_violations(page) == []
    screenshot(page, "journey-4-cancelled-by-email-link")

    # The seat goes to the first person waiting: our participant, told by email.
    promotion = _mail(demo_server, PARTICIPANT, "Une place s’est libérée")
    assert "Maintenir le cap" in promotion["subject"]
    status = demo_server.manage(
        "shell",
        "-c",
        "from cma_wagtail.trainings.models import Registration;"
        f"print(Registration.objects.get(email='{PARTICIPANT}').status)",
    )
    assert status.strip().splitlines()[-1] == "confirmed"
