"""Lighthouse (the npm package, pinned in the Makefile's ``browser-deps``) in Debian's
Chromium, mobile preset (Lighthouse's default: a phone's screen, simulated slow 4G and a
4× slower CPU), on the pages an artisan meets: the scores must stay at accessibility 100,
best practices ≥ 95, SEO ≥ 95 and performance ≥ 90 (issue 15, "Done when").

The demo server is started here (with a stand-in tile server: the map's tiles load as in
production), the table of scores is written to ``test-results/lighthouse.md`` and each
page's full report to ``test-results/lighthouse/<page>.json``.

The 404 page answers 404 on purpose: Lighthouse audits it only with
``--ignore-status-code``, and its SEO audit "Page has successful HTTP status code" fails
there by design, so the 404's SEO score is reported but not held to 95 (every other SEO
audit must pass on it).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import urllib.request
from pathlib import Path

import pytest

from .conftest import CHROMIUM, ROOT, DemoServer
from .tiles import TileServer

LIGHTHOUSE = Path(
    os.environ.get("CMA_LIGHTHOUSE", ROOT / ".cache/node_modules/lighthouse/cli/index.js")
)
RESULTS = Path(os.environ.get("CMA_LIGHTHOUSE_RESULTS", ROOT / "test-results"))
SERVES_STATIC_WITHOUT_DEBUG = "whitenoise" in (ROOT / "example_site/settings.py").read_text()
THRESHOLDS = {"accessibility": 100, "best-practices": 95, "seo": 95, "performance": 90}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]

PAGES = {
    "home": "/",
    "crisis news index": "/actualites-de-crise/",
    "crisis news page": "/actualites-de-crise/fonds-de-solidarite-deposez-votre-demande/",
    "initiatives index": "/initiatives/",
    "initiative page": "/initiatives/au-coeur-du-tricot/",
    "catalogue": "/formations/",
    "training": "/formations/maintenir-le-cap/",
    "wizard, first step": None,  # the first registration link of a training (see below)
    "404": "/page-introuvable/",
}


@pytest.fixture(scope="module")
def lighthouse_server():
    if not LIGHTHOUSE.exists():
        pytest.fail(f"Lighthouse not found at {LIGHTHOUSE}: run `make browser-deps`")
    # CMA_LIGHTHOUSE_PORT=N: the demo on port N and the tiles on N + 1 (else free ports).
    port = int(os.environ.get("CMA_LIGHTHOUSE_PORT", "0"))
    tiles = TileServer(port + 1 if port else 0).start()
    server = DemoServer()
    # What artisans see: DEBUG off, once the example site serves its static files without
    # DEBUG (WhiteNoise); until then DEBUG stays on and the 404 is Django's technical page,
    # reported in the table but not held to the thresholds.
    server.env["DEBUG"] = "0" if SERVES_STATIC_WITHOUT_DEBUG else "1"
    if port:
        server.port, server.url = port, f"http://127.0.0.1:{port}"
        server.env["WAGTAILADMIN_BASE_URL"] = server.url
    server.env["CMA_WAGTAIL_MAP_TILES_URL"] = tiles.url
    server.env["CMA_WAGTAIL_MAP_TILES_ATTRIBUTION"] = "Fond de carte de test"
    server.start()
    yield server
    server.stop()
    tiles.stop()


def _wizard_path(server) -> str:
    html = urllib.request.urlopen(  # noqa: S310 - our own loopback server
        server.url + "/formations/tresorerie-anticiper-negocier-banque/", timeout=10
    ).read()
    match = re.search(rb'href="(/cma/trainings/[^"]*register[^"]*)"', html)
    assert match, "no registration link on the training page"
    return match.group(1).decode()


def _warm(url: str) -> None:
    """One plain request first: renditions are generated on a picture's first view, which
    is a one-time cost of the site, not of the page."""
    try:
        html = urllib.request.urlopen(url, timeout=30).read().decode()  # noqa: S310
    except urllib.error.HTTPError:
        return
    base = url.split("/", 3)[:3]
    for src in set(re.findall(r'(?:src|srcset)="([^"]+)"', html)):
        for candidate in src.split(","):
            path = candidate.strip().split(" ")[0]
            if path.startswith("/"):
                try:
                    urllib.request.urlopen("/".join(base) + path, timeout=30).read()  # noqa: S310
                except OSError:
                    pass


# Lighthouse's own transient failures ("Something went wrong with recording the trace over
# your page load. Please run Lighthouse again. (NO_NAVSTART)"): the run is repeated, as its
# message asks; a page that loads but scores low is never retried.
TRANSIENT = "Please run Lighthouse again"
ATTEMPTS = 3


def _lighthouse(url: str, output: Path, *, expect_error_status: bool = False) -> dict:
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        # Lighthouse refuses to audit a page answering 404 unless told it is meant to.
        *(["--ignore-status-code"] if expect_error_status else []),
    ]
    for attempt in range(1, ATTEMPTS + 1):
        run = subprocess.run(
            command,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=180,
        )
        if run.returncode == 0:
            return json.loads(output.read_text())
        if TRANSIENT not in run.stderr or attempt == ATTEMPTS:
            break
        print(f"Lighthouse, {url}, attempt {attempt}: {run.stderr.strip()}; run again")
    raise AssertionError(f"Lighthouse failed on {url} (exit {run.returncode}):\n{run.stderr}")


def _failed_audits(report: dict, category: str) -> list[str]:
    refs = report["categories"][category]["auditRefs"]
    failed = []
    for ref in refs:
        audit = report["audits"][ref["id"]]
        if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
            failed.append(f"{ref['id']} ({audit.get('displayValue') or audit['score']})")
    return failed


def test_lighthouse_scores(lighthouse_server):
    server = lighthouse_server
    reports = RESULTS / "lighthouse"
    reports.mkdir(parents=True, exist_ok=True)
    rows, problems = [], []
    for name, path in PAGES.items():
        path = path or _wizard_path(server)
        _warm(server.url + path)
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        report = _lighthouse(
            server.url + path, reports / f"{slug}.json", expect_error_status=name == "404"
        )
        scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
        rows.append((name, path, scores))
        if name == "404" and not SERVES_STATIC_WITHOUT_DEBUG:
            continue  # Django's technical 404 (DEBUG on): see lighthouse_server
        for category, minimum in THRESHOLDS.items():
            if name == "404" and category == "seo":
                others = [a for a in _failed_audits(report, "seo") if not a.startswith("http-")]
                if others:
                    problems.append(f"{name}: SEO audits failed: {others}")
                continue
            if scores[category] < minimum:
                problems.append(
                    f"{name} ({path}): {category} {scores[category]} < {minimum}; "
                    f"failed audits: {_failed_audits(report, category)}"
                )
    table = [
        "| page | path | performance | accessibility | best practices | SEO |",
        "|---|---|---|---|---|---|",
    ]
    for name, path, s in rows:
        table.append(
            f"| {name} | `{path}` | {s['performance']} | {s['accessibility']} | "
            f"{s['best-practices']} | {s['seo']} |"
        )
    if not SERVES_STATIC_WITHOUT_DEBUG:
        table.append("")
        table.append("DEBUG on (no WhiteNoise yet): the 404 row is Django's technical page.")
    (RESULTS / "lighthouse.md").write_text("\n".join(table) + "\n")
    print("\n".join(table))
    assert problems == [], "\n".join(problems)
