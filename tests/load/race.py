"""N people following their confirmation link (``cma_wagtail.trainings.services.confirm``,
where the seats are given) at the same instant, each thread on its own database connection;
shared by the load test and ``bench/``. Their registrations are submitted (pending) first."""

from __future__ import annotations

import random
import threading
import time

from django.db import OperationalError, connections

from cma_wagtail.trainings.services import RegistrationRefused, confirm, request_registration

#: PostgreSQL's default max_connections is 100: with the test's own connection, a thread
#: may be told "too many clients" when it connects. It retries, as a pooled web worker
#: would wait for a connection; the registration itself is never retried.
CONNECT_ERRORS = ("too many clients", "remaining connection slots")


def participant(tag: str, n: int) -> dict:
    return {
        "first_name": "Camille",
        "last_name": f"Artisan {n}",
        "email": f"{tag}-p{n}@example.org",
        "phone": "+33612345678",
        "business_name": f"Atelier {n}",
        "consent": True,
    }


def submit(session_id: int, data: dict) -> int:
    """A pending registration (what the form stores before the email is confirmed)."""
    registration, _created = request_registration(session_id, data)
    return registration.pk


def _confirm_connected(registration_id: int):
    for _attempt in range(200):
        try:
            connections["default"].ensure_connection()
            break
        except OperationalError as exc:
            if not any(text in str(exc) for text in CONNECT_ERRORS):
                raise
            time.sleep(random.uniform(0.01, 0.05))
    started = time.perf_counter()
    registration = confirm(registration_id)
    return registration, time.perf_counter() - started


def race(session_id: int | list[int], people: int, tag: str) -> tuple[list[str], list[float]]:
    """Return each person's outcome and the seconds ``confirm`` took for them.

    ``session_id`` may be a list (person n registers for ``session_id[n]``): the same number
    of threads at once, without a shared row lock.
    """
    pending = [
        submit(session_id[n] if isinstance(session_id, list) else session_id, participant(tag, n))
        for n in range(people)
    ]
    barrier = threading.Barrier(people)
    outcomes: list[str] = []
    durations: list[float] = []
    lock = threading.Lock()

    def person(n: int) -> None:
        duration = None
        try:
            barrier.wait(timeout=60)
            registration, duration = _confirm_connected(pending[n])
            outcome = registration.status
        except RegistrationRefused as exc:
            outcome = f"refused: {exc.code}"
        except Exception as exc:  # noqa: BLE001  (reported as a failure by the caller)
            outcome = f"error: {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(outcome)
            if duration is not None:
                durations.append(duration)

    threads = [threading.Thread(target=person, args=(n,)) for n in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return outcomes, durations
