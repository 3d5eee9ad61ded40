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


class StandardPage(Page):
    """A plain page (legal notice, personal data, accessibility statement…)."""

    body = BodyField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    api_fields = [APIField("body")]

    class Meta:
        verbose_name = _("standard page")
