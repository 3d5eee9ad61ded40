"""``GET /cma/site/``: what a decoupled front end shows on every page of the chamber's site.

The chamber's settings of the site answering the request (name, contact, structured opening
hours with "open now" and the next opening, the crisis banner, the privacy notice and the
legal pages), whether callback requests are taken right now and why not, and the choices of
every public form (the same lists the forms validate against), so that a front end never
copies a list of values. Page URLs are absolute (``Page.get_full_url``), like every page URL
of the package's v3 endpoints.
"""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string
from ninja import Router, Schema

from ..capabilities import capability_configs
from ..frame import prime_linked_pages
from ..models import ChamberSettings
from ..visibility import menu_pages
from .block_schemas import CmaImage
from .images import image_data
from .v3_tools import PUBLIC_READ, request_site

router = Router(tags=["site"])


class Choice(Schema):
    value: str
    label: str


class OpeningPeriod(Schema):
    """``days``: 0 = Monday … 6 = Sunday; times in the site's time zone."""

    days: list[int]
    opens: dt.time
    closes: dt.time


class OpeningHours(Schema):
    periods: list[OpeningPeriod]
    note: str
    open_now: bool
    next_opening: dt.datetime | None = None


class Link(Schema):
    url: str
    text: str


class CrisisBanner(Schema):
    message: str
    link: Link | None = None
    callback_url: str | None = None


class CallbackIntake(Schema):
    """``reason`` when closed: ``switched_off``, ``outside_hours`` or ``quota``."""

    open: bool
    reason: str
    message: str
    next_opening: dt.datetime | None = None


class FormNotices(Schema):
    """Each public form's privacy notice as the site shows it (the chamber's, else the
    package's default for that form), HTML; empty when the form's capability is absent."""

    callbacks: str = ""
    registrations: str = ""
    proposals: str = ""
    news_alerts: str = ""


class Privacy(Schema):
    #: The callback form's notice as the chamber wrote it ("" = the package's default, which
    #: ``notices.callbacks`` gives).
    notice_html: str
    notices: FormNotices = FormNotices()
    legal_notice_url: str | None = None
    privacy_url: str | None = None
    accessibility_url: str | None = None
    #: What the accessibility statement declares, as the footer says it (RGAA).
    accessibility_status: Choice | None = None


class FormChoices(Schema):
    """The values each public form accepts, with their labels (in the site's language)."""

    callback_topic: list[Choice] = []
    callback_preferred_slot: list[Choice] = []
    training_legal_form: list[Choice] = []
    training_difficulties: list[Choice] = []
    training_cash_position: list[Choice] = []
    news_alert_pace: list[Choice] = []


class MenuItem(Schema):
    title: str
    url: str


class SiteInfo(Schema):
    """``logo`` is null while the chamber's settings have no logo; ``menu`` lists the site
    root's live, public children shown in menus (Wagtail's ``show_in_menus``)."""

    chamber_name: str
    logo: CmaImage | None = None
    menu: list[MenuItem] = []
    phone: str
    phone_display: str
    email: str
    address: str
    opening_hours: OpeningHours
    crisis_banner: CrisisBanner | None = None
    callback_intake: CallbackIntake | None = None
    privacy: Privacy
    choices: FormChoices


@router.get("/", response=SiteInfo, auth=PUBLIC_READ, summary="The chamber's site settings")
def site_info(request):
    """The chamber's settings for the requesting site, and the public forms' choices.

    ``crisis_banner`` is null outside crisis mode; ``callback_intake`` is null when the
    callbacks capability is not installed.
    """
    site = request_site(request)
    chamber = ChamberSettings.for_site(site) if site is not None else ChamberSettings()
    prime_linked_pages(chamber)  # the legal, banner and callback pages: one query
    now = timezone.now()
    return {
        "chamber_name": chamber.chamber_name,
        "logo": logo(chamber),
        "menu": main_menu(site, request),
        "phone": chamber.phone,
        "phone_display": chamber.phone_display,
        "email": chamber.email,
        "address": chamber.address,
        "opening_hours": opening_hours(chamber, now),
        "crisis_banner": crisis_banner(chamber, request),
        "callback_intake": callback_intake(chamber, now),
        "privacy": privacy(chamber, request),
        "choices": form_choices(),
    }


def logo(chamber) -> dict | None:
    """The chamber's logo in the core image shape. Its text alternative is the one the editor
    wrote, else the chamber's name (a front end may show the logo without the name beside it,
    which is when the HTML frame treats an empty alternative as decorative)."""
    image = getattr(chamber, "logo", None)
    if image is None:
        return None
    return image_data(image, alt=getattr(chamber, "logo_alt", "") or chamber.chamber_name)


def main_menu(site, request) -> list[dict]:
    """The frame's main menu (:func:`cma_wagtail.visibility.menu_pages`), as absolute URLs."""
    urls = ((page.title, page.get_full_url(request)) for page in menu_pages(site))
    return [{"title": title, "url": url} for title, url in urls if url]


def opening_hours(chamber, now) -> dict:
    periods = [
        {
            "days": sorted(int(day) for day in child.value["days"]),
            "opens": child.value["opens"],
            "closes": child.value["closes"],
        }
        for child in chamber.opening_hours or []
    ]
    return {
        "periods": periods,
        "note": chamber.opening_hours_note,
        "open_now": chamber.is_open(now),
        "next_opening": chamber.next_opening(now),
    }


def _url(page, request) -> str | None:
    return page.get_full_url(request) if page is not None and page.live else None


def crisis_banner(chamber, request) -> dict | None:
    if not chamber.crisis_mode:
        return None
    link_url = _url(chamber.crisis_banner_link_page, request)
    return {
        "message": chamber.crisis_banner_message,
        "link": {"url": link_url, "text": chamber.crisis_banner_link_text} if link_url else None,
        "callback_url": _callback_url(chamber, request),
    }


def _callback_url(chamber, request) -> str | None:
    """The chamber's callback page, with its form's anchor (what "Be called back" opens)."""
    from ..callback_link import callback_anchor

    page = chamber.callback_page
    url = _url(page, request)
    anchor = callback_anchor(page.specific) if url else None
    return f"{url}#{anchor}" if url and anchor else url


def callback_intake(chamber, now) -> dict | None:
    if not apps.is_installed("cma_wagtail.callbacks"):
        return None
    from ..callbacks.intake import intake_status

    status = intake_status(chamber, at=now)
    return {
        "open": status.open,
        "reason": status.reason,
        "message": status.message,
        "next_opening": status.next_opening,
    }


def privacy(chamber, request) -> dict:
    return {
        # The callback form's notice as the chamber wrote it (blank: the package's default).
        "notice_html": str(chamber.callback_privacy_notice or ""),
        "notices": form_notices(chamber, request),
        "legal_notice_url": _url(chamber.legal_notice_page, request),
        "privacy_url": _url(chamber.privacy_page, request),
        "accessibility_url": _url(chamber.accessibility_page, request),
        "accessibility_status": {
            "value": chamber.accessibility_status,
            "label": str(chamber.get_accessibility_status_display()),
        },
    }


#: form → (its capability, its ChamberSettings field, its default notice's template).
FORM_NOTICES = {
    "callbacks": (
        "cma_wagtail.callbacks",
        "callback_privacy_notice",
        "cma_callbacks/includes/privacy_notice.html",
    ),
    "registrations": (
        "cma_wagtail.trainings",
        "registration_privacy_notice",
        "cma_trainings/includes/privacy_notice.html",
    ),
    "proposals": (
        "cma_wagtail.initiatives",
        "proposal_privacy_notice",
        "cma_initiatives/includes/privacy_notice.html",
    ),
    "news_alerts": (
        "cma_wagtail.crisis_news",
        "news_alerts_privacy_notice",
        "cma_crisis_news/includes/privacy_notice.html",
    ),
}


def form_notices(chamber, request) -> dict:
    """Rendered as the HTML forms render them (``{% cma_privacy_notice %}``)."""
    from ..templatetags.cma_wagtail_tags import render_privacy_notice

    return {
        form: str(render_privacy_notice(chamber, request, getattr(chamber, field), template))
        for form, (app, field, template) in FORM_NOTICES.items()
        if apps.is_installed(app)
    }


def _choices(pairs) -> list[dict]:
    return [{"value": str(value), "label": str(label)} for value, label in pairs]


def form_choices() -> dict:
    """Read from where the forms read them (their field choices), from each installed
    capability's :attr:`~cma_wagtail.capabilities.CapabilityConfig.site_choices`."""
    choices: dict = {}
    for config in capability_configs():
        if config.site_choices:
            for name, pairs in import_string(config.site_choices)().items():
                choices[name] = _choices(pairs)
    return choices
