"""Two ``cma_send_outbox`` runs at once (overlapping crons) on PostgreSQL: each reports what
it sent and what failed itself, so their printed counts add up to what happened."""

from __future__ import annotations

import io
import re
import threading

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection, connections

from cma_wagtail.outbox import retry_requested
from cma_wagtail.outbox.models import OutgoingEmail

GOOD, BROKEN = 60, 20
RUNS = 2


class RendezvousBackend(EmailBackend):
    """The locmem backend, refusing addresses of ``panne.example``, and holding each run's
    first email until the other run sends one too: the two runs really overlap."""

    barrier: threading.Barrier
    seen: threading.local

    def send_messages(self, messages):
        if not getattr(self.seen, "done", False):
            self.seen.done = True
            self.barrier.wait(timeout=30)
        if any(address.endswith("@panne.example") for m in messages for address in m.to):
            raise ConnectionRefusedError("mail server refuses this address")
        return super().send_messages(messages)


def _run(outputs: list[str], start: threading.Barrier) -> None:
    def both_started(**kwargs):
        if threading.current_thread() is me:
            start.wait(timeout=30)

    me = threading.current_thread()
    retry_requested.connect(both_started, weak=False, dispatch_uid=f"rendezvous-{me.ident}")
    try:
        out = io.StringIO()
        call_command("cma_send_outbox", stdout=out)
        outputs.append(out.getvalue())
    finally:
        retry_requested.disconnect(dispatch_uid=f"rendezvous-{me.ident}")
        connections.close_all()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_report_counts_that_add_up(settings):
    assert connection.vendor == "postgresql"
    settings.EMAIL_BACKEND = "tests.core.test_outbox_concurrency.RendezvousBackend"
    RendezvousBackend.barrier = threading.Barrier(RUNS)
    RendezvousBackend.seen = threading.local()
    for n in range(GOOD):
        OutgoingEmail.objects.create(to=[f"agent{n}@cma.example"], subject="Rappel", body="…")
    for n in range(BROKEN):
        OutgoingEmail.objects.create(to=[f"agent{n}@panne.example"], subject="Rappel", body="…")

    outputs: list[str] = []
    start = threading.Barrier(RUNS)
    threads = [threading.Thread(target=_run, args=(outputs, start)) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    counts = [re.match(r"(\d+) envoyé\(s\), (\d+) toujours en échec", o) for o in outputs]
    assert all(counts), outputs
    sent = sum(int(m.group(1)) for m in counts)
    failed = sum(int(m.group(2)) for m in counts)
    assert all(int(m.group(1)) + int(m.group(2)) > 0 for m in counts), outputs  # both worked
    assert sent == GOOD == len(mail.outbox)  # each email sent once, by one run
    assert failed == BROKEN  # each refused email tried once, reported by the run that tried
    assert sorted(OutgoingEmail.objects.values_list("attempts", flat=True)) == [1] * (GOOD + BROKEN)
