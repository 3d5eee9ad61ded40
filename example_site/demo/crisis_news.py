"""Crisis news demo: the CMA du Doubs news index, its topics, six items and the crisis banner.

Dates are relative to the day the demo is loaded (the crisis cell opened
``CELL_OPENED_DAYS_AGO`` days ago), so that exactly one measure is expired whenever the
demo is built, and the urgent one is the newest after the pinned item. Existing pages and
topics are left alone (idempotent), but get their picture when they lack one.
"""

import datetime as dt

from django.utils import timezone

from cma_wagtail.crisis_news.models import (
    CrisisNewsIndexPage,
    CrisisNewsPage,
    NewsAlert,
    NewsTopic,
    Pace,
    Subscriber,
)

from . import (
    CELL_OPENED_DAYS_AGO,
    called_back_figures,
    ensure_listing_image,
    french_date,
    get_or_create_child,
    page_fields,
)
from .images import illustration

TOPICS = [
    ("aides-financieres", "Aides financières", True, "Fonds de solidarité, reports de charges…"),
    ("banque-et-tresorerie", "Banque et trésorerie", True, "Prêts garantis, médiation du crédit."),
    ("social-et-emploi", "Social et emploi", True, "Activité partielle, arrêts de travail."),
    ("sanitaire", "Sanitaire", True, "Masques, gestes barrières, protocoles."),
    ("formation", "Formation", False, "Formations de la chambre pendant la crise."),
]


def _p(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _news(today):
    """(slug, fields, topic slugs, picture) of the six demo items."""
    day = dt.timedelta(days=1)
    opened = today - CELL_OPENED_DAYS_AGO * day
    fund_deadline = today + 20 * day
    return [
        (
            "cellule-de-crise-un-conseiller-vous-rappelle",
            {
                "title": "Cellule de crise\u00a0: un conseiller vous rappelle",
                "summary": (
                    f"Depuis le {french_date(opened)}, 23 agents de la CMA du Doubs en "
                    "télétravail rappellent "
                    "les artisans qui le demandent. Laissez votre numéro sur le site\u00a0: un "
                    "conseiller fait le point avec vous."
                ),
                "urgency": "important",
                "pinned": True,
                "published_on": opened,
                "last_reviewed_at": today - 2 * day,
                "body": [
                    _p(
                        "Pour continuer à répondre aux artisans, la chambre s'est organisée vite\u00a0: "
                        "23 agents en télétravail forment une <b>cellule de crise</b>, et un "
                        "bouton «\u00a0Être rappelé\u00a0» (click-to-call) permet de demander un appel à "
                        "tout moment. Le compteur ci-dessous, tenu à jour en direct, dit combien "
                        "d'artisans elle a déjà rappelés."
                    ),
                    called_back_figures(opened),
                    {
                        "type": "quote",
                        "value": {
                            "quote": (
                                "Un agent appelle, aide à voir la situation et va accompagner "
                                "l'artisan auprès de la banque… ils sont là pour ça\u00a0!"
                            ),
                            "author": "Manuela Morgadinho",
                            "role": "présidente de la CMA du Doubs",
                        },
                    },
                ],
            },
            ["aides-financieres", "banque-et-tresorerie", "social-et-emploi"],
            "phone",
        ),
        (
            "fonds-de-solidarite-deposez-votre-demande",
            {
                "title": (
                    "Fonds de solidarité\u00a0: déposez votre demande avant le "
                    f"{french_date(fund_deadline)}"
                ),
                "summary": (
                    "Jusqu'à 1 500 € pour les entreprises fermées ou qui ont perdu au moins "
                    "la moitié de leur chiffre d'affaires. La demande se fait en ligne dans "
                    "votre espace professionnel sur impots.gouv.fr."
                ),
                "urgency": "urgent",
                "published_on": today - 3 * day,
                "last_reviewed_at": today - 1 * day,
                "valid_until": fund_deadline,
                "source_url": (
                    "https://www.economie.gouv.fr/covid19-soutien-entreprises/fonds-de-solidarite"
                ),
                "body": [
                    _p(
                        "Le fonds de solidarité verse une aide aux très petites entreprises, "
                        "aux indépendants et aux micro-entrepreneurs les plus touchés. Préparez "
                        "votre numéro SIRET, votre chiffre d'affaires du mois concerné et un RIB."
                    ),
                    _p(
                        "Un doute sur votre éligibilité\u00a0? La cellule de crise vous aide à "
                        "remplir la demande par téléphone."
                    ),
                ],
            },
            ["aides-financieres"],
            "coins",
        ),
        (
            "pret-garanti-par-l-etat-la-cma-vous-accompagne",
            {
                "title": "Prêt garanti par l'État\u00a0: la CMA vous accompagne auprès de votre banque",
                "summary": (
                    "Le prêt garanti par l'État peut atteindre 25 % de votre chiffre "
                    "d'affaires annuel. Un conseiller prépare le rendez-vous avec vous et "
                    "vous accompagne auprès de votre banque."
                ),
                "urgency": "important",
                "published_on": today - 30 * day,
                "last_reviewed_at": today - 5 * day,
                "source_url": (
                    "https://www.economie.gouv.fr/covid19-soutien-entreprises/"
                    "pret-garanti-par-l-etat"
                ),
                "body": [
                    _p(
                        "Demandez d'abord le prêt à votre banque habituelle. En cas de refus, "
                        "la médiation du crédit peut être saisie\u00a0; la chambre vous aide à "
                        "constituer le dossier (trésorerie prévisionnelle, charges fixes)."
                    )
                ],
            },
            ["banque-et-tresorerie"],
            "bank",
        ),
        (
            "masques-les-artisans-du-doubs-se-mobilisent",
            {
                "title": "Masques et gel\u00a0: les artisans du Doubs se mobilisent",
                "summary": (
                    "L'atelier Au Cœur du Tricot à Montperreux confectionne des masques pour "
                    "l'hôpital de Pontarlier\u00a0; Trimadel élabore des solutions hydroalcooliques "
                    "selon la formule de l'OMS."
                ),
                "urgency": "info",
                "published_on": today - 20 * day,
                "last_reviewed_at": today - 6 * day,
                "body": [
                    _p(
                        "Une créatrice de sacs, d'accessoires et de bijoux a été l'une des "
                        "premières à mettre son savoir-faire au service de la conception de "
                        "masques. L'atelier Au Cœur du Tricot, à Montperreux, en confectionne "
                        "pour l'hôpital de Pontarlier."
                    ),
                    _p(
                        "Trimadel élabore des solutions hydroalcooliques selon la formule de "
                        "l'OMS, et la pâtisserie Xavier Brignon offre des douceurs au personnel "
                        "soignant."
                    ),
                ],
            },
            ["sanitaire"],
            "masks",
        ),
        (
            "maintenir-le-cap-formation-en-visioconference",
            {
                "title": "«\u00a0Maintenir le cap\u00a0!\u00a0»\u00a0: une formation en visioconférence",
                "summary": (
                    "Des modules d'une demi-journée en visioconférence, par groupes de 9, qui "
                    "commencent par le diagnostic de votre entreprise."
                ),
                "urgency": "info",
                "published_on": today - 14 * day,
                "last_reviewed_at": today - 3 * day,
                "body": [
                    _p(
                        "La méthode part du diagnostic des entreprises des participants. Les "
                        "échanges entre artisans de métiers et de formes juridiques différentes "
                        "aident chacun à comprendre ce qui a bien ou moins bien fonctionné "
                        "ailleurs."
                    ),
                    {
                        "type": "quote",
                        "value": {
                            "quote": "Les retours sont très très positifs.",
                            "author": "Manuela Morgadinho",
                            "role": "présidente de la CMA du Doubs",
                        },
                    },
                ],
            },
            ["formation"],
            "videoconference",
        ),
        (
            "activite-partielle-demande-simplifiee",
            {
                "title": "Activité partielle\u00a0: la demande simplifiée pour les salariés",
                "summary": (
                    "Au début du confinement, les employeurs artisans pouvaient déclarer "
                    "l'activité partielle de leurs salariés dans un délai de 30 jours, avec "
                    "effet rétroactif."
                ),
                "urgency": "important",
                "published_on": opened + 2 * day,
                "last_reviewed_at": opened + 5 * day,
                "valid_until": today - 10 * day,
                "source_url": "https://activitepartielle.emploi.gouv.fr/",
                "body": [
                    _p(
                        "La demande se faisait en ligne\u00a0; l'État remboursait à l'employeur "
                        "l'indemnité versée aux salariés. Ce régime exceptionnel a pris fin\u00a0: "
                        "renseignez-vous auprès de la cellule de crise sur les règles actuelles."
                    )
                ],
            },
            ["social-et-emploi"],
            "calendar",
        ),
    ]


def _description(summary: str) -> str:
    """A meta description from a summary: at most about 160 characters, cut at a word."""
    return summary if len(summary) <= 160 else summary[:157].rsplit(" ", 1)[0] + "…"


def _topics():
    topics = {}
    for slug, name, crisis_related, description in TOPICS:
        topic, _created = NewsTopic.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "crisis_related": crisis_related, "description": description},
        )
        topics[slug] = topic
    return topics


#: The click-to-call form every crisis news page ends with (issue 4: "the home page and the
#: crisis pages carry the block"). Without a team, requests go to every team of the site.
CALLBACK_BLOCK = {
    "heading": "Une question sur cette mesure\u00a0? Un conseiller vous rappelle",
    "intro": (
        "Laissez votre numéro\u00a0: un agent de la cellule de crise vous rappelle et fait le "
        "point avec vous."
    ),
    "topics": ["cash_flow", "state_aid", "employment", "health_rules", "training", "other"],
    "ask_preferred_slot": True,
    "team": None,
    "success_message": "",
}


def _add_callback_block(page):
    """Append the callback form to a news page that lacks it (new and existing demo DBs)."""
    if any(child.block_type == "callback_request" for child in page.body):
        return
    page.body.append(("callback_request", CALLBACK_BLOCK))
    page.save_revision().publish()


#: Alert subscribers: (email, topic slugs (empty: all), pace, confirmed).
SUBSCRIBERS = [
    (
        "patisserie.brignon@artisans.example",
        ["aides-financieres", "banque-et-tresorerie"],
        Pace.URGENT_AT_ONCE,
        True,
    ),
    ("contact@aucoeurdutricot.example", [], Pace.WEEKLY, True),
    ("atelier@trimadel.example", ["social-et-emploi", "sanitaire"], Pace.URGENT_AT_ONCE, True),
    ("nouvel.artisan@artisans.example", ["formation"], Pace.WEEKLY, False),
]


def _subscribers(site):
    """A few subscribers (created after the news: the demo's own publications tell nobody)."""
    for email, topic_slugs, pace, confirmed in SUBSCRIBERS:
        subscriber, created = Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "all_topics": not topic_slugs,
                "pace": pace,
                "site": site,
                "consent_at": timezone.now(),
                "confirmed_at": timezone.now() if confirmed else None,
            },
        )
        if created:
            subscriber.topics.set(NewsTopic.objects.filter(slug__in=topic_slugs))


def load(context):
    home = context.objects["home"]
    index, _created = get_or_create_child(
        home,
        CrisisNewsIndexPage,
        "actualites-de-crise",
        title="Actualités de crise",
        intro=(
            "<p>Les aides et mesures pour les artisans du Doubs, vérifiées par la cellule de "
            "crise de la CMA. Les mesures terminées sont signalées «\u00a0mesure expirée\u00a0».</p>"
        ),
        # A site's own base page model may have no menu flag (Wagtail 8's bare AbstractPage).
        show_in_menus=True,
        search_description=(
            "Les aides et mesures en vigueur pour les artisans du Doubs, vérifiées par la "
            "cellule de crise de la CMA\u00a0: fonds de solidarité, prêts, activité partielle."
        ),
    )
    topics = _topics()
    today = timezone.localdate()
    for slug, fields, topic_slugs, picture in _news(today):
        page = CrisisNewsPage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            page = CrisisNewsPage(
                slug=slug,
                listing_image=illustration(picture),
                **page_fields(
                    CrisisNewsPage,
                    {"search_description": _description(fields["summary"]), **fields},
                ),
            )
            page.body.append(("callback_request", CALLBACK_BLOCK))
            page.topics.set([topics[s] for s in topic_slugs])
            index.add_child(instance=page)
            page.save_revision().publish()
        else:
            _add_callback_block(page)
            ensure_listing_image(page, illustration(picture))

    chamber = context.objects["chamber"]
    chamber.crisis_mode = True
    chamber.crisis_banner_message = (
        "Crise sanitaire\u00a0: la CMA du Doubs reste à vos côtés. Aides, prêts, chômage "
        "partiel\u00a0: retrouvez les mesures en vigueur."
    )
    chamber.crisis_banner_link_page = index
    chamber.crisis_banner_link_text = "Voir les actualités de crise"
    chamber.save()

    # The demo's publications are not announced: its subscribers arrive afterwards.
    NewsAlert.objects.filter(page__in=CrisisNewsPage.objects.child_of(index)).update(
        fanned_out_at=timezone.now()
    )
    _subscribers(chamber.site)

    context.objects["crisis_news_index"] = index
    context.report.append(
        f"Actualités de crise\u00a0: {index.full_url}  (RSS\u00a0: {index.full_url}feed/)"
    )
