"""Every .po entry is translated and not fuzzy, and every .mo is up to date."""

import ast
import gettext
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
PO_FILES = sorted(
    p for p in ROOT.glob("**/locale/fr/LC_MESSAGES/django.po") if ".venv" not in p.parts
)


def _s(literal):
    return ast.literal_eval(literal.strip())


def _entries(path):
    """Yield (msgid, msgstr list, flags) of a .po file (enough of the format for this check)."""
    entries, current, flags, key = [], None, set(), None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if line.startswith("#,"):
            flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("msgid "):
            current = {"msgid": _s(line[6:]), "msgstr": [], "flags": flags}
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
            current, flags, key = None, set(), None
    return [e for e in entries if e["msgid"]]


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
        if len(e["msgstr"]) == 1 and catalog.get(e["msgid"]) != e["msgstr"][0]
    ]
    assert stale == [], f"{mo} is out of date (run compilemessages): {stale}"


def test_french_is_used():
    with translation.override("fr"):
        assert translation.gettext("Legal notice") == "Mentions légales"
        assert translation.gettext(
            "Enter a valid phone number, for example 03 81 21 22 23 or +33 3 81 21 22 23."
        ) != ("Enter a valid phone number, for example 03 81 21 22 23 or +33 3 81 21 22 23.")
