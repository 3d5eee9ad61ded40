"""Every .po entry is translated and not fuzzy, and every .mo is up to date."""

import ast
import gettext
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
PO_FILES = sorted(
    p
    for p in ROOT.glob("**/locale/fr/LC_MESSAGES/django.po")
    if not any(part.startswith(".") for part in p.relative_to(ROOT).parts)
)


def _s(literal):
    return ast.literal_eval(literal.strip())


def _entries(path):
    """Yield (msgid, msgstr list, flags) of a .po file (enough of the format for this check)."""
    entries, current, flags, key, context = [], None, set(), None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if line.startswith("#,"):
            flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("msgctxt "):
            context = _s(line[8:])
        elif line.startswith("msgid "):
            current = {"msgid": _s(line[6:]), "msgstr": [], "flags": flags, "msgctxt": context}
            key = "msgid"
        elif line.startswith("msgid_plural"):
            key = "plural"
        elif line.startswith("msgstr"):
            current["msgstr"].append(_s(line.split(" ", 1)[1]))
            key = "msgstr"
        elif line.startswith('"') and current is not None:
            if key == "msgid":
                current["msgid"] += _s(line)
            elif key == "msgstr":
                current["msgstr"][-1] += _s(line)
        elif not line and current is not None:
            entries.append(current)
            current, flags, key, context = None, set(), None, None
    return [e for e in entries if e["msgid"]]


def _mo_key(entry):
    context = entry.get("msgctxt")
    return f"{context}\x04{entry['msgid']}" if context else entry["msgid"]


def test_there_are_french_catalogues():
    assert any("cma_wagtail/locale" in str(p) for p in PO_FILES)


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete(po):
    problems = [e["msgid"] for e in _entries(po) if "fuzzy" in e["flags"] or not all(e["msgstr"])]
    assert problems == [], f"untranslated or fuzzy in {po}: {problems}"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run compilemessages"
    with mo.open("rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog
    stale = [
        e["msgid"]
        for e in _entries(po)
        if len(e["msgstr"]) == 1 and catalog.get(_mo_key(e)) != e["msgstr"][0]
    ]
    assert stale == [], f"{mo} is out of date (run compilemessages): {stale}"


def test_french_is_used():
    with translation.override("fr"):
        assert translation.gettext("Legal notice") == "Mentions légales"
        assert translation.gettext(
            "Enter a valid phone number, for example 03 81 21 22 23 or +33 3 81 21 22 23."
        ) != ("Enter a valid phone number, for example 03 81 21 22 23 or +33 3 81 21 22 23.")


def test_one_source_string_has_one_translation_across_catalogues():
    """gettext merges the apps' catalogues: the same msgid must not say two things."""
    seen: dict[tuple, tuple[str, Path]] = {}
    clashes = []
    for po in PO_FILES:
        for entry in _entries(po):
            if len(entry["msgstr"]) != 1:
                continue
            key = (entry.get("msgctxt"), entry["msgid"])
            if key in seen and seen[key][0] != entry["msgstr"][0]:
                clashes.append((entry["msgid"], seen[key], (entry["msgstr"][0], po)))
            seen.setdefault(key, (entry["msgstr"][0], po))
    assert clashes == [], "use the same translation, or pgettext with a context: " + repr(clashes)


def test_every_string_of_the_package_is_in_its_catalogue(tmp_path):
    """``makemessages`` on a copy of the package adds nothing untranslated: a string marked
    for translation in the code but missing from the .po would show in English (or as a
    fuzzy guess, which gettext ignores)."""
    import shutil
    import subprocess
    import sys

    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed")
    package = tmp_path / "cma_wagtail"
    shutil.copytree(
        ROOT / "cma_wagtail", package, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "fr",
            "--no-obsolete",
            "--no-location",
            "--no-wrap",
        ],
        cwd=package,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    missing = {
        str(po.relative_to(tmp_path)): [
            e["msgid"] for e in _entries(po) if "fuzzy" in e["flags"] or not all(e["msgstr"])
        ]
        for po in package.glob("**/locale/fr/LC_MESSAGES/django.po")
    }
    assert {po: ids for po, ids in missing.items() if ids} == {}
