from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from cma_wagtail.fields import BodyField


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
        return self.get_children().live().in_menu().public().specific()

    @property
    def callback_anchor(self) -> str:
        """``#<anchor>`` of this page's first callback form, or "" when it has none (the
        anchor the callbacks capability gives the form of a block: ``cma-callback-<block id>``)."""
        for child in self.body:
            if child.block_type == "callback_request":
                return f"#cma-callback-{child.id}"
        return ""


class StandardPage(Page):
    """A plain page (legal notice, personal data, accessibility statement…)."""

    body = BodyField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    api_fields = [APIField("body")]

    class Meta:
        verbose_name = _("standard page")
