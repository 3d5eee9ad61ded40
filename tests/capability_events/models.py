from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    title = models.CharField(_("title"), max_length=120)
    starts_on = models.DateField(_("starts on"))
    town = models.CharField(_("town"), max_length=80, blank=True)
    public = models.BooleanField(_("public"), default=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("event")

    def __str__(self) -> str:
        return self.title
