"""Mail server down: 1,000 callback requests are all stored; once it is back, the retry path
(``manage.py cma_send_outbox``) delivers each notification exactly once."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core import mail
from django.core.management import call_command

from cma_wagtail.callbacks.models import CallbackRequest
from cma_wagtail.callbacks.services import submit_callback_request
from cma_wagtail.outbox.models import OutgoingEmail
from tests.factories import CallbackTeamFactory, callback_block_value

from .backends import MailServerDownBackend

pytestmark = pytest.mark.slow  # run by `make test-slow` (CMA_RUN_SLOW=1)

SUBMISSIONS = 1000


@pytest.mark.django_db(transaction=True)
def test_mail_server_down_then_back(settings, site, chamber):
    settings.EMAIL_BACKEND = "tests.load.backends.MailServerDownBackend"
    MailServerDownBackend.calls = 0
    team = CallbackTeamFactory(emails="cellule@cma-doubs.example")
    block = callback_block_value(team=team)
    for n in range(SUBMISSIONS):
        submit_callback_request(
            block,
            {
                "name": f"Artisan {n}",
                "phone": f"+33614{n:06d}",
                "email": f"artisan{n}@example.org",
                "topic": "cash_flow",
                "message": "Le serveur de courrier est en panne.",
                "consent": True,
            },
            site,
            {"ip": "127.0.0.1", "chamber": chamber},
        )

    assert CallbackRequest.objects.count() == SUBMISSIONS
    # Each submission tried its two emails right after commit, and failed.
    assert MailServerDownBackend.calls == 2 * SUBMISSIONS
    assert OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED).count() == (
        2 * SUBMISSIONS
    )
    assert mail.outbox == []

    # A retry while the server is still down sends nothing and loses nothing.
    call_command("cma_send_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED).count() == (
        2 * SUBMISSIONS
    )

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("cma_send_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("cma_send_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115 (idempotent)

    sent = Counter((tuple(message.to), message.subject) for message in mail.outbox)
    assert len(mail.outbox) == 2 * SUBMISSIONS
    assert set(sent.values()) == {1}  # each recipient got each notification exactly once
    assert sum(1 for to, _subject in sent if to == ("cellule@cma-doubs.example",)) == SUBMISSIONS
    per_recipient = Counter(to for to, _subject in sent)
    assert all(per_recipient[(f"artisan{n}@example.org",)] == 1 for n in range(SUBMISSIONS))
    assert not OutgoingEmail.objects.exclude(status=OutgoingEmail.Status.SENT).exists()
