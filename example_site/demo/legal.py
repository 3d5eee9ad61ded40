"""The demo's legal pages, written out: mentions légales, données personnelles (each
capability's data, purpose and retention, from docs/gdpr.md) and the déclaration
d'accessibilité following the RGAA model. A chamber rewrites them with its own facts (its
DPO checks the personal data page); the demo's are realistic, not legal advice.
"""

from cma_wagtail.conf import settings as cma_settings


def _h(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def _p(html):
    return {"type": "paragraph", "value": html}


CHAMBER = "Chambre de Métiers et de l'Artisanat du Doubs"
ADDRESS = "Chambre de Métiers et de l'Artisanat du Doubs, 25000 Besançon"
EMAIL = "cellule-crise@cma-doubs.example"
DPO_EMAIL = "dpo@cma-doubs.example"


def legal_notice(published_on) -> list:
    return [
        _h("Éditeur du site"),
        _p(
            f"<p>{CHAMBER}, établissement public administratif de l'État.<br>"
            f"Adresse\u00a0: {ADDRESS}.<br>Téléphone\u00a0: 03\u00a081\u00a021\u00a022\u00a023.<br>"
            f"Courriel\u00a0: {EMAIL}.</p>"
            "<p>Directrice de la publication\u00a0: Manuela Morgadinho, présidente de la CMA du "
            "Doubs.</p>"
        ),
        _h("Hébergement"),
        _p(
            "<p>Site de démonstration de cma-wagtail, hébergé par la chambre sur ses propres "
            "serveurs, en France.</p>"
        ),
        _h("Propriété intellectuelle"),
        _p(
            "<p>Les textes et les illustrations de ce site appartiennent à la chambre, sauf "
            "mention contraire. Les illustrations de démonstration sont dessinées par le "
            "logiciel. Le fond de carte des initiatives est celui d'OpenStreetMap, "
            "© les contributeurs d'OpenStreetMap, sous licence ODbL.</p>"
        ),
        _h("Liens vers d'autres sites"),
        _p(
            "<p>Les actualités de crise renvoient aux textes officiels (economie.gouv.fr, "
            "URSSAF, impots.gouv.fr). La chambre n'est pas responsable du contenu de ces "
            "sites, qu'elle vérifie à chaque mise à jour de ses pages.</p>"
        ),
        _h("Cookies"),
        _p(
            "<p>Ce site ne dépose ni cookie publicitaire ni cookie de mesure d'audience. Un "
            "cookie de session technique est posé seulement pendant une inscription à une "
            "formation, pour passer d'une étape à l'autre\u00a0; il disparaît à la fermeture du "
            "navigateur.</p>"
        ),
        _p(f"<p>Mise à jour\u00a0: {published_on}.</p>"),
    ]


def privacy(published_on) -> list:
    callback_days = cma_settings.CALLBACK_RETENTION_DAYS
    confirm_hours = cma_settings.TRAININGS_CONFIRMATION_HOURS
    alert_days = cma_settings.CRISIS_NEWS_ALERTS_CONFIRM_DAYS
    registration_days = cma_settings.TRAININGS_RETENTION_DAYS
    return [
        _p(
            f"<p>Le responsable du traitement est la {CHAMBER} ({ADDRESS}). Ce site ne "
            "recueille des données personnelles que lorsque vous demandez quelque chose\u00a0: "
            "être rappelé, vous inscrire à une formation, proposer une initiative, recevoir "
            "les alertes. Ces données ne sont ni vendues ni utilisées à des fins "
            "commerciales\u00a0; elles restent dans l'Union européenne.</p>"
        ),
        _h("Demandes de rappel (cellule de crise)"),
        _p(
            "<p><b>Données</b>\u00a0: nom, entreprise, numéro de téléphone, et si vous les donnez "
            "e-mail, métier, code postal, SIRET, sujet, créneau souhaité et message\u00a0; la date "
            "de votre accord\u00a0; une empreinte chiffrée de votre adresse IP (jamais l'adresse "
            "elle-même)\u00a0; les notes des agents qui vous appellent.</p>"
            "<p><b>Pourquoi</b>\u00a0: vous rappeler, faire le point sur votre situation et vous "
            "accompagner (mission d'intérêt public de la chambre). L'empreinte IP sert à "
            "bloquer les abus.</p>"
            f"<p><b>Combien de temps</b>\u00a0: jusqu'à {callback_days} jours après la clôture de "
            "votre demande\u00a0; elle est ensuite anonymisée (il ne reste que le sujet et les "
            "dates, pour les statistiques).</p>"
            "<p><b>Qui les voit</b>\u00a0: les agents de la cellule de crise de votre secteur, "
            "jamais le public.</p>"
        ),
        _h("Inscriptions aux formations"),
        _p(
            "<p><b>Données</b>\u00a0: prénom, nom, e-mail, téléphone\u00a0; entreprise, SIRET, métier, "
            "forme juridique, nombre de salariés\u00a0; les réponses au diagnostic (difficultés, "
            "trésorerie, attentes)\u00a0; la date de votre accord, votre présence.</p>"
            "<p><b>Pourquoi</b>\u00a0: vous envoyer la convocation, le lien de visioconférence et "
            "le lien d'annulation\u00a0; vérifier la prise en charge (FAFCEA, OPCO)\u00a0; préparer le "
            "module, qui commence par le diagnostic de votre entreprise\u00a0; tenir les "
            "attestations de présence (obligation Qualiopi).</p>"
            f"<p><b>Combien de temps</b>\u00a0: une inscription que vous ne confirmez pas par le "
            f"lien reçu par e-mail est effacée au bout de {confirm_hours} heures\u00a0; une "
            f"inscription est conservée {registration_days} jours après la formation "
            "(contrôles Qualiopi et des financeurs), puis effacée.</p>"
            "<p><b>Qui les voit</b>\u00a0: le service formation de la chambre.</p>"
        ),
        _h("Propositions d'initiatives"),
        _p(
            "<p><b>Données</b>\u00a0: nom du contact, e-mail, téléphone (facultatif), entreprise, "
            "SIRET (facultatif), commune et code postal\u00a0; la description et les photos de "
            "l'initiative\u00a0; la date de votre accord et une empreinte chiffrée de l'adresse "
            "IP.</p>"
            "<p><b>Pourquoi</b>\u00a0: vous contacter avant de publier votre initiative. Vos "
            "coordonnées ne sont jamais publiées\u00a0; la description et les photos le sont "
            "une fois la proposition acceptée.</p>"
            "<p><b>Combien de temps</b>\u00a0: tant que la page de l'initiative existe\u00a0; une "
            "proposition refusée est supprimée par la chambre, avec vos coordonnées.</p>"
        ),
        _h("Alertes des actualités de crise"),
        _p(
            "<p><b>Données</b>\u00a0: votre e-mail, les sujets et le rythme choisis, les dates de "
            "votre accord et de sa confirmation.</p>"
            "<p><b>Pourquoi</b>\u00a0: vous envoyer les alertes demandées, rien d'autre.</p>"
            f"<p><b>Combien de temps</b>\u00a0: une inscription non confirmée est effacée au bout "
            f"de {alert_days} jours\u00a0; une inscription confirmée, jusqu'à votre désinscription "
            "(un lien dans chaque message).</p>"
        ),
        _h("Vos droits"),
        _p(
            "<p>Vous pouvez accéder à vos données, les faire corriger ou effacer, vous opposer "
            "à leur traitement ou en demander la limitation, en écrivant au délégué à la "
            f"protection des données\u00a0: {DPO_EMAIL}, ou par courrier à l'adresse de la "
            "chambre. Si vous estimez, après nous avoir contactés, que vos droits ne sont pas "
            "respectés, vous pouvez adresser une réclamation à la CNIL (cnil.fr).</p>"
        ),
        _p(f"<p>Mise à jour\u00a0: {published_on}.</p>"),
    ]


def accessibility(published_on) -> list:
    return [
        _p(
            f"<p>La {CHAMBER} s'engage à rendre ses sites internet accessibles conformément à "
            "l'article 47 de la loi n°\u00a02005-102 du 11\u00a0février\u00a02005.</p>"
            "<p>Cette déclaration d'accessibilité s'applique au site de la CMA du Doubs (site "
            "de démonstration de cma-wagtail).</p>"
        ),
        _h("État de conformité"),
        _p(
            "<p>Le site est <b>non conforme</b> avec le référentiel général d'amélioration "
            "de l'accessibilité (RGAA), version 4.1\u00a0: il n'a pas encore fait l'objet d'un "
            "audit de conformité, et le RGAA demande de déclarer «\u00a0non conforme\u00a0» un site "
            "sans audit en cours de validité.</p>"
        ),
        _h("Résultats des tests"),
        _p(
            "<p>Aucun audit complet n'a encore été réalisé\u00a0; un audit des critères du RGAA "
            "4.1 est prévu et ses résultats seront publiés ici. En attendant, chaque type "
            "de page est contrôlé automatiquement (axe-core, Lighthouse) à chaque version du "
            "site, aucune erreur n'étant tolérée, et les parcours principaux (demande de "
            "rappel, inscription à une formation) sont vérifiés au clavier seul.</p>"
        ),
        _h("Contenus non accessibles"),
        _h("Non-conformités", "h3"),
        _p(
            "<ul><li>La carte des initiatives ne donne pas d'alternative textuelle au fond de "
            "carte lui-même (critère 1.1)\u00a0; la liste des initiatives, sous la carte, donne les "
            "mêmes informations.</li>"
            "<li>Certains documents à télécharger, publiés avant la crise, ne sont pas "
            "balisés (critère 13.3).</li></ul>"
        ),
        _h("Dérogations pour charge disproportionnée", "h3"),
        _p("<p>Aucune.</p>"),
        _h("Contenus non soumis à l'obligation d'accessibilité", "h3"),
        _p(
            "<p>Les textes officiels des ministères vers lesquels renvoient les actualités de "
            "crise (contenus de tiers).</p>"
        ),
        _h("Établissement de cette déclaration d'accessibilité"),
        _p(
            f"<p>Cette déclaration a été établie le {published_on}.</p>"
            "<p><b>Technologies utilisées</b>\u00a0: HTML5, CSS, JavaScript (amélioration "
            "progressive\u00a0: le site fonctionne sans).</p>"
            "<p><b>Environnement de test</b>\u00a0: Chromium (Linux), sur un écran d'ordinateur et "
            "un écran de téléphone, navigation au clavier seul.</p>"
            "<p><b>Outils d'évaluation</b>\u00a0: axe-core, Lighthouse, contrôle manuel des "
            "contrastes.</p>"
            "<p><b>Pages du site ayant fait l'objet de la vérification</b>\u00a0: l'accueil, les "
            "actualités de crise et une actualité, les initiatives et une initiative, le "
            "catalogue des formations, une formation et l'inscription, la demande de rappel, "
            "les mentions légales, cette page.</p>"
        ),
        _h("Retour d'information et contact"),
        _p(
            "<p>Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez-nous "
            f"pour être orienté vers une alternative accessible ou obtenir le contenu sous une "
            f"autre forme\u00a0: {EMAIL}, 03\u00a081\u00a021\u00a022\u00a023, ou par courrier\u00a0: "
            f"{ADDRESS}.</p>"
        ),
        _h("Voies de recours"),
        _p(
            "<p>Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un "
            "contenu ou à une fonctionnalité du site, que vous nous le signalez et que vous ne "
            "parvenez pas à obtenir une réponse de notre part, vous êtes en droit de faire "
            "parvenir vos doléances ou une demande de saisine au Défenseur des droits\u00a0:</p>"
            "<ul><li>écrire un message au Défenseur des droits (formulaire sur "
            "defenseurdesdroits.fr)\u00a0;</li>"
            "<li>contacter le délégué du Défenseur des droits dans votre région\u00a0;</li>"
            "<li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre)\u00a0: "
            "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li></ul>"
        ),
    ]
