"""What the site frame reads for one request: the chamber settings and one query of pages.

The frame (``cma_wagtail/page_base.html``: crisis banner, header and main menu, breadcrumbs,
footer) shows the chamber settings, the site's main menu, the current page's ancestors and
the pages the settings link to (legal notice, personal data, accessibility, the banner's
link, the callback page). They are read in two queries, whatever the page:

- ``ChamberSettings.for_request`` (Wagtail's settings, cached on the request), with the logo
  joined, not the five linked pages: a join of five copies of the page table costs more to
  plan and build than the settings themselves;
- :func:`load`: one query of pages (the menu's, the ancestors', the linked ones), whose
  linked pages are put into the settings' foreign-key caches, so that
  ``chamber.privacy_page`` or ``{% pageurl chamber.legal_notice_page %}`` costs nothing
  anywhere else in the request.

Everything is memoised on the request and nothing is kept between requests: an editor's
change (a page published, unpublished, moved, renamed, shown in or hidden from the menu, a
view restriction, the settings) is seen at the very next request, on every server.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import swapper
from django.db.models import Q

from .restrictions import private_exists
from .visibility import is_menu_page, menu_candidates, request_site

if TYPE_CHECKING:  # pragma: no cover
    from django.http import HttpRequest
    from wagtail.models import Page, Site

#: The ChamberSettings foreign keys to pages that the frame or the forms show.
LINKED_PAGES = (
    "legal_notice_page",
    "privacy_page",
    "accessibility_page",
    "crisis_banner_link_page",
    "callback_page",
)

_MEMO = "_cma_frame"


@dataclass
class FramePages:
    """The pages of one request's frame (see :func:`load`)."""

    site: Site | None
    root: Page | None
    menu: list = field(default_factory=list)
    #: path → page, for every path asked for (None: no such page).
    by_path: dict = field(default_factory=dict)
    #: pk → page, for every page read.
    by_pk: dict = field(default_factory=dict)

    def ancestors(self, page: Page, inclusive: bool = False) -> list:
        """``page``'s ancestors from the site's root page down (``page`` too if
        ``inclusive``): what ``page.get_ancestors(inclusive).filter(depth__gte=root.depth)``
        gives, from the frame's query when it read them, else in one query."""
        paths = _ancestor_paths(page, self.root, inclusive)
        missing = [path for path in paths if path not in self.by_path]
        if missing:
            Page = swapper.load_model("wagtailcore", "Page")
            found = {p.path: p for p in Page.objects.filter(path__in=missing)}
            self.by_path.update({path: found.get(path) for path in missing})
        return [self.by_path[path] for path in paths if self.by_path[path] is not None]


def _ancestor_paths(page, root, inclusive: bool) -> list[str]:
    """Treebeard paths of ``page``'s ancestors from ``root``'s depth down (a path's first
    ``depth × steplen`` characters are its ancestor's path at that depth)."""
    if root is None or not getattr(page, "pk", None) or not getattr(page, "path", None):
        return []  # no page, or one not saved yet (the preview of a new page)
    last = page.depth if inclusive else page.depth - 1
    return [page.path[: depth * page.steplen] for depth in range(root.depth, last + 1)]


def load(request: HttpRequest | None, page: Page | None = None, chamber=None) -> FramePages:
    """The frame's pages for ``request``: the main menu (the rule of
    :func:`~cma_wagtail.visibility.menu_pages`), ``page``'s ancestors and the pages
    ``chamber`` links to, read in one query the first time and memoised on the request;
    ``chamber``'s linked pages are put into its caches."""
    frame = getattr(request, _MEMO, None) if request is not None else None
    if frame is not None:
        if chamber is not None:
            _prime(chamber, frame.by_pk)
            prime_linked_pages(chamber)  # a page the first call did not know of: one query
        return frame
    site = request_site(request)
    root = site.root_page if site is not None else None
    frame = FramePages(site=site, root=root)
    Page = swapper.load_model("wagtailcore", "Page")
    paths = _ancestor_paths(page, root, inclusive=False)
    linked = _linked_ids(chamber)
    has_menu = root is not None and hasattr(Page, "show_in_menus")
    if has_menu or paths or linked:
        # The menu's candidates, the ancestors and the linked pages in one query; whether
        # each is private is read with it (the menu's rule then applies to the rows read:
        # visibility.is_menu_page, the same as visibility.menu_pages).
        candidates = menu_candidates(root) if has_menu else Q(pk__in=[])
        pages = list(
            Page.objects.filter(candidates | Q(path__in=paths) | Q(pk__in=linked))
            .annotate(_cma_private=private_exists())
            .order_by("path")
        )
        if has_menu:
            frame.menu = [p for p in pages if is_menu_page(p, root, p._cma_private)]
        frame.by_pk = {p.pk: p for p in pages}
        found = {p.path: p for p in pages}
        frame.by_path = {path: found.get(path) for path in paths}
    if chamber is not None:
        _prime(chamber, frame.by_pk)
    if request is not None:
        setattr(request, _MEMO, frame)
    return frame


def _linked_fields(chamber):
    return [type(chamber)._meta.get_field(name) for name in LINKED_PAGES]


def _linked_ids(chamber) -> list[int]:
    """The ids of the linked pages ``chamber`` has not read yet."""
    if chamber is None:
        return []
    return [
        getattr(chamber, f.attname)
        for f in _linked_fields(chamber)
        if getattr(chamber, f.attname) is not None and not f.is_cached(chamber)
    ]


def _prime(chamber, pages: dict) -> None:
    """Put the linked pages found in ``pages`` (pk → page) into ``chamber``'s caches."""
    for f in _linked_fields(chamber):
        pk = getattr(chamber, f.attname)
        if pk is not None and not f.is_cached(chamber) and pk in pages:
            f.set_cached_value(chamber, pages[pk])


def prime_linked_pages(chamber) -> None:
    """Read the pages ``chamber`` links to and has not read yet, in one query (for what reads
    them without the frame: the site API)."""
    ids = _linked_ids(chamber)
    if ids:
        Page = swapper.load_model("wagtailcore", "Page")
        _prime(chamber, {p.pk: p for p in Page.objects.filter(pk__in=ids)})
