""" "Prendre la suivante" on PostgreSQL: its latency for one agent alone vs 23 agents pressing
it at the same instant on one team's queue (``cma_wagtail.callbacks.queue.take_next``: the
candidate row is locked with ``SKIP LOCKED``, then assigned by compare-and-set).

A control row measures the same burst on 23 different teams (no shared row): what 23
simultaneous calls cost on this machine's CPUs alone, as ``registration.py`` does.
"""

from __future__ import annotations

import os
import sys

from common import ROOT, median, on_throwaway_postgres, percentile, save, table

AGENTS = 23
PER_AGENT = 10
ROUNDS = 5
UNCONTENDED = 200


def _burst(agents) -> list[float]:
    """Every agent presses "take next" PER_AGENT times, all starting at the same instant
    (the fixture of tests/callbacks/test_queue.py's race)."""
    from tests.callbacks.queue_support import race_take_next

    race = race_take_next(agents, PER_AGENT)
    assert not race.errors, race.errors
    assert race.distinct and len(race.taken) == len(agents) * PER_AGENT, "a request taken twice"
    return race.durations


def measure() -> None:
    """Runs in a child process whose BENCH_DATABASE_URL is a fresh PostgreSQL database."""
    from common import setup_django

    setup_django()
    sys.path.insert(0, str(ROOT))
    import time

    from data import setup_world

    from cma_wagtail.callbacks.models import CallbackRequest
    from cma_wagtail.callbacks.queue import take_next
    from tests.callbacks.queue_support import open_requests, team_agents
    from tests.factories import CallbackTeamFactory

    setup_world()
    alone_team = CallbackTeamFactory(name="Seule")
    (alone_agent,) = team_agents(alone_team, 1, prefix="alone")
    open_requests(alone_team, UNCONTENDED)
    alone = []
    for _n in range(UNCONTENDED):
        started = time.perf_counter()
        take_next(alone_agent)
        alone.append(time.perf_counter() - started)
    contended, spread = [], []
    for round_no in range(ROUNDS):
        team = CallbackTeamFactory(name=f"Cellule {round_no}")
        agents = team_agents(team, AGENTS, prefix=f"r{round_no}-")
        open_requests(team, AGENTS * PER_AGENT)
        contended += _burst(agents)
        alone_agents = []
        for n in range(AGENTS):
            own = CallbackTeamFactory(name=f"Équipe {round_no}-{n}")
            alone_agents += team_agents(own, 1, prefix=f"s{round_no}-{n}-")
            open_requests(own, PER_AGENT)
        spread += _burst(alone_agents)
    assert not CallbackRequest.objects.filter(assigned_to=None).exists()
    base = median(alone) * 1000
    p50, p95 = percentile(contended, 50) * 1000, percentile(contended, 95) * 1000
    spread_p95 = percentile(spread, 95) * 1000
    rows = [
        ["one agent alone", len(alone), base, percentile(alone, 95) * 1000],
        [
            f"{AGENTS} agents at once, {AGENTS} different teams (× {ROUNDS})",
            len(spread),
            percentile(spread, 50) * 1000,
            spread_p95,
        ],
        [f"{AGENTS} agents at once, one queue (× {ROUNDS})", len(contended), p50, p95],
    ]
    text = table(
        '"Take next" latency on PostgreSQL (take_next(), one connection per agent)',
        ["Case", "calls", "p50 ms", "p95 ms", "p95 / uncontended median"],
        [[c, n, f"{a:.2f}", f"{b:.2f}", f"{b / base:.2f}"] for c, n, a, b in rows],
    )
    text += (
        f"\nEvery burst: {AGENTS * PER_AGENT} distinct requests taken, none twice. "
        f"Target p95 ≤ 2 × uncontended median → {'met' if p95 <= 2 * base else 'MISSED'}.\n"
        f"The middle row is the same burst without a shared queue: what {AGENTS} simultaneous "
        f"calls cost on this machine's {os.cpu_count()} CPUs alone. The shared queue itself "
        f"adds ×{p95 / spread_p95:.2f} at p95.\n"
    )
    save(
        "take_next",
        text,
        {"uncontended_median_ms": base, "p50_ms": p50, "p95_ms": p95, "spread_p95_ms": spread_p95},
    )


def main() -> None:
    on_throwaway_postgres(__file__, '"Take next" latency', "cma_take_next_bench")


if __name__ == "__main__":
    if "--measure" in sys.argv:
        measure()
    else:
        main()
