"""Shared helpers: Django set-up on the throwaway database, tables, result collection."""

from __future__ import annotations

import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / ".results"))


def setup_django(migrate: bool = True) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", "--noinput", verbosity=0)


def table(title: str, header: list[str], rows: list[list]) -> str:
    """A Markdown table (readable in a terminal and in the docs)."""
    cells = [header, *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    out = [f"### {title}", "", line(cells[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(row) for row in cells[1:]]
    return "\n".join(out) + "\n"


def save(name: str, text: str, data: dict) -> None:
    print(text, flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.md").write_text(text)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2, default=str))


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


median = statistics.median


def _psql(sql: str) -> None:
    import subprocess

    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql],
        check=True,
        capture_output=True,
        timeout=60,
    )


def on_throwaway_postgres(script: str, title: str, prefix: str) -> None:
    """Run ``script --measure`` against a PostgreSQL database made for it and dropped after
    (``BENCH_DATABASE_URL``); print a "skipped" section when PostgreSQL is not reachable."""
    import subprocess
    import uuid

    if subprocess.run(
        ["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"], check=False
    ).returncode:
        print(f"### {title}\n\nPostgreSQL is not reachable on 127.0.0.1:5432: skipped.\n")
        return
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    _psql(f"CREATE DATABASE {name}")
    try:
        env = {**os.environ, "BENCH_DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}"}
        subprocess.run([sys.executable, script, "--measure"], env=env, check=True, cwd=ROOT)
    finally:
        _psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
