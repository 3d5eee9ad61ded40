"""The one visibility rule of the package: what an anonymous visitor may see or act on.

A page is *visible* when it is live, when neither it nor one of its ancestors carries a view
restriction (password, login or groups: whoever passed it, the package treats the page as
private), and when it belongs to the site answering the request. Every listing, feed, map,
calendar, block, API read and public submission of the package goes through
:func:`visible_pages` or :func:`is_visible`, so that a training behind a password is absent
from the catalogue, its sessions' calendars answer 404 and nobody can register for them.

The view restrictions are tested inside the listing's own query
(:func:`~cma_wagtail.restrictions.only_public`): the rule costs no query of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import swapper
from django.db.models import Q

from .restrictions import only_public

if TYPE_CHECKING:  # pragma: no cover
    from django.db.models import QuerySet
    from django.http import HttpRequest
    from wagtail.models import Page, Site


def visible_pages(queryset: QuerySet, site: Site | None = None) -> QuerySet:
    """``queryset`` narrowed to the pages anyone may see (on ``site`` when given)."""
    queryset = only_public(queryset.live())
    if site is not None:
        queryset = queryset.in_site(site)
    return queryset


def request_site(request: HttpRequest | None) -> Site | None:
    """The site answering ``request`` (Wagtail's own lookup, cached on the request)."""
    if request is None:
        return None
    from wagtail.models import Site

    return Site.find_for_request(request)


def visible_pages_for_request(queryset: QuerySet, request: HttpRequest | None) -> QuerySet:
    """:func:`visible_pages` on the site answering ``request``."""
    return visible_pages(queryset, request_site(request))


def is_visible(page: Page | None, site: Site | None = None) -> bool:
    """Whether one page (the target of a submission, a calendar…) is visible: one query."""
    if page is None or not page.live:
        return False
    Page = swapper.load_model("wagtailcore", "Page")

    return visible_pages(Page.objects.filter(pk=page.pk), site).exists()


def menu_pages(site: Site | None) -> QuerySet:
    """The site's main menu: the visible children of its root page with "Show in menus"
    ticked, in the page tree's order. Used by the HTML frame and the site API alike.

    A site's own base page model may lack ``show_in_menus``: then there is no menu.
    """
    Page = swapper.load_model("wagtailcore", "Page")
    if site is None or not hasattr(Page, "show_in_menus"):
        return Page.objects.none()
    return only_public(Page.objects.filter(menu_candidates(site.root_page))).order_by("path")


def menu_candidates(root: Page) -> Q:
    """The menu's rule but the view restrictions: live children of ``root`` with "Show in
    menus" ticked. :func:`is_menu_page` says the same of a page already read."""
    return Q(depth=root.depth + 1, path__startswith=root.path, show_in_menus=True, live=True)


def is_menu_page(page: Page, root: Page, private: bool) -> bool:
    """:func:`menu_pages`' rule for one page read with ``private`` (whether it or an ancestor
    has a view restriction: :func:`~cma_wagtail.restrictions.private_exists`): how the
    frame finds the menu among the pages of its one query (cma_wagtail.frame)."""
    return (
        page.depth == root.depth + 1
        and page.path.startswith(root.path)
        and getattr(page, "show_in_menus", False)
        and page.live
        and not private
    )
