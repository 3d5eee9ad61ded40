"""Run every benchmark (``make bench``) and print its table of ratios, measured in this run.

Each benchmark runs in its own process (a fresh throwaway database each time):

- ``queries.py``        SQL queries vs N for every listing, feed, map and API list
- ``callback_post.py``  the package's callback POST vs a bare Django view
- ``registration.py``   registration latency, uncontended vs 100-way contention (PostgreSQL)
- ``take_next.py``      "take next" latency, one agent vs 23 agents on one queue (PostgreSQL)
- ``memory.py``         resident memory of one gunicorn worker after 100 and 5,000 requests
- ``alerts.py``         one urgent page to 10,000 alert subscribers: publish time, outbox
                        writes, queries per batch, the worker's memory
- ``crisis_traffic.py`` 50 clients for 30 s (``BENCH_CRISIS_SECONDS``) on the crisis news page
                        through the nginx cache, uncached on gunicorn, and on a bare Wagtail
                        page, on the reference deployment (tests/stack)

``--write-docs`` also writes the tables into ``docs/performance.md`` with the machine and date.
Nothing here passes or fails: the tables are read against the targets in the docs.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BENCHMARKS = (
    "queries",
    "callback_post",
    "registration",
    "take_next",
    "memory",
    "alerts",
    "crisis_traffic",
)
DOC = ROOT / "docs" / "performance.md"
MARKER = "<!-- bench results: written by `python bench/run.py --write-docs` -->"


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = match.group(1).strip() if match else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    return (
        f"{os.cpu_count()} CPU ({cpu}){memory}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def main() -> int:
    only = [name for name in sys.argv[1:] if not name.startswith("--")] or list(BENCHMARKS)
    results = HERE / ".results"
    failed = []
    for name in only:
        print(f"\n=== {name}", flush=True)
        code = subprocess.run(
            [sys.executable, str(HERE / f"{name}.py")],
            cwd=ROOT,
            env={**os.environ, "BENCH_RESULTS": str(results), "PYTHONPATH": str(ROOT)},
            check=False,
        ).returncode
        if code:
            failed.append(name)
    header = f"Measured on {dt.date.today().isoformat()}, {machine()}."
    print("\n" + header)
    if "--write-docs" in sys.argv:
        tables = "\n".join(
            (results / f"{name}.md").read_text()
            for name in BENCHMARKS
            if (results / f"{name}.md").exists()
        )
        text = DOC.read_text()
        head = text.split(MARKER)[0]
        DOC.write_text(f"{head}{MARKER}\n\n{header}\n\n{tables}")
        print(f"Wrote {DOC.relative_to(ROOT)}")
    if failed:
        print(f"Benchmarks that could not run: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
