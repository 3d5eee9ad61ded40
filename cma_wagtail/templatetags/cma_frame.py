"""The site frame's tags: ``{% load cma_frame %}`` (icons, theme, menu, breadcrumbs, footer).

Also loaded by ``cma_wagtail_tags`` users through ``page_base.html``; kept apart so that
the 500 page can load the icon tag without touching the database.
"""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from .. import theme
from ..visibility import menu_pages, request_site

register = template.Library()

SPRITE = "cma_wagtail/icons/sprite.svg"


@register.simple_tag
def cma_icon(name: str, label: str = "", css_class: str = "") -> str:
    """``{% cma_icon "phone" %}``: an icon of the package's sprite (Tabler Icons, MIT).

    Decorative by default (``aria-hidden``, not focusable): the words beside it say the same.
    Give ``label="…"`` only for an icon that stands alone; it becomes an image with that name.
    """
    classes = f"cma-icon cma-icon--{name} {css_class}".strip()
    href = f"{static(SPRITE)}#{name}"
    if label:
        return format_html(
            '<svg class="{}" role="img" aria-label="{}" focusable="false">'
            '<use href="{}"></use></svg>',
            classes,
            label,
            href,
        )
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}"></use></svg>',
        classes,
        href,
    )


@register.simple_tag
def cma_theme_style(chamber) -> str:
    """The chamber's two colours as CSS custom properties (empty when they are the defaults)."""
    if chamber is None:
        return ""
    declarations = []
    for name, value, default in (
        ("primary", chamber.primary_color, theme.DEFAULT_PRIMARY),
        ("accent", chamber.accent_color, theme.DEFAULT_ACCENT),
    ):
        # Saved values passed the form's checks; the pattern is checked again here because
        # the value is written into a <style> element.
        if value and theme.HEX_COLOUR.match(value) and value.lower() != default:
            declarations.append(f"--cma-color-{name}: {value.lower()};")
    if not declarations:
        return ""
    return format_html("<style>:root {{ {} }}</style>", " ".join(declarations))


def _site_root(request):
    site = request_site(request)
    return site, (site.root_page if site is not None else None)


@register.inclusion_tag("cma_wagtail/includes/main_menu.html", takes_context=True)
def cma_main_menu(context) -> dict:
    """The main menu: the live, public pages under the site's root with "Show in menus" ticked,
    in the order of the page tree (Wagtail's own menu mechanism, see docs/theming.md)."""
    request = context.get("request")
    site, root = _site_root(request)
    items = []
    if root is not None:
        current_page = context.get("page")
        current_path = getattr(current_page, "url_path", None)
        for menu_page in menu_pages(site):
            url = menu_page.get_url(request)
            is_current = bool(
                (current_path and current_path.startswith(menu_page.url_path))
                or (request is not None and url and request.path.startswith(url))
            )
            items.append({"page": menu_page, "url": url, "current": is_current})
    return {"items": items, "request": request}


@register.inclusion_tag("cma_wagtail/includes/breadcrumbs.html", takes_context=True)
def cma_breadcrumbs(context, page=None, current: str = "") -> dict:
    """``{% cma_breadcrumbs %}``: home › … › this page; nothing on the home page itself.

    In a view that is not a page (a registration step, a form), pass the page it belongs to and
    the name of the current step: ``{% cma_breadcrumbs training current=step_title %}``.
    """
    request = context.get("request")
    site, root = _site_root(request)
    if root is None:
        return {"items": []}
    if page is None and not current:
        page = context.get("page")
    items = []
    if page is not None and getattr(page, "pk", None):
        if page.pk == root.pk and not current:
            return {"items": []}
        ancestors = page.get_ancestors(inclusive=bool(current)).filter(depth__gte=root.depth)
        items = [{"title": a.title, "url": a.get_url(request)} for a in ancestors]
        if not current:
            items.append({"title": page.title, "url": None})
    elif current:
        items = [{"title": root.title, "url": root.get_url(request)}]
    if current:
        items.append({"title": current, "url": None})
    if items:
        items[0]["home"] = True
    return {"items": items}


@register.filter
def cma_time(value) -> str:
    """French time of day: ``8 h 30``, ``12 h`` (non-breaking spaces)."""
    from .. import typography

    return typography.format_time(value) if value else ""
