"""Demo content of the example site, one module per capability, each with ``load(context)``."""

from dataclasses import dataclass, field
from typing import Any


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


def get_or_create_child(parent, model, slug, **fields):
    """Idempotently create a published child page; update nothing if it exists."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True
