"""Demo trainings: the "Formations" catalogue with "Maintenir le cap !" and two other modules.

Sessions are placed in the coming weeks (relative to the first load) so that the catalogue
is alive; a second run changes nothing.
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from cma_wagtail.trainings.models import (
    Registration,
    TrainingIndexPage,
    TrainingPage,
    TrainingSession,
    TrainingTheme,
)
from cma_wagtail.validators import luhn_valid

from . import ensure_listing_image, get_or_create_child
from .images import illustration

PARIS = ZoneInfo("Europe/Paris")
CONTACT = {
    "contact_name": "Service formation de la CMA du Doubs",
    "contact_email": "formation@cma-doubs.example",
    "contact_phone": "03 81 21 22 23",
    "accessibility": (
        "Nos formations sont accessibles aux personnes en situation de handicap. "
        "Contactez notre référente handicap avant l'inscription\u00a0: nous adaptons les supports, "
        "le rythme et, pour la visioconférence, le sous-titrage."
    ),
    # The template says "Référent handicap :" before it: the name and number only.
    "accessibility_contact": "Claire Vuillemin, 03 81 21 22 23",
}

CAP_BODY = [
    {"type": "heading", "value": {"text": "Une demi-journée, 9 artisans", "level": "h3"}},
    {
        "type": "paragraph",
        "value": (
            "<p>Chaque module réunit 9 chefs d'entreprise par visioconférence. Il commence par le "
            "<b>diagnostic de l'entreprise de chaque participant</b>\u00a0: activité, trésorerie, "
            "clients, salariés, aides déjà demandées.</p>"
            "<p>Les groupes mêlent volontairement les métiers et les formes juridiques\u00a0: "
            "micro-entrepreneurs, EI, EURL, SARL, SAS. Les échanges aident chacun à comprendre ce "
            "qui a bien ou moins bien fonctionné dans d'autres entreprises.</p>"
        ),
    },
    {
        "type": "quote",
        "value": {"quote": "Les retours sont très très positifs.", "author": "", "role": ""},
    },
    {
        "type": "quote",
        "value": {
            "quote": (
                "Le fait d'être mélangés entre activités, d'être avec des personnes de formes "
                "juridiques différentes… Ça les soulage, ils deviennent solidaires."
            ),
            "author": "Manuela Morgadinho",
            "role": "présidente de la CMA du Doubs",
        },
    },
    {"type": "heading", "value": {"text": "Déroulé", "level": "h3"}},
    {
        "type": "paragraph",
        "value": (
            "<ol><li>Tour de table et diagnostic de chaque entreprise (1 h 30)</li>"
            "<li>Trésorerie\u00a0: les dispositifs d'urgence et comment les demander (1 h)</li>"
            "<li>Plan d'action personnel pour les trois prochains mois (1 h)</li></ol>"
        ),
    },
]

TRAININGS = [
    {
        "slug": "maintenir-le-cap",
        "title": "Maintenir le cap\u00a0!",
        "theme": ("Rebondir face à la crise", "rebondir"),
        "summary": (
            "Des modules d'une demi-journée par visioconférence, en groupes de 9, qui commencent "
            "par le diagnostic de votre entreprise."
        ),
        "objectives": (
            "<ul><li>Faire le diagnostic de son entreprise face à la crise</li>"
            "<li>Connaître les aides d'urgence et savoir les demander</li>"
            "<li>Repartir avec un plan d'action pour les trois prochains mois</li></ul>"
        ),
        "programme": CAP_BODY,
        "duration_hours": Decimal("3.5"),
        "format": "remote",
        "audience": "Chefs d'entreprise artisanale, conjoints collaborateurs, de tous métiers.",
        "prerequisites": "Aucun. Un ordinateur, une tablette ou un téléphone avec caméra.",
        "teaching_methods": (
            "Classe virtuelle de 9 participants animée par un conseiller de la CMA\u00a0; diagnostic "
            "individuel, échanges entre pairs, fiches pratiques remises après la séance."
        ),
        "assessment_methods": (
            "Questionnaire de diagnostic avant la séance, plan d'action relu par le conseiller, "
            "questionnaire de satisfaction à chaud."
        ),
        "is_free": True,
        "funding": "Prise en charge par la CMA du Doubs\nFAFCEA",
        "access_delay": "Inscription jusqu'à 48 h avant la session.",
        "satisfaction_rate": Decimal("97"),
        # Measured on the modules held since the crisis cell opened.
        "satisfaction_date": "last_month",
        "sessions": [(7, 9, 0), (10, 14, 0), (14, 9, 0)],
        "picture": "videoconference",
        "full_session": 0,
    },
    {
        "slug": "tresorerie-anticiper-negocier-banque",
        "title": "Trésorerie\u00a0: anticiper et négocier avec sa banque",
        "theme": ("Gestion et finances", "gestion-finances"),
        "summary": (
            "Construire son plan de trésorerie sur six mois et préparer le rendez-vous avec son "
            "banquier\u00a0: prêt garanti par l'État, report d'échéances, découvert."
        ),
        "objectives": (
            "<ul><li>Établir un plan de trésorerie sur six mois</li>"
            "<li>Préparer un dossier de demande de prêt garanti par l'État</li>"
            "<li>Négocier un report d'échéances avec sa banque</li></ul>"
        ),
        "programme": [
            {
                "type": "paragraph",
                "value": (
                    "<p>Matin\u00a0: le plan de trésorerie, à partir de vos propres chiffres. "
                    "Après-midi\u00a0: simulation d'entretien avec un banquier.</p>"
                ),
            }
        ],
        "duration_hours": Decimal("7"),
        "format": "onsite",
        "audience": "Chefs d'entreprise artisanale.",
        "prerequisites": "Apporter ses derniers relevés bancaires et son bilan.",
        "teaching_methods": "Apports, exercices sur vos chiffres, mise en situation.",
        "assessment_methods": "Plan de trésorerie réalisé pendant la journée, évalué par le formateur.",
        "is_free": False,
        "price": Decimal("210"),
        "funding": "FAFCEA\nOPCO (pour les salariés)",
        "access_delay": "Inscription jusqu'à 7 jours avant la session.",
        "satisfaction_rate": Decimal("92.5"),
        "satisfaction_date": "last_year",
        "place": "CMA du Doubs, 25000 Besançon",
        "sessions": [(21, 9, 0)],
        "picture": "chart",
        "hours": 7,
        "deadline_days": 7,
    },
    {
        "slug": "vendre-en-ligne-click-and-collect",
        "title": "Vendre en ligne\u00a0: click & collect",
        "theme": ("Numérique", "numerique"),
        "summary": (
            "Mettre en place la commande en ligne et le retrait en boutique en quelques jours, "
            "avec des outils simples."
        ),
        "objectives": (
            "<ul><li>Choisir un outil de commande en ligne adapté à son métier</li>"
            "<li>Publier son catalogue et organiser le retrait</li></ul>"
        ),
        "programme": [
            {
                "type": "paragraph",
                "value": "<p>Deux demi-journées\u00a0: une à distance, une en atelier à la CMA.</p>",
            }
        ],
        "duration_hours": Decimal("7"),
        "format": "blended",
        "audience": "Artisans commerçants\u00a0: métiers de bouche, fleuristes, créateurs.",
        "prerequisites": "Savoir utiliser un navigateur internet.",
        "teaching_methods": "Classe virtuelle puis atelier pratique sur votre propre boutique.",
        "assessment_methods": "Boutique en ligne publiée à la fin de la formation.",
        "is_free": False,
        "price": Decimal("140"),
        "funding": "FAFCEA\nCPF",
        "certification_code": "",
        "access_delay": "Inscription jusqu'à 48 h avant la session.",
        "sessions": [(9, 14, 0), (28, 14, 0)],
        "picture": "shop",
    },
]

PARTICIPANTS = [
    ("Xavier", "Brignon", "Pâtisserie Xavier Brignon", "Pâtissier", "sarl", 4),
    ("Nadia", "Girardot", "Au Cœur du Tricot", "Tricoteuse (Montperreux)", "micro", 0),
    ("Luc", "Bourgeois", "Trimadel", "Fabricant de produits d'hygiène", "sas", 6),
    ("Sandrine", "Cuenot", "Sandrine Coiffure", "Coiffeuse", "ei", 1),
    ("Mehdi", "Benali", "Benali Plomberie", "Plombier-chauffagiste", "eurl", 2),
    ("Julie", "Faivre", "L'Atelier de Julie", "Créatrice de sacs et bijoux", "micro", 0),
    ("Pierre", "Jeunot", "Boucherie Jeunot", "Boucher", "sarl", 3),
    ("Amélie", "Roussel", "Fleurs d'Amélie", "Fleuriste", "ei", 0),
    ("Thomas", "Vuillet", "Menuiserie Vuillet", "Menuisier", "sas", 5),
    ("Karim", "Haddad", "Garage Haddad", "Garagiste", "eurl", 2),
    ("Emma", "Pernot", "Emma Esthétique", "Esthéticienne", "micro", 0),
]


def _siret(n: int) -> str:
    """A fictitious SIRET with a valid Luhn key (the demo must pass the real validation)."""
    base = f"9{n:07d}0001"
    for last in "0123456789":
        if luhn_valid(base + "0" + last):
            return base + "0" + last
    raise ValueError(n)


def _satisfaction_date(when: str | None) -> dt.date | None:
    """The day the satisfaction rate was measured: the end of last month (the modules held
    since the crisis cell opened) or the end of last year (a yearly figure)."""
    today = timezone.localdate()
    if when is None:
        return None
    if when == "last_year":
        return dt.date(today.year - 1, 12, 31)
    return today.replace(day=1) - dt.timedelta(days=1)


def _at(days: int, hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    while day.weekday() >= 5:  # sessions on weekdays
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=PARIS)


def _fill(session, now):
    """Participants who registered and confirmed their address: seats, then the waiting list."""
    difficulties = [["revenue", "cash"], ["customers"], ["suppliers", "admin"], ["cash", "morale"]]
    for i, (first, last, business, trade, form, employees) in enumerate(PARTICIPANTS):
        status = (
            Registration.Status.CONFIRMED if i < session.capacity else Registration.Status.WAITING
        )
        Registration.objects.create(
            session=session,
            status=status,
            created=now - dt.timedelta(hours=len(PARTICIPANTS) - i),
            status_changed_at=now,
            first_name=first,
            last_name=last,
            email=f"{first.lower()}.{last.lower()}@artisan-doubs.example".replace("é", "e"),
            phone=f"+336123456{i:02d}",
            business_name=business,
            siret=_siret(i + 1),
            trade=trade,
            legal_form=form,
            employees=employees,
            diagnostic={
                "difficulties": difficulties[i % len(difficulties)],
                "cash_position": ["tight", "critical", "comfortable"][i % 3],
                "expectations": "Savoir quelles aides demander et garder le contact avec mes clients.",
            },
            consent_at=now,
        )


def load(context):
    home = context.objects["home"]
    catalogue, _ = get_or_create_child(
        home,
        TrainingIndexPage,
        "formations",
        title="Formations",
        intro=(
            "<p>La CMA du Doubs est un organisme de formation certifié Qualiopi. "
            "Inscrivez-vous en ligne\u00a0: la confirmation et le lien de connexion arrivent par e-mail.</p>"
        ),
        show_in_menus=True,
        search_description=(
            "Les formations de la CMA du Doubs pour traverser la crise\u00a0: «\u00a0Maintenir le cap\u00a0!\u00a0» "
            "en visioconférence, trésorerie, vente en ligne. Inscription en ligne."
        ),
    )
    now = timezone.now()
    for spec in TRAININGS:
        name, slug = spec["theme"]
        theme, _ = TrainingTheme.objects.get_or_create(slug=slug, defaults={"name": name})
        fields = {
            k: v
            for k, v in spec.items()
            if k
            not in (
                "slug",
                "theme",
                "sessions",
                "full_session",
                "place",
                "hours",
                "deadline_days",
                "picture",
                "satisfaction_date",
            )
        }
        page, created = get_or_create_child(
            catalogue,
            TrainingPage,
            spec["slug"],
            listing_image=illustration(spec["picture"]),
            satisfaction_date=_satisfaction_date(spec.get("satisfaction_date")),
            search_description=spec["summary"][:160].rsplit(" ", 1)[0] + "…",
            theme=theme,
            last_reviewed_at=timezone.localdate(),
            default_capacity=9 if spec["format"] == "remote" else 12,
            **CONTACT,
            **fields,
        )
        if not created:
            ensure_listing_image(page, illustration(spec["picture"]))
            continue
        for index, (days, hour, minute) in enumerate(spec["sessions"]):
            start = _at(days, hour, minute)
            session = TrainingSession.objects.create(
                page=page,
                sort_order=index,
                start=start,
                end=start + dt.timedelta(hours=spec.get("hours", 3.5)),
                format="onsite" if spec["format"] == "onsite" else "remote",
                place=spec.get("place", ""),
                visio_link=""
                if spec["format"] == "onsite"
                else f"https://visio.cma-doubs.example/{spec['slug']}-{index + 1}",
                capacity=page.default_capacity,
                registration_deadline=start - dt.timedelta(days=spec.get("deadline_days", 2)),
            )
            if spec.get("full_session") == index:
                _fill(session, now)
        # Sessions are inline on the page: put them in its published revision too, so that
        # the next publication from the editor keeps them.
        TrainingPage.objects.get(pk=page.pk).save_revision().publish()
    context.objects["trainings_catalogue"] = catalogue
    context.report.append(f"Formations\u00a0: {catalogue.full_url}")
