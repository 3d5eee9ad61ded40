from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class Format(models.TextChoices):
    """How a training (or one of its sessions) is delivered."""

    REMOTE = "remote", _("Remote")
    ONSITE = "onsite", _("On site")
    BLENDED = "blended", _("Blended")


@register_snippet
class TrainingTheme(index.Indexed, models.Model):
    """A theme of the catalogue ("Gestion et finances", "Numérique"…), used as a filter."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("training theme")
        verbose_name_plural = _("training themes")

    def __str__(self) -> str:
        return self.name
