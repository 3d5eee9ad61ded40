"""Build cma_wagtail/static/cma_wagtail/icons/sprite.svg from Tabler Icons (MIT, npm registry).

Only the icons the templates use go into the sprite (``ICONS`` below; tests/core/test_icons.py
checks that every ``{% cma_icon %}`` name is in it). Run ``make icons`` after changing the list
or the version: it installs the pinned package into .cache/ and rewrites the sprite.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / ".cache" / "node_modules" / "@tabler" / "icons"
OUT = ROOT / "cma_wagtail" / "static" / "cma_wagtail" / "icons"

ICONS = [
    "alert-octagon",
    "alert-triangle",
    "brand-facebook",
    "brand-instagram",
    "brand-linkedin",
    "brand-x",
    "brand-youtube",
    "bread",
    "calendar",
    "chevron-right",
    "clock",
    "download",
    "heart-handshake",
    "info-circle",
    "mail",
    "map-pin",
    "mask",
    "menu-2",
    "phone",
    "spray",
    "star",
    "ticket",
    "truck-delivery",
    "x",
]


def main() -> int:
    version = json.loads((PACKAGE / "package.json").read_text())["version"]
    symbols = []
    for name in ICONS:
        svg = (PACKAGE / "icons" / "outline" / f"{name}.svg").read_text()
        inner = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S).group(1)
        # Drop Tabler's invisible bounding-box path; keep the drawing.
        inner = re.sub(r'<path stroke="none" d="M0 0h24v24H0z" fill="none"\s*/>', "", inner)
        inner = " ".join(inner.split())
        symbols.append(
            f'<symbol id="{name}" viewBox="0 0 24 24" fill="none" stroke="currentColor" '
            f'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">{inner}</symbol>'
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "sprite.svg").write_text(
        f"<!-- Tabler Icons {version} (MIT), https://tabler.io/icons: see LICENSE -->\n"
        '<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n"
    )
    licence = (PACKAGE / "LICENSE").read_text()
    (OUT / "LICENSE").write_text(
        f"sprite.svg holds icons of Tabler Icons {version} (npm package @tabler/icons),\n"
        f"https://github.com/tabler/tabler-icons, under the MIT licence below.\n\n{licence}"
    )
    print(f"{len(ICONS)} icons of Tabler Icons {version} written to {OUT / 'sprite.svg'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
