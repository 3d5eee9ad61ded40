from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.search import index

from cma_wagtail.base_page import get_base_page_model
from cma_wagtail.fields import BodyField

#: Wagtail's ``Page``, or the site's base page model when WAGTAIL_PAGE_MODEL names one (the
#: custom-base-page test run).
Page = get_base_page_model()


class HomePage(Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = BodyField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]

    class Meta:
        verbose_name = _("home page")

    def get_sections(self):
        """The hero's links: the home page's live children shown in menus (the four
        sections of the demo: news, callback cell, initiatives, trainings)."""
        children = self.get_children().live().public()
        if hasattr(type(self), "show_in_menus"):
            return children.in_menu().specific()
        # A base page model without menu flags (Wagtail 8's bare AbstractPage): every child
        # but the legal pages, which the footer links to.
        from cma_wagtail.models import ChamberSettings

        chamber = ChamberSettings.for_site(self.get_site()) if self.get_site() else None
        legal = [
            getattr(chamber, f"{name}_id", None)
            for name in ("legal_notice_page", "privacy_page", "accessibility_page")
        ]
        return children.exclude(pk__in=[pk for pk in legal if pk]).specific()


class StandardPage(Page):
    """A plain page (legal notice, personal data, accessibility statement…)."""

    body = BodyField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    api_fields = [APIField("body")]

    class Meta:
        verbose_name = _("standard page")
