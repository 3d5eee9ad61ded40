"""Core demo content: the home page of the CMA du Doubs, legal pages, chamber settings, admin."""

import datetime as dt
import os

import swapper
from django.contrib.auth import get_user_model
from wagtail.models import Site

from cma_wagtail.models import ChamberSettings
from example_site.home.models import HomePage, StandardPage

from . import get_or_create_child

Page = swapper.load_model("wagtailcore", "Page")

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = os.environ.get("DEMO_ADMIN_PASSWORD", "cma-demo-2020")

HOME_BODY = [
    {
        "type": "paragraph",
        "value": (
            "<p>Depuis le 16 mars, la Chambre de Métiers et de l'Artisanat du Doubs a mis en "
            "place une <b>cellule de crise</b> : 23 agents en télétravail rappellent les artisans "
            "qui le demandent, les aident à faire le point et les accompagnent auprès de leur "
            "banque.</p>"
        ),
    },
    {
        "type": "quote",
        "value": {
            "quote": (
                "Un agent appelle, aide à voir la situation et va accompagner l'artisan "
                "auprès de la banque… ils sont là pour ça !"
            ),
            "author": "Manuela Morgadinho",
            "role": "présidente de la CMA du Doubs",
        },
    },
    {"type": "heading", "value": {"text": "Maintenir le cap !", "level": "h2"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Des modules d'une demi-journée par visioconférence, en groupes de 9, qui "
            "commencent par le diagnostic de votre entreprise.</p>"
        ),
    },
]

LEGAL_PAGES = [
    (
        "mentions-legales",
        "Mentions légales",
        "legal_notice_page",
        "<p>Site édité par la Chambre de Métiers et de l'Artisanat du Doubs (site de démonstration "
        "de cma-wagtail).</p>",
    ),
    (
        "donnees-personnelles",
        "Données personnelles",
        "privacy_page",
        "<p>Les demandes de rappel sont conservées un an puis anonymisées. Vous pouvez exercer vos "
        "droits d'accès, de rectification et d'effacement en écrivant à la chambre.</p>",
    ),
    (
        "accessibilite",
        "Accessibilité : partiellement conforme",
        "accessibility_page",
        "<p>La chambre s'engage à rendre son site accessible conformément à l'article 47 de la loi "
        "n° 2005-102 du 11 février 2005 (RGAA 4.1).</p>",
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
            intro="Artisans du Doubs : la chambre reste à vos côtés pendant la crise.",
            body=HOME_BODY,
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
    chamber.privacy_notice = (
        "<p>La CMA du Doubs utilise ces informations pour vous rappeler et vous accompagner. "
        "Elles sont conservées un an. Vous pouvez y accéder, les corriger ou les faire effacer "
        "en écrivant à cellule-crise@cma-doubs.example.</p>"
    )
    for slug, title, attribute, text in LEGAL_PAGES:
        page, _created = get_or_create_child(
            home,
            StandardPage,
            slug,
            title=title,
            body=[{"type": "paragraph", "value": text}],
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
        f"Wagtail admin: /admin/  user: {ADMIN_USERNAME}  password: {ADMIN_PASSWORD}"
    )
