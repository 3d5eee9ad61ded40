"""The site frame of the package: logo, menu, breadcrumbs, footer, theme, icons, error pages."""

import datetime as dt
import io
import re
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.utils import OperationalError
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from cma_wagtail import theme
from cma_wagtail.models import ChamberSettings
from example_site.home.models import StandardPage
from tests.factories import ImageFactory, StandardPageFactory, SuperUserFactory

ROOT = Path(__file__).resolve().parents[2]
SPRITE = ROOT / "cma_wagtail" / "static" / "cma_wagtail" / "icons" / "sprite.svg"


#: A site's own base page model may lack "Show in menus" (tests.settings_custom_page): no menu.
HAS_MENUS = hasattr(StandardPage, "show_in_menus")
needs_menus = pytest.mark.skipif(not HAS_MENUS, reason="the base page model has no show_in_menus")
IN_MENU = {"show_in_menus": True} if HAS_MENUS else {}


@pytest.fixture
def sections(home_page):
    news = StandardPageFactory(parent=home_page, title="Actualités", slug="actus", **IN_MENU)
    trainings = StandardPageFactory(
        parent=home_page, title="Formations", slug="formations", **IN_MENU
    )
    hidden = StandardPageFactory(parent=home_page, title="Mentions", slug="mentions")
    child = StandardPageFactory(parent=trainings, title="Maintenir le cap", slug="cap")
    return {"news": news, "trainings": trainings, "hidden": hidden, "child": child}


def _html(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@needs_menus
def test_menu_lists_the_menu_pages_in_tree_order_and_marks_the_current_one(
    client, chamber, sections
):
    html = _html(client, sections["child"].url)
    menu = re.search(r'<nav class="cma-nav".*?</nav>', html, re.S).group(0)
    assert 'aria-label="Menu principal"' in menu
    titles = re.findall(r'class="cma-nav__link" href="[^"]+"[^>]*>([^<]+)<', menu)
    assert titles == ["Actualités", "Formations"]  # "Mentions" is not a menu page
    assert re.search(r'href="/formations/" aria-current="page">Formations', menu)
    # The mobile menu is a <details>: it opens without JavaScript.
    assert "<details" in menu and "<summary" in menu


@needs_menus
def test_unpublished_menu_page_is_not_in_the_menu(client, chamber, sections):
    sections["news"].unpublish()
    html = _html(client, sections["trainings"].url)
    assert ">Actualités<" not in html


def test_breadcrumbs_below_the_home_page_only(client, chamber, sections):
    html = _html(client, sections["child"].url)
    crumbs = re.search(r'<nav class="cma-breadcrumbs".*?</nav>', html, re.S).group(0)
    assert 'aria-label="Fil d’Ariane"' in crumbs
    assert re.findall(r"<li[^>]*>(.*?)</li>", crumbs) == [
        '<a href="/">Accueil</a>',
        '<a href="/formations/">Formations</a>',
        '<span aria-current="page">Maintenir le cap</span>',
    ]
    assert "cma-breadcrumbs" not in _html(client, "/")


def test_header_shows_the_logo_with_its_text_alternative_and_a_skip_link(client, chamber, sections):
    chamber.logo = ImageFactory(width=600, height=200)
    chamber.logo_alt = "Artisanat, première entreprise de France"
    chamber.save()
    html = _html(client, "/")
    assert html.index('class="cma-skip-link" href="#main"') < html.index("<header")
    header = re.search(r"<header.*?</header>", html, re.S).group(0)
    logo = re.search(r"<img[^>]*>", header).group(0)
    assert 'alt="Artisanat, première entreprise de France"' in logo
    assert 'height="64"' in logo  # a rendition, not the 600 px original
    assert "CMA du Doubs" in header and 'href="tel:+33381212223"' in header
    assert 'id="main"' in html


def test_logo_without_text_alternative_is_decorative(client, chamber, home_page):
    chamber.logo = ImageFactory()
    chamber.save()
    header = re.search(r"<header.*?</header>", _html(client, "/"), re.S).group(0)
    assert 'alt=""' in header  # the chamber's name beside it names the link


@pytest.mark.parametrize(
    "today, expected",
    [
        (
            dt.date(2026, 12, 1),
            'Ouvert aujourd’hui\u00a0: <span class="cma-nowrap">8\u00a0h\u00a030&nbsp;– 12\u00a0h</span>, <span class="cma-nowrap">14\u00a0h&nbsp;– 17\u00a0h</span>',
        ),
        (dt.date(2026, 12, 6), "Fermé aujourd’hui."),  # a Sunday
    ],
)
def test_footer_has_contact_today_s_hours_legal_pages_and_social_links(
    client, chamber, sections, today, expected
):
    chamber.address = "12 rue des Artisans\n25000 Besançon"
    chamber.opening_hours = [
        {"type": "period", "value": {"days": ["1"], "opens": dt.time(14), "closes": dt.time(17)}},
        {
            "type": "period",
            "value": {"days": ["1"], "opens": dt.time(8, 30), "closes": dt.time(12)},
        },
    ]
    chamber.legal_notice_page = sections["hidden"]
    chamber.facebook_url = "https://www.facebook.com/cma.example"
    chamber.save()
    with mock.patch("django.utils.timezone.localdate", return_value=today):
        html = _html(client, "/")
    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)
    assert "12 rue des Artisans<br>25000 Besançon" in footer
    assert expected in footer
    assert '<a href="/mentions/">Mentions légales</a>' in footer
    assert 'href="https://www.facebook.com/cma.example"' in footer and "Facebook" in footer
    assert "Instagram" not in footer  # only the networks filled in


def test_footer_says_the_accessibility_status_the_chamber_declares(client, chamber, sections):
    footer = re.search(r"<footer.*?</footer>", _html(client, "/"), re.S).group(0)
    # Without an audit, the RGAA's status is "non conforme": the default, until told otherwise.
    assert "Accessibilité\u00a0: non conforme" in footer
    chamber.accessibility_status = "partial"
    chamber.accessibility_page = sections["hidden"]
    chamber.save()
    footer = re.search(r"<footer.*?</footer>", _html(client, "/"), re.S).group(0)
    assert '<a href="/mentions/">Accessibilité\u00a0: partiellement conforme</a>' in footer


def test_theme_colours_become_css_custom_properties(client, chamber, home_page):
    assert "--cma-color-primary:" not in _html(client, "/").split("</head>")[0].split("</title>")[1]
    chamber.primary_color, chamber.accent_color = "#004F9F", "#f6a800"
    chamber.full_clean()
    chamber.save()
    head = _html(client, "/").split("</head>")[0]
    assert (
        "<style>:root { --cma-color-primary: #004f9f; --cma-color-accent: #f6a800; }</style>"
        in head
    )


def test_contrast_ratio_matches_wcag():
    assert round(theme.contrast("#ffffff", "#000000"), 1) == 21.0
    assert round(theme.contrast("#000091", "#ffffff"), 2) == 14.91
    assert theme.contrast("#767676", "#ffffff") >= 4.5 > theme.contrast("#777777", "#ffffff")


@pytest.mark.parametrize(
    "field, colour", [("primary_color", "#7fb2e5"), ("accent_color", "#555555")]
)
def test_colour_with_poor_contrast_is_refused_in_french(site, field, colour):
    chamber = ChamberSettings(site=site, **{field: colour})
    with pytest.raises(ValidationError) as exc:
        chamber.full_clean()
    message = " ".join(exc.value.message_dict[field])
    assert "ne contraste pas assez" in message and "au moins 4,5:1" in message
    assert colour in message


def test_colour_that_is_not_a_hex_code_is_refused(site):
    chamber = ChamberSettings(site=site, primary_color="bleu")
    with pytest.raises(ValidationError) as exc:
        chamber.full_clean()
    assert "six chiffres hexadécimaux" in exc.value.message_dict["primary_color"][0]


def test_settings_edit_view_refuses_a_light_primary_colour(client, chamber, site):
    client.force_login(SuperUserFactory())
    url = reverse("wagtailsettings:edit", args=["cma_wagtail", "chambersettings", site.pk])
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or name == "opening_hours" or name.endswith("privacy_notice"):
            continue
        data[name] = "on" if value is True else ("" if value is False else value)
    data.update({"opening_hours-count": "0", "primary_color": "#ffd200"})
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, not a 500 nor a redirect
    assert "ne contraste pas assez" in response.content.decode()
    chamber.refresh_from_db()
    assert chamber.primary_color == theme.DEFAULT_PRIMARY


def _upload(client, name, content, content_type):
    client.force_login(SuperUserFactory())
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Logo", "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_a_logo_that_is_not_an_image_is_refused_clearly(client, db):
    response = _upload(client, "logo.png", b"%PDF-1.4 not an image", "image/png")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Transférez une image valide" in html and "pas une image, ou il est corrompu" in html


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=10_000)
def test_a_logo_too_large_is_refused_clearly(client, db):
    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 100).convert("RGB").save(buffer, format="PNG")
    assert buffer.tell() > 10_000
    response = _upload(client, "logo.png", buffer.getvalue(), "image/png")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce fichier est trop gros" in html and "taille de fichier maximale" in html


def test_every_icon_used_is_in_the_sprite_and_decorative_by_default():
    symbols = set(re.findall(r'<symbol id="([^"]+)"', SPRITE.read_text()))
    used = set()
    for template in (ROOT / "cma_wagtail").rglob("*.html"):
        used |= set(re.findall(r'{%\s*cma_icon\s+"([^"]+)"', template.read_text()))
    used |= {
        icon
        for icon, _name, _url in ChamberSettings(
            facebook_url="x", instagram_url="x", linkedin_url="x", youtube_url="x", x_url="x"
        ).social_links
    }
    assert used and used <= symbols, used - symbols
    assert (SPRITE.parent / "LICENSE").read_text().startswith("sprite.svg holds icons of Tabler")
    html = render_to_string("cma_wagtail/includes/breadcrumbs.html")  # loads without a request
    assert html.strip() == ""
    from cma_wagtail.templatetags.cma_frame import cma_icon

    assert 'aria-hidden="true" focusable="false"' in cma_icon("phone")
    assert 'role="img" aria-label="Téléphone"' in cma_icon("phone", label="Téléphone")


def test_no_emoji_in_the_package_templates_and_styles():
    emoji = re.compile(
        "[\u2190-\u21ff\u2600-\u27bf\U0001f300-\U0001faff]|\\\\(1F[0-9A-F]{3}|26[0-9a-f]{2}|2139)"
    )
    for path in [*(ROOT / "cma_wagtail").rglob("*.html"), *(ROOT / "cma_wagtail").rglob("*.css")]:
        assert not emoji.search(path.read_text()), path


def test_404_is_french_and_in_the_frame(client, chamber, sections):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr">' in html and "<h1>Page introuvable</h1>" in html
    assert 'class="cma-header"' in html and "<footer" in html  # the frame: header and footer
    assert ('class="cma-nav"' in html) is HAS_MENUS
    assert "Revenir à la page d’accueil" in html


def test_500_is_french_and_renders_without_the_database(client, chamber, home_page):
    client.raise_request_exception = False
    with (
        mock.patch(
            "wagtail.models.sites.Site.find_for_request",
            side_effect=OperationalError("no database"),
        ),
        mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError),
    ):
        response = client.get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Le site rencontre un problème" in html and '<html lang="fr">' in html
    assert "cma_wagtail.css" in html


# -- What the frame costs: two queries, and nothing kept between requests ------------------


def test_the_frame_costs_two_queries_whatever_it_shows(
    client, rf, chamber, sections, django_assert_num_queries
):
    """The chamber settings, then one query of pages for the menu, the breadcrumbs and the
    pages the settings link to: two, with a full menu, deep breadcrumbs, the three legal
    pages and the banner's link (they used to be a query each, the pages joined five times
    into the settings' query)."""
    from django.contrib.auth.models import AnonymousUser
    from wagtail.models import Site

    from cma_wagtail.models import ChamberSettings

    deep = StandardPageFactory(parent=sections["child"], title="Module 1", slug="module-1")
    chamber.legal_notice_page = sections["hidden"]
    chamber.privacy_page = sections["news"]
    chamber.accessibility_page = sections["trainings"]
    chamber.crisis_mode = True
    chamber.crisis_banner_message = "Cellule de crise ouverte"
    chamber.crisis_banner_link_page = sections["news"]
    chamber.save()
    client.get(deep.url)  # warms the site root paths, as any earlier request does
    request = rf.get(deep.url)
    request.user = AnonymousUser()
    Site.find_for_request(request).root_page  # noqa: B018 - what Wagtail's serving reads
    with django_assert_num_queries(2):
        html = render_to_string(
            "cma_wagtail/page_base.html", {"page": deep, "request": request}, request=request
        )
    assert '<a href="/mentions/">Mentions légales</a>' in html
    assert '<a href="/actus/">Données personnelles</a>' in html
    assert 'class="cma-crisis-banner__link" href="/actus/"' in html
    crumbs = re.search(r'<nav class="cma-breadcrumbs".*?</nav>', html, re.S).group(0)
    assert re.findall(r"<li[^>]*>(.*?)</li>", crumbs) == [
        '<a href="/">Accueil</a>',
        '<a href="/formations/">Formations</a>',
        '<a href="/formations/cap/">Maintenir le cap</a>',
        '<span aria-current="page">Module 1</span>',
    ]
    if HAS_MENUS:
        menu = re.search(r'<nav class="cma-nav".*?</nav>', html, re.S).group(0)
        assert re.findall(r'class="cma-nav__link" href="([^"]+)"', menu) == [
            "/actus/",
            "/formations/",
        ]
        assert 'href="/formations/" aria-current="page"' in menu
    # The same request asks again (a form's privacy notice, a later include): no query.
    with django_assert_num_queries(0):
        again = ChamberSettings.for_request(request)
        assert again.privacy_page.title == "Actualités"


@needs_menus
def test_editor_changes_to_the_menu_show_at_the_next_request(client, chamber, sections):
    """Nothing of the frame is kept between requests: rename, hide, unpublish, restrict."""
    from wagtail.models import PageViewRestriction

    page = sections["trainings"]
    assert ">Formations<" in _html(client, "/")
    page.title = "Nos formations"
    page.save_revision().publish()
    assert ">Nos formations<" in _html(client, "/")
    page.show_in_menus = False
    page.save_revision().publish()
    html = _html(client, "/")
    assert ">Nos formations<" not in html and ">Actualités<" in html
    PageViewRestriction.objects.create(
        page=sections["news"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert 'class="cma-nav"' not in _html(client, "/")  # no public menu page left


def test_editor_changes_to_the_linked_pages_show_at_the_next_request(client, chamber, sections):
    chamber.legal_notice_page = sections["hidden"]
    chamber.save()
    assert '<a href="/mentions/">Mentions légales</a>' in _html(client, "/")
    chamber.legal_notice_page = sections["news"]
    chamber.save()
    footer = re.search(r"<footer.*?</footer>", _html(client, "/"), re.S).group(0)
    assert '<a href="/actus/">Mentions légales</a>' in footer and "/mentions/" not in footer
    sections["news"].slug = "actualites"
    sections["news"].save_revision().publish()
    assert '<a href="/actualites/">Mentions légales</a>' in _html(client, "/")


def test_theme_style_follows_each_change_of_the_colours(client, chamber, home_page):
    for primary in ("#004F9F", "#00563f", "#000091"):
        chamber.primary_color = primary
        chamber.save()
        head = _html(client, "/").split("</head>")[0]
        if primary == theme.DEFAULT_PRIMARY:
            assert "--cma-color-primary" not in head
        else:
            assert f"--cma-color-primary: {primary.lower()};" in head


def test_icons_follow_the_static_url(settings):
    from cma_wagtail.templatetags.cma_frame import cma_icon

    settings.STATIC_URL = "/s1/"
    assert 'href="/s1/cma_wagtail/icons/sprite.svg#phone"' in cma_icon("phone")
    settings.STATIC_URL = "/s2/"
    assert 'href="/s2/cma_wagtail/icons/sprite.svg#phone"' in cma_icon("phone")


def test_the_frame_of_a_page_not_saved_yet_renders(rf, chamber, sections):
    """The preview of a new page: no id, no path yet; the frame has its menu, no crumbs."""
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    draft = StandardPage(title="Brouillon", slug="brouillon")
    html = render_to_string(
        "cma_wagtail/page_base.html", {"page": draft, "request": request}, request=request
    )
    assert "<title>Brouillon – CMA du Doubs</title>" in html
    assert "cma-breadcrumbs" not in html
    assert (">Formations<" in html) is HAS_MENUS


def test_breadcrumbs_of_a_step_name_the_page_it_belongs_to(rf, chamber, sections):
    """``{% cma_breadcrumbs page current=… %}`` in a view that is not a page (a wizard's
    step): the page itself becomes a link, the step is the current item."""
    from django.contrib.auth.models import AnonymousUser
    from django.template import engines

    request = rf.get("/cma/trainings/sessions/1/register/")
    request.user = AnonymousUser()
    template = engines["django"].from_string(
        "{% load cma_wagtail_tags cma_frame %}{% cma_chamber as chamber %}"
        '{% cma_breadcrumbs training current="Vos coordonnées" %}'
    )
    html = template.render({"training": sections["child"]}, request)
    assert re.findall(r"<li[^>]*>(.*?)</li>", html) == [
        '<a href="/">Accueil</a>',
        '<a href="/formations/">Formations</a>',
        '<a href="/formations/cap/">Maintenir le cap</a>',
        '<span aria-current="page">Vos coordonnées</span>',
    ]
