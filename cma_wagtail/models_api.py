from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotentResponse(models.Model):
    """The first response to a POST made with an ``Idempotency-Key`` (see ``api/v3.py``)."""

    scope = models.CharField(_("endpoint"), max_length=100)
    key = models.CharField(_("idempotency key"), max_length=255)
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotent response")
        verbose_name_plural = _("idempotent responses")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="cma_idempotency_scope_key")
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.key}"
