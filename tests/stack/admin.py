"""An editor in the Wagtail admin, in Chromium: the admin's forms are built by its scripts
(StreamField, choosers, tabs), so only a browser posts them as an editor does, with the CSRF
cookie it was given and the token it reads from each form."""

from __future__ import annotations

from contextlib import contextmanager

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

#: The Wagtail account created by the stack's preparation (tests/stack/stack.py).
from .stack import EDITOR_PASSWORD, EDITOR_USERNAME

#: Reveal the tab holding a field (the settings' "Crisis" and "Forms" tabs).
REVEAL = """(name) => {
    const field = document.querySelector(`[name="${name}"]`);
    const panel = field && field.closest('[role="tabpanel"]');
    if (panel) document.querySelector(`a[href="#${panel.id}"]`).click();
}"""


class Editor:
    """One logged-in editor on one app server (``base``: its URL)."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base

    def log_in(self) -> None:
        page = self.page
        page.goto(f"{self.base}/admin/login/")
        page.fill('input[name="username"]', EDITOR_USERNAME)
        page.fill('input[name="password"]', EDITOR_PASSWORD)
        with page.expect_navigation():
            page.click('form button[type="submit"]')
        assert "/admin/login/" not in page.url, "the editor could not log in"

    def publish(self, pk: int | str, *, title: str) -> None:
        """Edit the page's title and press Publish (the footer's ``action-publish``)."""
        page = self.page
        page.goto(f"{self.base}/admin/pages/{pk}/edit/")
        page.fill('input[name="title"]', title)
        page.click('footer [data-w-dropdown-target="toggle"]')
        with page.expect_navigation():
            page.click('footer button[name="action-publish"]')
        self._succeeded()

    def unpublish(self, pk: int | str) -> None:
        page = self.page
        page.goto(f"{self.base}/admin/pages/{pk}/unpublish/")
        with page.expect_navigation():
            page.click('main form[method="POST"] button[type="submit"]')
        self._succeeded()

    def chamber_settings(self, site_pk: int | str, **fields) -> None:
        """Change ``ChamberSettings`` fields (text: str, checkbox: bool) and save."""
        page = self.page
        page.goto(f"{self.base}/admin/settings/cma_wagtail/chambersettings/{site_pk}/")
        for name, value in fields.items():
            page.evaluate(REVEAL, name)
            field = page.locator(f'[name="{name}"]')
            if isinstance(value, bool):
                field.set_checked(value)
            else:
                field.fill(value)
        with page.expect_navigation():
            page.click('footer button[type="submit"]')
        self._succeeded()

    def _succeeded(self) -> None:
        errors = self.page.locator(".messages .error, .help-critical, .error-message")
        assert not errors.count(), errors.first.inner_text()


@contextmanager
def editor_on(base: str):
    """A Chromium session logged in to the admin of the app server at ``base``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(locale="fr-FR")
            context.set_default_timeout(60_000)
            editor = Editor(context.new_page(), base)
            editor.log_in()
            yield editor
            context.close()
        finally:
            browser.close()
