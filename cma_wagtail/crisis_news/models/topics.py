"""``NewsTopic``: the taxonomy of crisis news (a snippet, managed under “Snippets”)."""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class NewsTopic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        allow_unicode=False,
        help_text=_("Used in addresses (?topic=…). Leave empty to build it from the name."),
    )
    description = models.TextField(_("description"), blank=True)
    crisis_related = models.BooleanField(
        _("crisis-related"),
        default=False,
        help_text=_(
            "News with this topic are published as official special announcements "
            "(schema.org SpecialAnnouncement) for search engines."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("crisis_related"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("news topic")
        verbose_name_plural = _("news topics")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self) -> str:
        base = slugify(self.name)[:90] or "topic"
        others = NewsTopic.objects.exclude(pk=self.pk)
        slug, n = base, 1
        while others.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def clean(self) -> None:
        super().clean()
        if not self.slug:
            self.slug = self._unique_slug()
