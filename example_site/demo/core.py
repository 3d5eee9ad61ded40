"""Core demo content: the home page of the CMA du Doubs, legal pages, chamber settings, admin."""

import datetime as dt
import os
from urllib.parse import urlsplit

import swapper
from django.contrib.auth import get_user_model
from wagtail.models import Site

from cma_wagtail.models import ChamberSettings
from example_site.home.models import HomePage, StandardPage

from . import cell_opened, french_date, get_or_create_child, legal, page_fields

Page = swapper.load_model("wagtailcore", "Page")

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = os.environ.get("DEMO_ADMIN_PASSWORD", "cma-demo-2020")

HOME_INTRO = (
    "Crise sanitaire\u00a0: la cellule de crise de la CMA du Doubs vous rappelle, fait le point "
    "avec vous et vous accompagne auprès de votre banque."
)
HOME_DESCRIPTION = (
    "La CMA du Doubs aux côtés des artisans pendant la crise\u00a0: être rappelé par la cellule "
    "de crise, aides et mesures en vigueur, formations, initiatives d'artisans."
)


def home_body() -> list:
    opened = french_date(cell_opened())
    return [
        {
            "type": "paragraph",
            "value": (
                f"<p>Depuis le {opened}, la Chambre de Métiers et de l'Artisanat du Doubs a mis "
                "en place une <b>cellule de crise</b>\u00a0: 23 agents en télétravail rappellent les "
                "artisans qui le demandent, les aident à faire le point et les accompagnent "
                "auprès de leur banque.</p>"
            ),
        },
        {
            "type": "quote",
            "value": {
                "quote": (
                    "Un agent appelle, aide à voir la situation et va accompagner l'artisan "
                    "auprès de la banque… ils sont là pour ça\u00a0!"
                ),
                "author": "Manuela Morgadinho",
                "role": "présidente de la CMA du Doubs",
            },
        },
    ]


#: (slug, title, ChamberSettings attribute, body builder, meta description)
LEGAL_PAGES = [
    (
        "mentions-legales",
        "Mentions légales",
        "legal_notice_page",
        legal.legal_notice,
        "Éditeur, hébergement, propriété intellectuelle et cookies du site de la CMA du Doubs.",
    ),
    (
        "donnees-personnelles",
        "Données personnelles",
        "privacy_page",
        legal.privacy,
        "Les données que la CMA du Doubs recueille pour chaque service, pourquoi, combien de "
        "temps, et vos droits.",
    ),
    (
        "accessibilite",
        "Accessibilité\u00a0: non conforme",
        "accessibility_page",
        legal.accessibility,
        "Déclaration d'accessibilité du site de la CMA du Doubs (RGAA 4.1)\u00a0: état de "
        "conformité, contenus non accessibles, contact et voies de recours.",
    ),
]


def _home_page(site):
    root = site.root_page.specific
    if isinstance(root, HomePage):
        return root
    home = HomePage.objects.first()
    if home is None:
        tree_root = Page.get_first_root_node()
        home = HomePage(
            title="Chambre de Métiers et de l'Artisanat du Doubs",
            slug="accueil",
            intro=HOME_INTRO,
            body=home_body(),
            **page_fields(HomePage, {"search_description": HOME_DESCRIPTION}),
        )
        tree_root.add_child(instance=home)
        home.save_revision().publish()
    site.root_page = home
    site.save()
    return home


def load(context):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=Page.get_first_root_node(),
            is_default_site=True,
        )
    site.site_name = "CMA du Doubs"
    # Links in emails and feeds are built from the Site: it answers where the demo is served.
    served = urlsplit(context.base_url)
    site.hostname = served.hostname or "127.0.0.1"
    site.port = served.port or (443 if served.scheme == "https" else 80)
    site.save()
    home = _home_page(site)
    # The default "Welcome to Wagtail" page is no longer the site root: remove it.
    for page in Page.objects.filter(depth=2).exclude(pk=home.pk).exact_type(Page):
        page.delete()

    chamber = ChamberSettings.for_site(site)
    chamber.chamber_name = "CMA du Doubs"
    chamber.phone = "+33381212223"
    chamber.email = "cellule-crise@cma-doubs.example"
    chamber.address = "Chambre de Métiers et de l'Artisanat du Doubs\n25000 Besançon"
    chamber.opening_hours = [
        {
            "type": "period",
            "value": {
                "days": ["0", "1", "2", "3", "4"],
                "opens": dt.time(8, 30),
                "closes": dt.time(12, 0),
            },
        },
        {
            "type": "period",
            "value": {
                "days": ["0", "1", "2", "3", "4"],
                "opens": dt.time(13, 30),
                "closes": dt.time(17, 30),
            },
        },
    ]
    chamber.opening_hours_note = "Fermé les jours fériés."
    # No privacy notice of its own: each form shows the package's, which states its purpose,
    # data and retention (Settings → Chamber settings → Forms to write the chamber's own).
    updated = french_date(cell_opened(), year=True)
    for slug, title, attribute, body, description in LEGAL_PAGES:
        page, _created = get_or_create_child(
            home,
            StandardPage,
            slug,
            title=title,
            search_description=description,
            body=body(updated),
        )
        setattr(chamber, attribute, page)
    chamber.save()

    user_model = get_user_model()
    admin, created = user_model.objects.get_or_create(
        username=ADMIN_USERNAME,
        defaults={
            "email": "admin@cma-doubs.example",
            "is_staff": True,
            "is_superuser": True,
            "first_name": "Admin",
            "last_name": "Démo",
        },
    )
    if created or not admin.check_password(ADMIN_PASSWORD):
        admin.set_password(ADMIN_PASSWORD)
        admin.save()

    context.objects.update(site=site, home=home, chamber=chamber, admin=admin)
    context.report.append(
        f"Administration\u00a0: {context.base_url}/admin/  "
        f"identifiant {ADMIN_USERNAME}, mot de passe {ADMIN_PASSWORD}"
    )
