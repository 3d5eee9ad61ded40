from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotentResponse(models.Model):
    """The first response to a POST made with an ``Idempotency-Key`` (see ``api/idempotency.py``).

    ``key_hash`` is a SHA-256 of the client, the method, the path and the whole key: the key
    itself is not stored, and it replays only for the client and URL it was sent with.
    """

    scope = models.CharField(_("endpoint"), max_length=100)
    key_hash = models.CharField(_("idempotency key hash"), max_length=64, unique=True)
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    body = models.JSONField(null=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotent response")
        verbose_name_plural = _("idempotent responses")

    def __str__(self) -> str:
        return f"{self.scope} {self.key_hash[:12]}"
