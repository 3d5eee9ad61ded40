"""Journey 3: an agent of the crisis cell works the queue from the "Rappels" inbox: takes the
next request, records an unanswered call, schedules the next one, hands it to a colleague of
the team, takes the next one again and closes it; then handles the artisan's own request
(reached, closed) and exports, at 1280 px; then works the queue again at 1024 px. At both
widths nothing scrolls sideways: neither the page nor a list within its column."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from .conftest import axe_violations, screenshot
from .journeys import ADMIN, AGENT, admin_login


def _form(page, button: str):
    return page.locator("form").filter(has=page.get_by_role("button", name=button, exact=True))


def _next_weekday_at_ten() -> str:
    day = dt.datetime.now(ZoneInfo("Europe/Paris")).date() + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return f"{day.isoformat()}T10:00"


def _assert_fits(page):
    """No horizontal scroll: the page, and no table wider than the column holding it."""
    widths = page.evaluate(
        """() => [document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth,
                  ...[...document.querySelectorAll('main table')].map(
                      t => t.scrollWidth - t.parentElement.clientWidth)]"""
    )
    assert max(widths) <= 0, (page.url, widths)


def _open_action(page, summary: str):
    page.locator("details.cma-action > summary", has_text=summary).click()


def _work_the_queue(page):
    """Take next, no answer, schedule, hand over; take next again, close."""
    page.get_by_role("button", name="Prendre la suivante").click()
    expect(page.get_by_role("status")).to_contain_text("Cette demande est à vous")
    expect(page.get_by_role("link", name=re.compile("^Appeler le"))).to_have_attribute(
        "href", re.compile(r"^tel:\+33")
    )
    attempt = _form(page, "Enregistrer l'appel")
    attempt.get_by_role("radio", name="Pas de réponse").check()
    attempt.get_by_role("button", name="Enregistrer l'appel").click()
    expect(page.get_by_role("status")).to_contain_text("L'appel est enregistré")
    _open_action(page, "Programmer un appel")
    schedule = _form(page, "Programmer")
    schedule.get_by_label("Appeler le").fill(_next_weekday_at_ten())
    schedule.get_by_role("button", name="Programmer").click()
    expect(page.get_by_role("status")).to_contain_text("L’appel est programmé")
    _open_action(page, "Confier à un collègue")
    assign = _form(page, "Confier")
    assign.get_by_role("textbox", name="Note").fill("Elle connaît le dossier.")
    assign.get_by_role("button", name="Confier").click()
    # The first colleague offered is the demo's Thomas Bouvier (collegue.crise).
    expect(page.get_by_role("status")).to_contain_text(
        "La demande est maintenant confiée à Thomas Bouvier"
    )
    history = page.get_by_role("region", name="Historique")
    for step in ["Prise en charge", "Pas de réponse", "Appel programmé", "Confiée à un collègue"]:
        expect(history).to_contain_text(step)

    page.get_by_role("link", name="Retour aux demandes").click()
    page.get_by_role("button", name="Prendre la suivante").click()
    expect(page.get_by_role("status")).to_contain_text("Cette demande est à vous")
    _open_action(page, "Clôturer la demande")
    close = _form(page, "Clôturer")
    close.get_by_role("radio", name="Plus nécessaire").check()
    close.get_by_role("button", name="Clôturer").click()
    expect(page.get_by_role("status")).to_contain_text("La demande est clôturée")
    page.get_by_role("link", name="Retour aux demandes").click()


def test_agent_takes_calls_back_closes_and_exports(demo_server, browser, artisan_request):
    context = browser.new_context(
        locale="fr-FR",
        timezone_id="Europe/Paris",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    page = context.new_page()
    try:
        admin_login(page, demo_server.url, AGENT)
        menu = page.get_by_role("navigation", name="Menu principal")
        menu.get_by_role("button", name="Rappels").click()
        menu.get_by_role("link", name="Demandes", exact=True).click()

        # The list opens on the queue ("À traiter"), oldest first.
        screenshot(page, "journey-3-agent-queue-1280")
        _assert_fits(page)
        _work_the_queue(page)

        # The artisan's request is in the queue, new and not yet assigned.
        row = page.get_by_role("row", name=re.compile(re.escape(artisan_request["business"])))
        expect(row).to_contain_text("Nouvelle")
        expect(row).to_contain_text("03 53 01 99 01")
        row.get_by_role("link", name="Ouvrir").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(artisan_request["business"])

        page.get_by_role("button", name="Je la prends").click()
        expect(page.get_by_role("status")).to_contain_text("Vous avez pris cette demande")
        expect(page.get_by_role("button", name="Je la prends")).to_have_count(0)

        attempt = _form(page, "Enregistrer l'appel")
        attempt.get_by_role("radio", name="Pas de réponse").check()
        attempt.get_by_role("button", name="Enregistrer l'appel").click()
        expect(page.get_by_role("status")).to_contain_text("L'appel est enregistré")
        summary = page.get_by_role("region", name=re.compile("^Demande n°"))
        expect(summary.get_by_role("heading")).to_contain_text("Injoignable")

        attempt = _form(page, "Enregistrer l'appel")
        attempt.get_by_role("radio", name="Joint").check()
        attempt.get_by_role("textbox", name="Note").fill("Point fait sur le fonds de solidarité.")
        attempt.get_by_role("button", name="Enregistrer l'appel").click()
        expect(summary.get_by_role("heading")).to_contain_text("Rappelé")

        _open_action(page, "Clôturer la demande")
        close = _form(page, "Clôturer")
        close.get_by_role("radio", name="Accompagné, plus rien à faire").check()
        close.get_by_role("button", name="Clôturer").click()
        expect(page.get_by_role("status")).to_contain_text("La demande est clôturée")
        expect(summary.get_by_role("heading")).to_contain_text("Clôturée")
        history = page.get_by_role("region", name="Historique")
        for step in ["Demande reçue", "Pas de réponse", "Joint", "Clôturée"]:
            expect(history).to_contain_text(step)
        screenshot(page, "journey-3-agent-request-closed")
        # The package's part of the admin page (Wagtail's own chrome is Wagtail's to audit).
        assert axe_violations(page, ".cma-callbacks-inspect") == []
        _assert_fits(page)

        page.goto(f"{demo_server.url}/admin/cma_callbacks/callbackrequest/?view=all")
        export = page.get_by_role("link", name=re.compile("XLSX")).locator("xpath=..")
        export.get_by_role("button", name="Plus d'actions").click()  # XLSX, or CSV in the menu
        with page.expect_download() as download_info:
            page.get_by_role("link", name=re.compile("CSV")).click()
        download = download_info.value
        assert download.suggested_filename.startswith("demandes-de-rappel")
        text = open(download.path(), encoding="utf-8-sig").read()
        rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
        mine = [r for r in rows if r["Nom de l'entreprise"] == artisan_request["business"]]
        assert len(mine) == 1, rows[:2]
        assert mine[0]["Statut"] == "Clôturée"
        assert mine[0]["Téléphone"] == "'+33353019901"  # text, never a formula
        assert mine[0]["Attribuée à"] == "Léa Girard"
        assert len(rows) >= 21  # the demo's 20 requests and this one
        screenshot(page, "journey-3-agent-inbox")
        _assert_fits(page)
    finally:
        context.close()


def test_agent_works_the_queue_at_1024_px(demo_server, browser):
    """The same work on a 1024 px screen: the list drops its topic column, nothing scrolls
    sideways, the request screen keeps its two columns."""
    context = browser.new_context(
        locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1024, "height": 768}
    )
    page = context.new_page()
    try:
        admin_login(page, demo_server.url, AGENT)
        page.goto(f"{demo_server.url}/admin/cma_callbacks/callbackrequest/")
        screenshot(page, "journey-3-agent-queue-1024")
        _assert_fits(page)
        expect(page.get_by_role("columnheader", name="Thème")).to_be_hidden()
        for heading in ["Artisan", "Téléphone", "Statut", "En attente depuis", "Attribuée à"]:
            expect(page.get_by_role("columnheader", name=heading)).to_be_visible()
        page.get_by_role("button", name="Prendre la suivante").click()
        expect(page.get_by_role("status")).to_contain_text("Cette demande est à vous")
        screenshot(page, "journey-3-agent-request-1024")
        _assert_fits(page)
        assert axe_violations(page, ".cma-callbacks-inspect") == []
        page.get_by_role("link", name="Retour aux demandes").click()
        _work_the_queue(page)
        page.goto(f"{demo_server.url}/admin/cma_callbacks/callbackrequest/?view=all")
        screenshot(page, "journey-3-agent-inbox-1024")
        _assert_fits(page)
    finally:
        context.close()


#: The cells of names and labels that a list cuts, or breaks inside a word.
_CUT_NAMES = """() => [...document.querySelectorAll('.listing .cma-cell--words')]
  .filter(c => { const s = getComputedStyle(c);
    return c.scrollWidth > c.clientWidth + 1 || s.textOverflow === 'ellipsis'
      || s.overflowWrap !== 'normal' || s.wordBreak !== 'normal'; })
  .map(c => c.textContent.trim())"""


def test_both_inboxes_show_names_whole_at_1280_and_1024_px(demo_server, browser):
    """Issue 16: business and participant names (and topics, sessions) are shown whole,
    wrapping between words only, in the callbacks and registrations lists; the lists still
    fit their column."""
    for width in (1280, 1024):
        context = browser.new_context(
            locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        try:
            admin_login(page, demo_server.url, ADMIN)
            for name, path in (
                ("callbacks", "/admin/cma_callbacks/callbackrequest/?view=all"),
                ("registrations", "/admin/cma_trainings/registration/"),
            ):
                page.goto(demo_server.url + path)
                assert page.locator(".listing .cma-cell--words").count() >= 5, path
                assert page.evaluate(_CUT_NAMES) == [], (width, path)
                _assert_fits(page)
                screenshot(page, f"inbox-names-{name}-{width}")
            # The demo's longest business name is on one or two lines, never cut.
            page.goto(demo_server.url + "/admin/cma_callbacks/callbackrequest/?view=all")
            expect(page.get_by_text("Pâtisserie Xavier Brignon", exact=True).first).to_be_visible()
        finally:
            context.close()
