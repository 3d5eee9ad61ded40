"""Demo initiatives: the five artisans' initiatives of the story, and one pending proposal."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from cma_wagtail.initiatives.models import (
    InitiativeCategory,
    InitiativeGalleryImage,
    InitiativeIndexPage,
    InitiativePage,
    InitiativeProposal,
)
from cma_wagtail.initiatives.services import submit_proposal

from . import get_or_create_child

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


INITIATIVES = [
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
        "started_on": dt.date(2020, 3, 17),
        "summary": (
            "Une créatrice de sacs, d'accessoires et de bijoux a été l'une des premières à "
            "mettre son savoir-faire au service de la confection de masques."
        ),
        "story": [
            _p(
                "Dès les premiers jours du confinement, cette créatrice a mis de côté sacs et "
                "bijoux pour coudre des masques en tissu : l'une des premières du Doubs à "
                "mettre son savoir-faire au profit de la conception de masques."
            )
        ],
        "categories": ["masques-et-equipements"],
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
        "started_on": dt.date(2020, 3, 23),
        "summary": "L'atelier Au Cœur du Tricot, à Montperreux, confectionne des masques pour "
        "l'hôpital de Pontarlier.",
        "story": [
            _p(
                "À Montperreux, l'atelier Au Cœur du Tricot confectionne des masques pour "
                "l'hôpital de Pontarlier."
            )
        ],
        "categories": ["masques-et-equipements"],
        "photo": ("Masques en tissu (illustration)", "Des masques en tissu aux motifs tricotés"),
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
        "started_on": dt.date(2020, 3, 20),
        "summary": "Trimadel élabore des solutions hydroalcooliques selon la formule de "
        "l'Organisation mondiale de la santé.",
        "story": [
            _p(
                "Trimadel élabore des solutions hydroalcooliques selon la formule "
                "recommandée par l'OMS."
            )
        ],
        "categories": ["solutions-hydroalcooliques"],
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
        "started_on": dt.date(2020, 3, 25),
        "summary": "Il n'y a pas que des aides sanitaires : la pâtisserie Xavier Brignon s'est "
        "mobilisée pour faire des dons alimentaires au personnel soignant.",
        "story": [
            _p(
                "Il n'y a pas que des aides sanitaires ! La pâtisserie Xavier Brignon s'est "
                "mobilisée pour faire des dons alimentaires au personnel soignant."
            )
        ],
        "categories": ["dons-alimentaires"],
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
        "started_on": dt.date(2020, 3, 30),
        "summary": "Le fils d'un artisan boucher a créé une plateforme de vente de bons "
        "d'achat, utilisables dès la réouverture des commerces jusqu'au 31 décembre 2020.",
        "story": [
            _p(
                "En Bretagne, le fils d'un artisan boucher a créé une plateforme de vente de "
                "bons d'achat. L'artisan s'inscrit gratuitement sur la plateforme ; les "
                "clients achètent ses produits ou ses services sous forme de bons d'achat, "
                "utilisables dès la réouverture des commerces jusqu'au 31 décembre 2020."
            ),
            {
                "type": "quote",
                "value": {
                    "quote": "Il a compris le désarroi dans lequel se sont retrouvés nos "
                    "artisans commerçants le jour du confinement !",
                    "author": "",
                    "role": "",
                },
            },
        ],
        "voucher_valid_until": dt.date(2020, 12, 31),
        "voucher_payout": "Le montant du bon d'achat est reversé sous une semaine à "
        "l'artisan commerçant.",
        "categories": ["bons-d-achat-solidaires"],
    },
]

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


def _illustration(title):
    """A generated picture (stripes of wool colours): the demo ships no image files."""
    model = get_image_model()
    image = model.objects.filter(title=title).first()
    if image is not None:
        return image
    picture = PILImage.new("RGB", (960, 640), (247, 241, 232))
    draw = ImageDraw.Draw(picture)
    colours = [(0, 0, 145), (182, 0, 0), (24, 117, 60), (110, 74, 0)]
    for n in range(12):
        draw.rounded_rectangle(
            (60 + (n % 4) * 220, 80 + (n // 4) * 170, 240 + (n % 4) * 220, 200 + (n // 4) * 170),
            radius=30,
            fill=colours[n % 4],
        )
    buffer = BytesIO()
    picture.save(buffer, "PNG")
    image = model(title=title)
    image.file = ContentFile(buffer.getvalue(), name="demo-masques.png")
    image._set_image_file_metadata()
    image.save()
    return image


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
            "<p>Pendant la crise, des artisans ont mis leur savoir-faire au service de tous : "
            "masques, gel hydroalcoolique, dons aux soignants, bons d'achat. Découvrez leurs "
            "initiatives et proposez la vôtre.</p>"
        ),
    )
    for data in INITIATIVES:
        data = dict(data)
        slugs = data.pop("categories")
        photo = data.pop("photo", None)
        if InitiativePage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        page = InitiativePage(**data)
        page.categories = [categories[s] for s in slugs]
        if photo is not None:
            page.gallery_images = [
                InitiativeGalleryImage(image=_illustration(photo[0]), alt_text=photo[1])
            ]
        index.add_child(instance=page)
        page.save_revision().publish()

    if not InitiativeProposal.objects.filter(email=PENDING_PROPOSAL["email"]).exists():
        data = dict(PENDING_PROPOSAL)
        data["category"] = categories[data.pop("category_slug")]
        submit_proposal(data, site, ip_hash="")

    context.objects["initiatives_index"] = index
    context.report.append(
        f"Initiatives : {index.full_url}  (proposer : {context.base_url}/cma/initiatives/propose/)"
    )
