from django.db import models
from wagtail.models import AbstractPage


class BasePage(AbstractPage):
    """Wagtail's bare ``AbstractPage`` (no seo_title, search_description, show_in_menus) + a field."""

    importance = models.CharField(max_length=255, blank=True, null=True)

    promote_panels = [*AbstractPage.promote_panels, "importance"]
