"""Demo initiatives: the five artisans' initiatives of the story, and one pending proposal.

Each started in the days after the crisis cell opened (dates relative to today) and has a
photo drawn in code (``images.py``); the vouchers are valid for six months from today.
"""

import datetime as dt
from decimal import Decimal

from cma_wagtail.initiatives.models import (
    InitiativeCategory,
    InitiativeGalleryImage,
    InitiativeIndexPage,
    InitiativePage,
    InitiativeProposal,
)
from cma_wagtail.initiatives.services import submit_proposal

from . import cell_opened, french_date, get_or_create_child, page_fields, today
from .images import illustration

CATEGORIES = [
    ("masques-et-equipements", "Masques et équipements", "mask"),
    ("solutions-hydroalcooliques", "Solutions hydroalcooliques", "sanitiser"),
    ("dons-alimentaires", "Dons alimentaires", "food"),
    ("bons-d-achat-solidaires", "Bons d'achat solidaires", "voucher"),
    ("livraison-et-click-collect", "Livraison et click & collect", "delivery"),
    ("entraide", "Entraide", "hands"),
    ("autre", "Autre", "star"),
]


def _p(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def initiatives(opened: dt.date, today: dt.date) -> list[dict]:
    day = dt.timedelta(days=1)
    voucher_end = _end_of_month(today + 182 * day)
    return [
        {
            "slug": "creatrice-de-sacs-masques",
            "title": "Une créatrice de sacs et de bijoux se met aux masques",
            "business_name": "Atelier de sacs, accessoires et bijoux",
            "trade": "créatrice de sacs, accessoires et bijoux",
            "town": "Ornans",
            "postcode": "25290",
            "latitude": Decimal("47.106600"),
            "longitude": Decimal("6.143600"),
            "beneficiaries": "habitants et professionnels du Doubs",
            "started_on": opened + 1 * day,
            "summary": (
                "Une créatrice de sacs, d'accessoires et de bijoux a été l'une des premières à "
                "mettre son savoir-faire au service de la confection de masques."
            ),
            "story": [
                _p(
                    "Dès les premiers jours du confinement, cette créatrice a mis de côté sacs et "
                    "bijoux pour coudre des masques en tissu\u00a0: l'une des premières du Doubs à "
                    "mettre son savoir-faire au profit de la conception de masques."
                )
            ],
            "categories": ["masques-et-equipements"],
            "photo": ("bag", "Un sac en cuir, un collier et un masque en tissu de la créatrice"),
        },
        {
            "slug": "au-coeur-du-tricot",
            "title": "Au Cœur du Tricot coud des masques pour l'hôpital de Pontarlier",
            "business_name": "Au Cœur du Tricot",
            "trade": "atelier de tricot",
            "town": "Montperreux",
            "postcode": "25160",
            "latitude": Decimal("46.826000"),
            "longitude": Decimal("6.350000"),
            "beneficiaries": "hôpital de Pontarlier",
            "started_on": opened + 7 * day,
            "summary": "L'atelier Au Cœur du Tricot, à Montperreux, confectionne des masques pour "
            "l'hôpital de Pontarlier.",
            "story": [
                _p(
                    "À Montperreux, l'atelier Au Cœur du Tricot confectionne des masques pour "
                    "l'hôpital de Pontarlier."
                )
            ],
            "categories": ["masques-et-equipements"],
            "photo": (
                "knitting",
                "Des pelotes de laine et des aiguilles\u00a0: l'atelier Au Cœur du Tricot",
            ),
        },
        {
            "slug": "trimadel",
            "title": "Trimadel produit du gel hydroalcoolique selon la formule de l'OMS",
            "business_name": "Trimadel",
            "trade": "fabrication de produits d'entretien",
            "town": "Besançon",
            "postcode": "25000",
            "latitude": Decimal("47.237800"),
            "longitude": Decimal("6.024100"),
            "beneficiaries": "professionnels et particuliers",
            "started_on": opened + 4 * day,
            "summary": "Trimadel élabore des solutions hydroalcooliques selon la formule de "
            "l'Organisation mondiale de la santé.",
            "story": [
                _p(
                    "Trimadel élabore des solutions hydroalcooliques selon la formule "
                    "recommandée par l'OMS."
                )
            ],
            "categories": ["solutions-hydroalcooliques"],
            "photo": ("gel", "Des flacons de solution hydroalcoolique de Trimadel"),
        },
        {
            "slug": "patisserie-xavier-brignon",
            "title": "La pâtisserie Xavier Brignon régale les soignants",
            "business_name": "Pâtisserie Xavier Brignon",
            "artisan_name": "Xavier Brignon",
            "trade": "pâtissier",
            "town": "Pontarlier",
            "postcode": "25300",
            "latitude": Decimal("46.903500"),
            "longitude": Decimal("6.354700"),
            "beneficiaries": "personnel soignant",
            "started_on": opened + 9 * day,
            "summary": "Il n'y a pas que des aides sanitaires\u00a0: la pâtisserie Xavier Brignon s'est "
            "mobilisée pour faire des dons alimentaires au personnel soignant.",
            "story": [
                _p(
                    "Il n'y a pas que des aides sanitaires\u00a0! La pâtisserie Xavier Brignon s'est "
                    "mobilisée pour faire des dons alimentaires au personnel soignant."
                )
            ],
            "categories": ["dons-alimentaires"],
            "photo": ("pastries", "Des tartes aux fraises et des croissants offerts aux soignants"),
        },
        {
            "slug": "plateforme-bons-d-achat-bretagne",
            "title": "En Bretagne, une plateforme de bons d'achat pour les artisans commerçants",
            "business_name": "Plateforme de bons d'achat solidaires",
            "trade": "plateforme en ligne créée par le fils d'un artisan boucher",
            "town": "Rennes",
            "postcode": "35000",
            "latitude": Decimal("48.117300"),
            "longitude": Decimal("-1.677800"),
            "beneficiaries": "artisans commerçants fermés pendant le confinement",
            "started_on": opened + 14 * day,
            "summary": "Le fils d'un artisan boucher a créé une plateforme de vente de bons "
            "d'achat, utilisables dès la réouverture des commerces et pendant six mois.",
            "story": [
                _p(
                    "En Bretagne, le fils d'un artisan boucher a créé une plateforme de vente de "
                    "bons d'achat. L'artisan s'inscrit gratuitement sur la plateforme\u00a0; les "
                    "clients achètent ses produits ou ses services sous forme de bons d'achat, "
                    f"utilisables dès la réouverture des commerces jusqu'au "
                    f"{french_date(voucher_end, year=True)}."
                ),
                {
                    "type": "quote",
                    "value": {
                        "quote": "Il a compris le désarroi dans lequel se sont retrouvés nos "
                        "artisans commerçants le jour du confinement\u00a0!",
                        "author": "",
                        "role": "",
                    },
                },
            ],
            "voucher_valid_until": voucher_end,
            "voucher_payout": "Le montant du bon d'achat est reversé sous une semaine à "
            "l'artisan commerçant.",
            "categories": ["bons-d-achat-solidaires"],
            "photo": ("vouchers", "Des bons d'achat de 20, 30 et 40 euros"),
        },
    ]


def _end_of_month(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


PENDING_PROPOSAL = {
    "business_name": "Boulangerie du Saugeais",
    "contact_name": "Jeanne Cuenot",
    "email": "boulangerie-saugeais@example.org",
    "phone": "+33381380000",
    "town": "Gilley",
    "postcode": "25650",
    "category_slug": "livraison-et-click-collect",
    "description": (
        "Pendant le confinement, nous livrons le pain deux fois par semaine aux personnes "
        "âgées isolées des villages autour de Gilley, sans frais de livraison."
    ),
}


def load(context):
    home = context.objects["home"]
    site = context.objects["site"]
    categories = {}
    for order, (slug, name, icon) in enumerate(CATEGORIES):
        category, _created = InitiativeCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "icon": icon, "sort_order": order}
        )
        categories[slug] = category

    index, _created = get_or_create_child(
        home,
        InitiativeIndexPage,
        "initiatives",
        title="Initiatives d'artisans",
        intro=(
            "<p>Pendant la crise, des artisans ont mis leur savoir-faire au service de tous\u00a0: "
            "masques, gel hydroalcoolique, dons aux soignants, bons d'achat. Découvrez leurs "
            "initiatives et proposez la vôtre.</p>"
        ),
        show_in_menus=True,
        search_description=(
            "Masques, gel hydroalcoolique, dons aux soignants, bons d'achat\u00a0: les initiatives "
            "des artisans pendant la crise, sur une carte et en liste."
        ),
    )
    for data in initiatives(cell_opened(), today()):
        slugs = data.pop("categories")
        picture, alt_text = data.pop("photo")
        existing = InitiativePage.objects.child_of(index).filter(slug=data["slug"]).first()
        if existing is not None:
            if not existing.gallery_images.exists():  # a demo built before it had photos
                existing.gallery_images = [
                    InitiativeGalleryImage(image=illustration(picture), alt_text=alt_text)
                ]
                existing.save_revision().publish()
            continue
        description = data["summary"]
        if len(description) > 160:
            description = description[:157].rsplit(" ", 1)[0] + "…"
        page = InitiativePage(
            **page_fields(InitiativePage, {"search_description": description, **data})
        )
        page.categories = [categories[s] for s in slugs]
        page.gallery_images = [
            InitiativeGalleryImage(image=illustration(picture), alt_text=alt_text)
        ]
        index.add_child(instance=page)
        page.save_revision().publish()

    if not InitiativeProposal.objects.filter(email=PENDING_PROPOSAL["email"]).exists():
        data = dict(PENDING_PROPOSAL)
        data["category"] = categories[data.pop("category_slug")]
        submit_proposal(data, site, ip_hash="")

    context.objects["initiatives_index"] = index
    context.report.append(
        f"Initiatives\u00a0: {index.full_url}  (proposer\u00a0: {context.base_url}/cma/initiatives/propose/)"
    )
