"""The document generates TypeScript types a strict, exhaustive client compiles against (slow).

``make browser-deps`` installs the pinned openapi-typescript and TypeScript into
``.cache/node_modules``; the test writes the served document and the generated
``openapi.d.ts`` into a temporary copy of ``tests/api/typescript/`` and runs
``tsc --strict --noEmit`` on ``client.ts``, whose block ``switch`` ends in a ``never``
default: a block type added without its case fails here.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".cache" / "node_modules" / ".bin"
SOURCES = Path(__file__).with_name("typescript")

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def run(*command, cwd):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_types_check_an_exhaustive_client(client, tmp_path):
    if not (BIN / "openapi-typescript").exists() or not (BIN / "tsc").exists():
        pytest.skip("run `make browser-deps` (openapi-typescript and typescript)")
    document = client.get("/api/v3/openapi.json").json()
    work = tmp_path / "client"
    shutil.copytree(SOURCES, work)
    (work / "openapi.json").write_text(json.dumps(document))
    run(str(BIN / "openapi-typescript"), "openapi.json", "-o", "openapi.d.ts", cwd=work)
    run(str(BIN / "tsc"), "-p", "tsconfig.json", cwd=work)


def test_the_client_is_exhaustive(client, tmp_path):
    """A missing case is a compile error (the ``never`` default is not decoration)."""
    if not (BIN / "openapi-typescript").exists() or not (BIN / "tsc").exists():
        pytest.skip("run `make browser-deps` (openapi-typescript and typescript)")
    document = client.get("/api/v3/openapi.json").json()
    work = tmp_path / "client"
    shutil.copytree(SOURCES, work)
    (work / "openapi.json").write_text(json.dumps(document))
    source = (work / "client.ts").read_text()
    (work / "client.ts").write_text(source.replace('case "faq":\n      return "faq";\n', ""))
    run(str(BIN / "openapi-typescript"), "openapi.json", "-o", "openapi.d.ts", cwd=work)
    result = subprocess.run(
        [str(BIN / "tsc"), "-p", "tsconfig.json"], cwd=work, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "never" in result.stdout
