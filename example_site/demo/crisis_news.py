"""Crisis news demo: the CMA du Doubs news index, its topics, six items and the crisis banner.

Dates are relative to the day the demo is loaded, so that exactly one measure is expired
whenever the demo is built. Existing pages and topics are left alone (idempotent).
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

from . import get_or_create_child

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
    """(slug, fields, topic slugs) of the six demo items."""
    day = dt.timedelta(days=1)
    return [
        (
            "cellule-de-crise-un-conseiller-vous-rappelle",
            {
                "title": "Cellule de crise : un conseiller vous rappelle",
                "summary": (
                    "Depuis le 16 mars, 23 agents de la CMA du Doubs en télétravail rappellent "
                    "les artisans qui le demandent. Laissez votre numéro sur le site : un "
                    "conseiller fait le point avec vous."
                ),
                "urgency": "important",
                "pinned": True,
                "published_on": today - 40 * day,
                "last_reviewed_at": today - 2 * day,
                "body": [
                    _p(
                        "Pour continuer à répondre aux artisans, la chambre s'est organisée vite : "
                        "23 agents en télétravail forment une <b>cellule de crise</b>, et un "
                        "bouton « Être rappelé » (click-to-call) permet de demander un appel à "
                        "tout moment. Plus de 600 artisans sont déjà entrés en contact avec elle."
                    ),
                    {
                        "type": "quote",
                        "value": {
                            "quote": (
                                "Un agent appelle, aide à voir la situation et va accompagner "
                                "l'artisan auprès de la banque… ils sont là pour ça !"
                            ),
                            "author": "Manuela Morgadinho",
                            "role": "présidente de la CMA du Doubs",
                        },
                    },
                ],
            },
            ["aides-financieres", "banque-et-tresorerie", "social-et-emploi"],
        ),
        (
            "fonds-de-solidarite-deposez-votre-demande",
            {
                "title": "Fonds de solidarité : déposez votre demande avant la fin du mois",
                "summary": (
                    "Jusqu'à 1 500 € pour les entreprises fermées ou qui ont perdu au moins "
                    "la moitié de leur chiffre d'affaires. La demande se fait en ligne dans "
                    "votre espace professionnel sur impots.gouv.fr."
                ),
                "urgency": "urgent",
                "published_on": today - 30 * day,
                "last_reviewed_at": today - 1 * day,
                "valid_until": today + 20 * day,
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
                        "Un doute sur votre éligibilité ? La cellule de crise vous aide à "
                        "remplir la demande par téléphone."
                    ),
                ],
            },
            ["aides-financieres"],
        ),
        (
            "pret-garanti-par-l-etat-la-cma-vous-accompagne",
            {
                "title": "Prêt garanti par l'État : la CMA vous accompagne auprès de votre banque",
                "summary": (
                    "Le prêt garanti par l'État peut atteindre 25 % de votre chiffre "
                    "d'affaires annuel. Un conseiller prépare le rendez-vous avec vous et "
                    "vous accompagne auprès de votre banque."
                ),
                "urgency": "important",
                "published_on": today - 25 * day,
                "last_reviewed_at": today - 5 * day,
                "source_url": (
                    "https://www.economie.gouv.fr/covid19-soutien-entreprises/"
                    "pret-garanti-par-l-etat"
                ),
                "body": [
                    _p(
                        "Demandez d'abord le prêt à votre banque habituelle. En cas de refus, "
                        "la médiation du crédit peut être saisie ; la chambre vous aide à "
                        "constituer le dossier (trésorerie prévisionnelle, charges fixes)."
                    )
                ],
            },
            ["banque-et-tresorerie"],
        ),
        (
            "masques-les-artisans-du-doubs-se-mobilisent",
            {
                "title": "Masques et gel : les artisans du Doubs se mobilisent",
                "summary": (
                    "L'atelier Au Cœur du Tricot à Montperreux confectionne des masques pour "
                    "l'hôpital de Pontarlier ; Trimadel élabore des solutions hydroalcooliques "
                    "selon la formule de l'OMS."
                ),
                "urgency": "info",
                "published_on": today - 20 * day,
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
        ),
        (
            "maintenir-le-cap-formation-en-visioconference",
            {
                "title": "« Maintenir le cap ! » : une formation en visioconférence",
                "summary": (
                    "Des modules d'une demi-journée en visioconférence, par groupes de 9, qui "
                    "commencent par le diagnostic de votre entreprise."
                ),
                "urgency": "info",
                "published_on": today - 15 * day,
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
        ),
        (
            "activite-partielle-demande-simplifiee",
            {
                "title": "Activité partielle : la demande simplifiée pour les salariés",
                "summary": (
                    "Pendant le confinement, les employeurs artisans pouvaient déclarer "
                    "l'activité partielle de leurs salariés dans un délai de 30 jours, avec "
                    "effet rétroactif."
                ),
                "urgency": "important",
                "published_on": today - 45 * day,
                "last_reviewed_at": today - 35 * day,
                "valid_until": today - 10 * day,
                "source_url": "https://activitepartielle.emploi.gouv.fr/",
                "body": [
                    _p(
                        "La demande se faisait en ligne ; l'État remboursait à l'employeur "
                        "l'indemnité versée aux salariés. Ce régime exceptionnel a pris fin : "
                        "renseignez-vous auprès de la cellule de crise sur les règles actuelles."
                    )
                ],
            },
            ["social-et-emploi"],
        ),
    ]


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
    "heading": "Une question sur cette mesure ? Un conseiller vous rappelle",
    "intro": (
        "Laissez votre numéro : un agent de la cellule de crise vous rappelle et fait le "
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
            "crise de la CMA. Les mesures terminées sont signalées « mesure expirée ».</p>"
        ),
        # A site's own base page model may have no menu flag (Wagtail 8's bare AbstractPage).
        **({"show_in_menus": True} if hasattr(CrisisNewsIndexPage, "show_in_menus") else {}),
    )
    topics = _topics()
    today = timezone.localdate()
    for slug, fields, topic_slugs in _news(today):
        page = CrisisNewsPage.objects.child_of(index).filter(slug=slug).first()
        if page is None:
            page = CrisisNewsPage(slug=slug, **fields)
            page.body.append(("callback_request", CALLBACK_BLOCK))
            page.topics.set([topics[s] for s in topic_slugs])
            index.add_child(instance=page)
            page.save_revision().publish()
        else:
            _add_callback_block(page)

    chamber = context.objects["chamber"]
    chamber.crisis_mode = True
    chamber.crisis_banner_message = (
        "Crise sanitaire : la CMA du Doubs reste à vos côtés. Aides, prêts, chômage "
        "partiel : retrouvez les mesures en vigueur."
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
    context.report.append(f"Crisis news: {index.url}  (RSS: {index.url}feed/)")
