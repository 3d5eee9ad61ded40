"""Template tags of cma-wagtail: ``{% load cma_wagtail_tags %}``."""

from __future__ import annotations

import hashlib

from django import template

from .. import frame, typography
from ..models import ChamberSettings
from ..validators import format_phone_national

register = template.Library()


def _chamber(context) -> ChamberSettings | None:
    request = context.get("request")
    if request is None:
        return None
    # for_request caches the instance on the request: one query per request at most. The
    # frame's one query of pages (menu, breadcrumbs, the pages the settings link to) runs
    # with it, memoised on the request too (cma_wagtail.frame).
    chamber = ChamberSettings.for_request(request)
    frame.load(request, page=context.get("page"), chamber=chamber)
    return chamber


@register.simple_tag(takes_context=True)
def cma_chamber(context) -> ChamberSettings | None:
    """``{% cma_chamber as chamber %}``: the ChamberSettings of the current site."""
    return _chamber(context)


@register.inclusion_tag("cma_wagtail/includes/crisis_banner.html", takes_context=True)
def cma_crisis_banner(context) -> dict:
    """The site-wide crisis banner, rendered only when crisis mode is on.

    ``dismiss_key`` changes with the message: a reader who hid the banner sees it again
    when the chamber publishes a new message.
    """
    chamber = _chamber(context)
    message = chamber.crisis_banner_message if chamber is not None else ""
    return {
        "chamber": chamber,
        "request": context.get("request"),
        "dismiss_key": hashlib.sha256(message.encode()).hexdigest()[:12],
        "callback_url": cma_callback_url(context) if message else None,
    }


@register.simple_tag(takes_context=True)
def cma_callback_url(context) -> str | None:
    """``{% cma_callback_url as url %}``: where a "Be called back" link leads (the form of
    this page, else the chamber's callback page, else the package's; see callback_link)."""
    from ..callback_link import callback_url

    return callback_url(context.get("request"), context.get("page"))


@register.simple_tag(takes_context=True)
def cma_link_href(context, link) -> str:
    """``{% cma_link_href value.link as href %}``: a link block's address; a link to the
    chamber's callback page opens the form (see callback_link.link_href)."""
    from ..callback_link import link_href

    return link_href(context.get("request"), context.get("page"), link)


@register.simple_tag(takes_context=True)
def cma_privacy_notice(context, override, default_template, **extra) -> str:
    """``{% cma_privacy_notice chamber.callback_privacy_notice "cma_callbacks/includes/privacy_notice.html" %}``

    The chamber's notice for this form when it wrote one (rich text), else the form's own
    default template, rendered with the chamber, the developer settings (retention periods
    are read there, so that the notice states the real ones) and ``extra``.
    """
    return render_privacy_notice(
        _chamber(context), context.get("request"), override, default_template, **extra
    )


def render_privacy_notice(chamber, request, override, default_template, **extra) -> str:
    from django.template.loader import render_to_string
    from wagtail.templatetags.wagtailcore_tags import richtext

    from ..conf import settings as cma_settings

    if override and str(override).strip():
        return richtext(override)
    return render_to_string(
        default_template,
        {"chamber": chamber, "cma_settings": cma_settings, **extra},
        request=request,
    )


@register.simple_tag
def cma_error_summary(form) -> list[dict[str, str]]:
    """``{% cma_error_summary form as problems %}``: each problem once (see forms.error_summary)."""
    from ..forms import error_summary

    return error_summary(form)


@register.simple_tag
def cma_resend_notice(form) -> str:
    """``{% cma_resend_notice form as notice %}``: the time trap's neutral notice, or ""."""
    from ..forms import resend_notice

    return resend_notice(form)


@register.inclusion_tag("cma_wagtail/includes/form_field.html")
def cma_field(field) -> dict:
    return {"field": field}


@register.filter
def phone_display(value: str) -> str:
    """``"+33381212223"|phone_display`` → ``"03 81 21 22 23"``."""
    return format_phone_national(value or "")


@register.filter
def cma_date(value, fmt: str = "j F Y") -> str:
    """``{{ page.published_on|cma_date }}`` → ``1er novembre 2026`` (French typography).

    Takes Django's date format characters: ``|cma_date:"l j F Y"`` → ``dimanche 1er novembre 2026``.
    """
    if fmt == "DATE_FORMAT":
        fmt = "j F Y"
    return typography.format_date(value, fmt)


@register.filter(expects_localtime=True)
def cma_time_range(start, end) -> str:
    """``{{ session.start|cma_time_range:session.end }}`` → ``9 h – 12 h 30``."""
    return typography.format_time_range(start, end) if start and end else ""


@register.filter(expects_localtime=True)
def cma_datetime(value, date_fmt: str = "j F Y") -> str:
    """``{{ req.created_at|cma_datetime }}`` → ``1er décembre 2026 à 16 h 05``; the date part
    takes Django's format characters (``|cma_datetime:"l j F"``)."""
    return typography.format_datetime(value, date_fmt)


@register.filter
def cma_of(value) -> str:
    """``{{ name|cma_of }}`` → ``d’Au Cœur du Tricot`` / ``de Trimadel`` (elision of "de")."""
    return typography.of(value)


@register.filter
def cma_duration_days(days) -> str:
    """``365|cma_duration_days`` → "one year" ("un an"); 30 → "30 days"."""
    from django.utils.translation import ngettext

    days = int(days)
    if days and days % 365 == 0:
        years = days // 365
        return ngettext("one year", "%(count)d years", years) % {"count": years}
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}


@register.simple_tag(takes_context=True)
def cma_card(context, item) -> str:
    """``{% cma_card item %}`` in a listing block's template: one item's card.

    The template and the item's name in it come from the capability's block-support
    adapter (``card_template`` and ``card_item_name`` in the block's context), so core's
    listing templates hold no capability markup.
    """
    template_name = context.get("card_template")
    if not template_name:
        return ""
    card = context.template.engine.get_template(template_name)
    with context.push(item=item, **{context.get("card_item_name") or "item": item}):
        return card.render(context)


@register.simple_tag
def cma_picture(image, kind="card", sizes="", alt=None, lazy=True, css_class=""):
    """``{% cma_picture page.listing_image "card" sizes="…" alt="" lazy=False %}``: a
    responsive ``<picture>`` (WebP and JPEG, fixed widths, width/height set); see
    :mod:`cma_wagtail.pictures`. Without an image, nothing."""
    from ..pictures import render_picture

    return render_picture(image, kind, sizes=sizes, alt=alt, lazy=lazy, css_class=css_class)
