"""Concurrent submissions for one number merge into a single open request (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from cma_wagtail.blocks import CallbackRequestBlock
from cma_wagtail.callbacks.models import CallbackRequest
from cma_wagtail.callbacks.services import submit_callback_request

THREADS = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_for_the_same_phone_merge(team):
    block_value = CallbackRequestBlock().to_python({"topics": ["cash_flow"], "team": team.pk})
    barrier = threading.Barrier(THREADS)
    errors, results = [], []

    def submit(n):
        try:
            barrier.wait(timeout=10)
            obj, merged = submit_callback_request(
                block_value,
                {
                    "name": f"Artisan {n}",
                    "phone": "+33381999999",
                    "topic": "cash_flow",
                    "message": f"message {n}",
                    "consent": True,
                },
                None,
                {"ip": f"10.0.0.{n}"},
            )
            results.append((obj.pk, merged))
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert CallbackRequest.objects.count() == 1
    obj = CallbackRequest.objects.get()
    assert obj.submission_count == THREADS
    assert sum(1 for _pk, merged in results if not merged) == 1
    # One message is the request's own, each of the others the note of a repeat.
    notes = list(obj.attempts.filter(action="repeat").values_list("note", flat=True))
    assert len(notes) == THREADS - 1
    texts = [obj.message, *notes]
    assert all(sum(f"message {n}" in text for text in texts) == 1 for n in range(THREADS))
