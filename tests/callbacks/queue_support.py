"""A team's agents pressing "Prendre la suivante" at the same instant: the fixture of the queue
tests (tests/callbacks/test_queue.py) and of the "take next" benchmark (bench/take_next.py),
written once so that what the test proves is what the benchmark measures."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field


def team_agents(team, count: int, prefix: str = "agent") -> list:
    """``count`` agents of ``team`` who may see and work its requests.

    Permissions rather than the migrations' group: a transactional test flushes the group.
    """
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    perms = list(
        Permission.objects.filter(
            content_type__app_label="cma_callbacks",
            codename__in=["view_callbackrequest", "change_callbackrequest"],
        )
    )
    users = []
    for n in range(count):
        user = UserFactory(username=f"{prefix}{n}")
        user.user_permissions.add(*perms)
        team.members.add(user)
        users.append(user)
    return users


def open_requests(team, count: int) -> list:
    """``count`` new requests waiting in ``team``'s queue."""
    from tests.factories import CallbackRequestFactory

    return CallbackRequestFactory.create_batch(count, team=team)


@dataclass
class Race:
    """What a race gave: ``(request pk, agent pk)`` per request taken, each call's duration in
    seconds, and the exceptions raised (none expected)."""

    taken: list = field(default_factory=list)
    durations: list = field(default_factory=list)
    errors: list = field(default_factory=list)

    @property
    def distinct(self) -> bool:
        return len({pk for pk, _user in self.taken}) == len(self.taken)


def race_take_next(agents, per_agent: int, timeout: float = 30) -> Race:
    """Every agent presses "take next" up to ``per_agent`` times, all starting at once (one
    thread and one database connection each); an agent stops when the queue is empty."""
    from django.db import connection

    from cma_wagtail.callbacks.queue import take_next

    barrier = threading.Barrier(len(agents))
    race = Race()

    def work(user):
        try:
            barrier.wait(timeout=timeout)
            for _n in range(per_agent):
                started = time.perf_counter()
                obj = take_next(user)
                race.durations.append(time.perf_counter() - started)
                if obj is None:
                    break
                race.taken.append((obj.pk, user.pk))
        except Exception as exc:  # noqa: BLE001  (reported in race.errors)
            race.errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(user,)) for user in agents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return race
