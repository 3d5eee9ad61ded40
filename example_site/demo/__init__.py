"""Demo content of the example site, one module per capability, each with ``load(context)``.

The story is the CMA du Doubs's crisis cell told as of today (the facts of the article, the
dates relative to the day the demo is loaded): the cell opened :data:`CELL_OPENED_DAYS_AGO`
days ago, and every date of the demo (news, initiatives, requests, sessions, figures) falls
after it, so that no page contradicts another.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

#: The crisis cell opened this many days before the demo is loaded.
CELL_OPENED_DAYS_AGO = 42

MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip


def today() -> dt.date:
    return timezone.localdate()


def cell_opened() -> dt.date:
    """The day the crisis cell opened (the article's "16 mars", relative to today)."""
    return today() - dt.timedelta(days=CELL_OPENED_DAYS_AGO)


def french_date(day: dt.date, year: bool = False) -> str:
    """``1er mars``, ``16 mars 2026``: French typography (1er, non-breaking spaces)."""
    text = f"{'1er' if day.day == 1 else day.day}\u00a0{MONTHS[day.month - 1]}"
    return f"{text}\u00a0{day.year}" if year else text


#: The live counter of the artisans called back, shown where the text speaks of them: the
#: figure is the count of the demo's own calls, so text and figure always agree.
def called_back_figures(opened: dt.date, with_module_size: bool = False) -> dict:
    figures = [
        {"value": "23", "label": "agents en télétravail", "source": "CMA du Doubs"},
        {
            "value": "",
            "label": "artisans rappelés depuis l'ouverture de la cellule",
            "source": "",
            "live_source": "callbacks_artisans_called_back",
            "since": opened.isoformat(),
        },
    ]
    if with_module_size:
        figures.append(
            {
                "value": "9",
                "label": "participants par module «\u00a0Maintenir le cap\u00a0!\u00a0»",
                "source": "",
            }
        )
    return {
        "type": "key_figures",
        "value": {
            "heading": "La cellule de crise en chiffres",
            "figures": figures,
        },
    }


@dataclass
class DemoContext:
    stdout: Any = None
    style: Any = None
    #: objects shared between modules (home page, site, chamber settings…)
    objects: dict = field(default_factory=dict)
    #: lines printed at the end (credentials, URLs)
    report: list = field(default_factory=list)
    #: where the demo is served (settings.WAGTAILADMIN_BASE_URL, which follows PORT)
    base_url: str = "http://127.0.0.1:8000"


#: Fields of Wagtail's ``Page`` that a site's own base page model may not have (Wagtail 8's
#: bare ``AbstractPage``): the demo sets them only where they exist.
OPTIONAL_PAGE_FIELDS = ("show_in_menus", "search_description", "seo_title")


def page_fields(model, fields: dict) -> dict:
    """``fields`` without the optional page fields that ``model`` lacks."""
    return {
        name: value
        for name, value in fields.items()
        if name not in OPTIONAL_PAGE_FIELDS or hasattr(model, name)
    }


def get_or_create_child(parent, model, slug, **fields):
    """Idempotently create a published child page; update nothing if it exists."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **page_fields(model, fields))
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def ensure_listing_image(page, image, field_name="listing_image"):
    """Give an existing demo page its picture (demo databases built before it had one)."""
    if getattr(page, f"{field_name}_id") is None:
        setattr(page, field_name, image)
        page.save_revision().publish()
