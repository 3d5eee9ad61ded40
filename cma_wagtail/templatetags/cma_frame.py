"""The site frame's tags: ``{% load cma_frame %}`` (icons, theme, menu, breadcrumbs, footer).

Also loaded by ``cma_wagtail_tags`` users through ``page_base.html``; kept apart so that
the 500 page can load the icon tag without touching the database.
"""

from __future__ import annotations

import functools

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.utils.html import format_html

from .. import frame, theme

register = template.Library()

SPRITE = "cma_wagtail/icons/sprite.svg"


@register.simple_tag
def cma_icon(name: str, label: str = "", css_class: str = "") -> str:
    """``{% cma_icon "phone" %}``: an icon of the package's sprite (Tabler Icons, MIT).

    Decorative by default (``aria-hidden``, not focusable): the words beside it say the same.
    Give ``label="…"`` only for an icon that stands alone; it becomes an image with that name.
    """
    return _icon(str(name), str(label), str(css_class))


@functools.lru_cache(maxsize=512)
def _icon(name: str, label: str, css_class: str) -> str:
    # Memoised per process: the markup depends on the arguments and the sprite's static URL
    # only, which change with the settings (the memo is cleared on setting_changed).
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
    return _theme_style(chamber.primary_color or "", chamber.accent_color or "")


@functools.lru_cache(maxsize=64)
def _theme_style(primary: str, accent: str) -> str:
    # Memoised on the two colours themselves: a change of the settings is a new key.
    declarations = []
    for name, value, default in (
        ("primary", primary, theme.DEFAULT_PRIMARY),
        ("accent", accent, theme.DEFAULT_ACCENT),
    ):
        # Saved values passed the form's checks; the pattern is checked again here because
        # the value is written into a <style> element.
        if value and theme.HEX_COLOUR.match(value) and value.lower() != default:
            declarations.append(f"--cma-color-{name}: {value.lower()};")
    if not declarations:
        return ""
    return format_html("<style>:root {{ {} }}</style>", " ".join(declarations))


@receiver(setting_changed)
def _clear_icons(*, setting, **kwargs) -> None:
    if setting in {"STATIC_URL", "STORAGES", "STATIC_ROOT", "FORCE_SCRIPT_NAME"}:
        _icon.cache_clear()


def _frame(context, page=None):
    request = context.get("request")
    return request, frame.load(request, page=page if page is not None else context.get("page"))


@register.inclusion_tag("cma_wagtail/includes/main_menu.html", takes_context=True)
def cma_main_menu(context) -> dict:
    """The main menu: the live, public pages under the site's root with "Show in menus" ticked,
    in the order of the page tree (Wagtail's own menu mechanism, see docs/theming.md). Read
    with the breadcrumbs and the settings' pages in one query (cma_wagtail.frame)."""
    request, pages = _frame(context)
    items = []
    if pages.root is not None:
        current_page = context.get("page")
        current_path = getattr(current_page, "url_path", None)
        for menu_page in pages.menu:
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
    if page is None and not current:
        page = context.get("page")
    request, pages = _frame(context, page)
    root = pages.root
    if root is None:
        return {"items": []}
    items = []
    if page is not None and getattr(page, "pk", None):
        if page.pk == root.pk and not current:
            return {"items": []}
        ancestors = pages.ancestors(page, inclusive=bool(current))
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
