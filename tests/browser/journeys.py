"""The steps of the browser journeys, shared by the tests and the session fixtures that
chain them (the editor's page is where the artisan asks for a call, which the agent handles).

Selectors are what a person sees: roles, labels and button names (the admin is in French).
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

from .conftest import screenshot

ADMIN = ("admin", "cma-demo-2020")
AGENT = ("agent.crise", "cellule-crise-2020")
#: The anti-spam time trap (CMA_WAGTAIL_MIN_FILL_SECONDS, 3 s by default) refuses forms sent
#: faster than a person could: the tests wait that long after a form appears.
MIN_FILL_SECONDS = 3.2
CALLBACK_HEADING = "Préparer la reprise avec un conseiller"
INVALID = "06 12 34"
VALID = "03 53 01 99 01"
ARTISAN = {"name": "Élodie Marguet", "business": "Céramiques Marguet", "phone": VALID}


def admin_login(page: Page, base_url: str, credentials: tuple[str, str]) -> None:
    username, password = credentials
    page.goto(base_url + "/admin/login/")
    page.get_by_role("textbox", name=re.compile("utilisateur", re.I)).fill(username)
    page.get_by_role("textbox", name=re.compile(r"^(Mot de passe|Password)", re.I)).fill(password)
    page.get_by_role("button", name=re.compile("identifier", re.I)).click()
    page.wait_for_url(base_url + "/admin/")


def wait_time_trap(since: float) -> None:
    """Sleep what remains of the time trap since the form was displayed at ``since``."""
    remaining = MIN_FILL_SECONDS - (time.monotonic() - since)
    if remaining > 0:
        time.sleep(remaining)


def _insert_block(region, page: Page, label: str):
    region.get_by_role("button", name="Insérer un bloc").last.click()
    region.get_by_role("option", name=label, exact=True).click()


def publish_crisis_news(page: Page, server) -> dict:
    """Journey 1: the editor creates a crisis news page with key figures and a callback form."""
    title = "Reprise d'activité : la cellule de crise vous rappelle"
    admin_login(page, server.url, ADMIN)
    page.goto(server.url + "/admin/pages/")
    page.get_by_role("link", name=re.compile("^Explorer les sous-pages de « Chambre")).click()
    page.get_by_role(
        "link", name=re.compile("^Explorer les sous-pages de « Actualités de crise")
    ).click()
    page.get_by_role("link", name="Ajouter une sous-page").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Actualité de crise")

    page.get_by_role("textbox", name="Titre*").fill(title)
    page.get_by_role("textbox", name="Résumé*").fill(
        "Les commerces rouvrent le 11 mai : la cellule de crise de la CMA du Doubs rappelle "
        "chaque artisan qui le demande pour préparer la reprise."
    )
    body = page.get_by_role("region", name="Contenu", exact=True)

    _insert_block(body, page, "Chiffres clés")
    figures = body.get_by_role("region", name=re.compile("^Chiffres clés"))
    figures.get_by_role("textbox", name="Titre").fill("La cellule de crise en chiffres")
    figures.get_by_role("button", name="Ajouter", exact=True).last.click()
    items = figures.get_by_role("region", name=re.compile("^Chiffre clé"))
    expect(items).to_have_count(2)
    for item, (value, label) in zip(
        [items.nth(0), items.nth(1)],
        [("23", "agents en télétravail"), ("600+", "artisans accompagnés depuis le 16 mars")],
        strict=True,
    ):
        item.get_by_role("textbox", name="Valeur").fill(value)
        item.get_by_role("textbox", name="Libellé*").fill(label)

    _insert_block(body, page, "Formulaire de demande de rappel")
    callback = body.get_by_role("region", name=re.compile("^Formulaire de demande de rappel"))
    callback.get_by_role("textbox", name=re.compile("^Titre")).fill(CALLBACK_HEADING)
    callback.get_by_role("button", name=re.compile("Choisir")).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("link", name=re.compile("Cellule de crise CMA du Doubs")).click()
    expect(dialog).to_be_hidden()

    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("status")).to_contain_text("publiée")
    # Back in the explorer: the new page's row links to the live page.
    row = page.get_by_role("row", name=re.compile(re.escape(title)))
    live = row.get_by_role("link", name=re.compile("publiée")).get_attribute("href")
    return {"title": title, "path": live, "callback_heading": CALLBACK_HEADING}


def callback_form(page: Page, heading: str):
    """The callback block's section, found by its heading."""
    return page.get_by_role("region", name=heading)


def tab_to(page: Page, selector: str, *, backwards: bool = False, limit: int = 120) -> None:
    """Press Tab (or Shift+Tab) until the element matching ``selector`` has the focus."""
    key = "Shift+Tab" if backwards else "Tab"
    target = page.locator(selector)
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{selector} never received the keyboard focus")


def focused(page: Page) -> str:
    """``id`` (or tag) of the focused element."""
    return page.evaluate("document.activeElement.id || document.activeElement.tagName")


def artisan_asks_for_a_call(page: Page, server, crisis_news_page: dict) -> dict:
    """Journey 2 on a phone: a wrong number, the error read and corrected, the confirmation."""
    page.goto(server.url + crisis_news_page["path"])
    shown = time.monotonic()
    section = page.get_by_role("region", name=crisis_news_page["callback_heading"])
    expect(section).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scroll

    section.get_by_label(re.compile("^Votre nom")).fill(ARTISAN["name"])
    section.locator("summary").click()  # the optional fields are folded away
    section.get_by_label(re.compile("^Nom de l'entreprise")).fill(ARTISAN["business"])
    section.get_by_label(re.compile("^Numéro de téléphone")).fill(INVALID)
    section.get_by_role("radio", name="Aides de l'État").check()
    section.get_by_role("checkbox", name=re.compile("^J'accepte")).check()
    wait_time_trap(shown)
    section.get_by_role("button", name="Demander à être rappelé").click()

    # The error summary is announced and focused; the field says what is wrong and keeps
    # the other answers.
    section = page.get_by_role("region", name=crisis_news_page["callback_heading"])
    summary = section.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Il y a un problème")
    link = summary.get_by_role("link", name=re.compile("^Numéro de téléphone"))
    phone = section.get_by_label(re.compile("^Numéro de téléphone"))
    error = page.locator("#" + phone.get_attribute("aria-describedby").split()[-1])
    expect(error).to_be_visible()
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(section.get_by_label(re.compile("^Votre nom"))).to_have_value(ARTISAN["name"])
    shown = time.monotonic()

    link.click()  # the summary's link leads to the field
    expect(phone).to_be_focused()
    phone.fill(VALID)
    expect(section.get_by_role("checkbox", name=re.compile("^J'accepte"))).to_be_checked()
    wait_time_trap(shown)
    section.get_by_role("button", name="Demander à être rappelé").click()

    section = page.get_by_role("region", name=crisis_news_page["callback_heading"])
    confirmation = section.get_by_role("status")
    expect(confirmation).to_contain_text("Votre demande a bien été envoyée")
    expect(confirmation).to_be_in_viewport()
    return {
        **ARTISAN,
        "confirmation": confirmation.inner_text().strip(),
        "screenshot": screenshot(page, "journey-2-artisan-phone-confirmation"),
    }


def read_emails(server) -> list[dict]:
    """The messages Django's file backend wrote (one or more per file), decoded."""
    import email
    from email.policy import default

    messages = []
    folder = server.tmp / "mail"
    for path in sorted(folder.glob("*")) if folder.exists() else []:
        for chunk in path.read_bytes().split(b"-" * 79):
            if not chunk.strip():
                continue
            message = email.message_from_bytes(chunk.strip() + b"\n", policy=default)
            part = message.get_body(preferencelist=("plain",))
            messages.append(
                {
                    "to": str(message["To"]),
                    "subject": str(message["Subject"]).strip(),
                    "body": part.get_content() if part else "",
                }
            )
    return messages
