"""``manage.py cma_status``: what an operator watches (docs/deployment.md)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from cma_wagtail.outbox.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def _status(*args: str) -> str:
    out = StringIO()
    call_command("cma_status", *args, stdout=out)
    return out.getvalue()


def test_an_empty_outbox_is_reported_as_such():
    output = _status("--max-age-minutes", "5")
    assert "0 en attente, 0 en échec, 0 en cours d’envoi" in output
    assert "plus ancien non envoyé\u00a0: aucun" in output


def test_an_old_unsent_email_is_reported_and_fails_the_check():
    email = OutgoingEmail.objects.create(to=["a@example.org"], subject="S", body="B")
    OutgoingEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=42), status="failed"
    )
    assert "0 en attente, 1 en échec" in _status()
    assert "42\u00a0min" in _status()
    with pytest.raises(CommandError, match="plus de 30 minutes"):
        _status("--max-age-minutes", "30")
    _status("--max-age-minutes", "60")  # within the limit: no error
