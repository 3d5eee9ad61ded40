"""Callback demo: the crisis cell of the CMA du Doubs, an agent, the block, ~20 requests.

Phone numbers are in the 03 53 01 xx xx range that ARCEP reserves for fiction.
"""

import datetime as dt
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cma_wagtail.callbacks.models import CallbackAttempt, CallbackRequest, CallbackTeam

AGENT_USERNAME = "agent.crise"
AGENT_PASSWORD = os.environ.get("DEMO_AGENT_PASSWORD", "cellule-crise-2020")
#: A colleague in the same team: the one the "reassign" action hands a request to.
COLLEAGUE_USERNAME = "collegue.crise"
COLLEAGUE_PASSWORD = os.environ.get("DEMO_COLLEAGUE_PASSWORD", "cellule-crise-2020")
TEAM_NAME = "Cellule de crise CMA du Doubs"

#: (name, business, trade, postcode, topic, state, hours ago, message, calls)
#: calls: (outcome, hours ago, note)
REQUESTS = [
    (
        "Xavier Brignon",
        "Pâtisserie Xavier Brignon",
        "Pâtissier",
        "25000",
        "cash_flow",
        "closed",
        300,
        "Ma banque me demande un prévisionnel pour le prêt garanti.",
        [("reached", 290, "Prévisionnel fait ensemble, RDV banque accompagné jeudi.")],
    ),
    (
        "Sylvie Vuillemin",
        "Au Cœur du Tricot",
        "Couturière",
        "25160",
        "health_rules",
        "called_back",
        200,
        "Nous fabriquons des masques pour l'hôpital de Pontarlier\u00a0: quelles normes\u00a0?",
        [("reached", 190, "Envoyé la note AFNOR sur les masques barrières.")],
    ),
    (
        "Marc Tissot",
        "Trimadel",
        "Fabricant de produits d'hygiène",
        "25200",
        "state_aid",
        "closed",
        260,
        "Peut-on bénéficier du fonds de solidarité en continuant une activité réduite\u00a0?",
        [("no_answer", 250, ""), ("reached", 240, "Éligible au volet 1, dossier déposé en ligne.")],
    ),
    (
        "Nadia Belkacem",
        "Coiffure Nadia",
        "Coiffeuse",
        "25300",
        "employment",
        "assigned",
        30,
        "Comment mettre mes deux salariées au chômage partiel\u00a0?",
        [],
    ),
    (
        "Julien Cuenot",
        "Boulangerie Cuenot",
        "Boulanger",
        "25500",
        "cash_flow",
        "unreachable",
        50,
        "Report des échéances URSSAF et du loyer.",
        [("no_answer", 45, ""), ("voicemail", 20, "Message laissé, rappeler demain matin.")],
    ),
    (
        "Chantal Faivre",
        "Fleurs de Morteau",
        "Fleuriste",
        "25500",
        "state_aid",
        "new",
        3,
        "Je suis fermée depuis le 17 mars, à quelles aides ai-je droit\u00a0?",
        [],
    ),
    (
        "Patrick Jeannin",
        "Garage Jeannin",
        "Garagiste",
        "25200",
        "employment",
        "new",
        5,
        "Puis-je rouvrir l'atelier avec un seul mécanicien\u00a0?",
        [],
    ),
    (
        "Aurélie Mougin",
        "L'Atelier d'Aurélie",
        "Créatrice de sacs et bijoux",
        "25000",
        "other",
        "called_back",
        80,
        "Je voudrais mettre mon savoir-faire au service de la fabrication de masques.",
        [("reached", 70, "Mise en relation avec la plateforme départementale des masques.")],
    ),
    (
        "Thierry Bourgeois",
        "Menuiserie Bourgeois",
        "Menuisier",
        "25300",
        "cash_flow",
        "assigned",
        26,
        "Mes clients reportent tous leurs chantiers, ma trésorerie ne tiendra pas.",
        [],
    ),
    (
        "Sandrine Petite",
        "Institut Sandrine",
        "Esthéticienne",
        "25000",
        "training",
        "new",
        2,
        "Je suis intéressée par la formation «\u00a0Maintenir le cap\u00a0!\u00a0».",
        [],
    ),
    (
        "Karim Haddad",
        "Kebab du Marché",
        "Restaurateur",
        "25200",
        "health_rules",
        "unreachable",
        70,
        "Vente à emporter\u00a0: quelles règles d'hygiène\u00a0?",
        [("wrong_number", 60, "Numéro erroné\u00a0: un chiffre manque\u00a0? Essayer l'e-mail.")],
    ),
    (
        "Monique Grosperrin",
        "Comté Grosperrin",
        "Fromagère",
        "25500",
        "state_aid",
        "closed",
        400,
        "Le prêt garanti par l'État est-il cumulable avec le fonds de solidarité\u00a0?",
        [("reached", 380, "Oui, expliqué les deux dispositifs.")],
    ),
    (
        "Olivier Roy",
        "Plomberie Roy",
        "Plombier-chauffagiste",
        "25000",
        "employment",
        "called_back",
        120,
        "Mes salariés ont peur de venir travailler sur les chantiers.",
        [
            ("voicemail", 110, ""),
            ("reached", 100, "Guide OPPBTP envoyé, point sur le droit de retrait."),
        ],
    ),
    (
        "Émilie Carrez",
        "Pressing Carrez",
        "Teinturière",
        "25300",
        "cash_flow",
        "new",
        1,
        "J'ai besoin d'aide pour monter le dossier de ma banque.",
        [],
    ),
    (
        "Bernard Vernier",
        "Taxi Vernier",
        "Chauffeur de taxi",
        "25200",
        "state_aid",
        "assigned",
        20,
        "Mon chiffre d'affaires a baissé de 80 %\u00a0: quelle aide\u00a0?",
        [],
    ),
    ("Laura Simonin", "Toilettage Laura", "Toiletteuse", "25000", "other", "new", 4, "", []),
    (
        "Denis Prêtre",
        "Horlogerie Prêtre",
        "Horloger",
        "25500",
        "training",
        "unreachable",
        90,
        "Formation à la vente en ligne pendant la fermeture\u00a0?",
        [("no_answer", 85, ""), ("no_answer", 60, "")],
    ),
    (
        "Hélène Cattin",
        "Boucherie Cattin",
        "Bouchère",
        "25300",
        "health_rules",
        "called_back",
        40,
        "File d'attente devant la boutique\u00a0: que dois-je mettre en place\u00a0?",
        [("reached", 35, "Marquage au sol, une personne à la fois, affichage.")],
    ),
    (
        "Yannick Lambert",
        "Maçonnerie Lambert",
        "Maçon",
        "25200",
        "cash_flow",
        "new",
        6,
        "Les fournisseurs exigent d'être payés comptant.",
        [],
    ),
    (
        "Fatima Ouali",
        "Retouches Fatima",
        "Couturière",
        "25000",
        "employment",
        "closed",
        500,
        "Une apprentie\u00a0: comment la rémunérer pendant la fermeture\u00a0?",
        [("reached", 470, "Chômage partiel possible pour l'apprentie, dossier fait.")],
    ),
]


#: How the closed demo requests ended (default: helped).
CLOSE_OUTCOMES = {
    "Pâtisserie Xavier Brignon": "referred",
    "Retouches Fatima": "follow_up",
}


def _member(team, username, password, first_name, last_name):
    """An agent of ``team`` in the "Cellule de crise" group (created once, password kept)."""
    user_model = get_user_model()
    agent, created = user_model.objects.get_or_create(
        username=username,
        defaults={
            "email": f"{username}@cma-doubs.example",
            "first_name": first_name,
            "last_name": last_name,
            "is_staff": False,
        },
    )
    if created or not agent.check_password(password):
        agent.set_password(password)
        agent.save()
    group = Group.objects.filter(name="Cellule de crise").first()
    if group is not None:
        agent.groups.add(group)
    team.members.add(agent)
    return agent


def _agent(team):
    return _member(team, AGENT_USERNAME, AGENT_PASSWORD, "Léa", "Girard")


def _add_block(home, team):
    if any(child.block_type == "callback_request" for child in home.body):
        return
    home.body.append(
        (
            "callback_request",
            {
                "heading": "Être rappelé par la cellule de crise",
                "intro": (
                    "Laissez votre numéro\u00a0: un agent de la cellule de crise vous rappelle, "
                    "fait le point avec vous et vous accompagne auprès de votre banque."
                ),
                "topics": [
                    "cash_flow",
                    "state_aid",
                    "employment",
                    "health_rules",
                    "training",
                    "other",
                ],
                "ask_preferred_slot": True,
                "team": team,
                "success_message": "Merci\u00a0! Gardez votre téléphone près de vous.",
            },
        )
    )
    home.save_revision().publish()


def _requests(team, agent, site, home):
    now = timezone.now()
    for index, row in enumerate(REQUESTS, start=1):
        name, business, trade, postcode, topic, state, hours, message, calls = row
        phone = f"+3335301{index:04d}"
        if CallbackRequest.objects.filter(phone=phone).exists():
            continue
        created = now - dt.timedelta(hours=hours)
        obj = CallbackRequest.objects.create(
            site=site,
            page=home,
            team=team,
            name=name,
            business_name=business,
            trade=trade,
            postcode=postcode,
            phone=phone,
            topic=topic,
            message=message,
            consent_at=created,
            created_at=created,
            last_submitted_at=created,
            notified_at=created,  # a past request: its team was told when it arrived
            status=CallbackRequest.Status.NEW,
        )
        if state == "new":
            continue
        assigned_at = created + dt.timedelta(minutes=20)
        obj.assigned_to, obj.assigned_at, obj.status = agent, assigned_at, "assigned"
        CallbackAttempt.objects.create(request=obj, action="assigned", agent=agent, at=assigned_at)
        for outcome, ago, note in calls:
            at = now - dt.timedelta(hours=ago)
            CallbackAttempt.objects.create(
                request=obj, action="call", agent=agent, at=at, outcome=outcome, note=note
            )
            obj.first_called_at = obj.first_called_at or at
            obj.status = "called_back" if outcome == "reached" else "unreachable"
        if state == "closed":
            closed_at = now - dt.timedelta(hours=calls[-1][1] - 1)
            outcome = CLOSE_OUTCOMES.get(business, "helped")
            obj.status, obj.outcome, obj.closed_at = "closed", outcome, closed_at
            CallbackAttempt.objects.create(request=obj, action="closed", agent=agent, at=closed_at)
        obj.save()


def load(context):
    site, home, chamber = (
        context.objects["site"],
        context.objects["home"],
        context.objects["chamber"],
    )
    team, _created = CallbackTeam.objects.get_or_create(
        slug="cellule-crise-doubs",
        defaults={
            "name": TEAM_NAME,
            "emails": "cellule-crise@cma-doubs.example",
        },
    )
    # The Doubs's postcodes, and every request no form sends elsewhere (the news pages'
    # forms name no team): every demo request lands in a team.
    team.areas, team.is_default = "25", True
    team.save(update_fields=["areas", "is_default"])
    agent = _agent(team)
    _member(team, COLLEAGUE_USERNAME, COLLEAGUE_PASSWORD, "Thomas", "Bouvier")
    _add_block(home, team)
    chamber.callback_page = home
    chamber.save()
    _requests(team, agent, site, home)
    context.objects["callback_team"] = team
    context.report.append(
        f"Agent de la cellule de crise\u00a0: {context.base_url}/admin/  "
        f"identifiant {AGENT_USERNAME}, mot de passe {AGENT_PASSWORD} "
        f"(collègue\u00a0: {COLLEAGUE_USERNAME} / {COLLEAGUE_PASSWORD})"
    )
