"""A crisis page built only from the block library: what a chamber can assemble on day one."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from example_site.home.models import StandardPage

from . import called_back_figures, cell_opened, french_date, get_or_create_child

CHECKLIST = """Fonds de solidarité : les pièces à préparer

- le numéro SIRET de l'entreprise ;
- le chiffre d'affaires du mois de fermeture et celui du même mois de l'année précédente ;
- le RIB de l'entreprise ;
- une déclaration sur l'honneur (modèle sur impots.gouv.fr).

La cellule de crise de la CMA du Doubs vous aide à remplir la demande : 03 81 21 22 23.
"""


def _checklist_document():
    model = get_document_model()
    title = "Fonds de solidarité\u00a0: les pièces à préparer"
    document = model.objects.filter(title=title).first()
    if document is None:
        document = model(title=title)
        document.file.save("pieces-fonds-solidarite.txt", ContentFile(CHECKLIST.encode()))
        document.file_size = len(CHECKLIST.encode())
        document.save()
    return document


def _body(home, document, callback_page):
    target = callback_page or home
    return [
        {
            "type": "alert",
            "value": {
                "level": "urgent",
                "title": "Nos locaux sont fermés au public",
                "text": "<p>La cellule de crise reste joignable par téléphone, du lundi au "
                "vendredi.</p>",
            },
        },
        {
            "type": "paragraph",
            "value": f"<p>Depuis le {french_date(cell_opened())}, la Chambre de Métiers et de "
            "l'Artisanat du Doubs a mis en place une cellule de crise\u00a0: 23 agents en "
            "télétravail rappellent les artisans qui le demandent et les accompagnent auprès "
            "de leur banque. Le compteur ci-dessous est tenu à jour en direct.</p>",
        },
        called_back_figures(cell_opened(), with_module_size=True),
        {
            "type": "call_to_action",
            "value": {
                "heading": "Besoin d'aide\u00a0? Un conseiller vous rappelle",
                "text": "Laissez votre numéro\u00a0: un agent fait le point avec vous et vous "
                "accompagne dans vos démarches.",
                "link": {"page": target.pk, "url": "", "label": "Être rappelé"},
                "secondary_link": {"page": None, "url": "", "label": ""},
                "image": None,
                "style": "urgent",
            },
        },
        {
            "type": "faq",
            "value": {
                "heading": "Questions fréquentes",
                "items": [
                    {
                        "question": "La CMA peut-elle m'aider à faire le point sur ma situation\u00a0?",
                        "answer": "<p>Oui\u00a0: un agent vous rappelle, vous aide à voir la "
                        "situation et vous accompagne auprès de votre banque.</p>",
                    },
                    {
                        "question": "Qu'est-ce que «\u00a0Maintenir le cap\u00a0!\u00a0»\u00a0?",
                        "answer": "<p>Des modules d'une demi-journée par visioconférence, en "
                        "groupes de 9, qui commencent par le diagnostic de votre "
                        "entreprise.</p>",
                    },
                ],
                "structured_data": True,
            },
        },
        {
            "type": "document_list",
            "value": {
                "heading": "Documents à télécharger",
                "documents": [{"document": document.pk, "title": ""}],
            },
        },
        {
            "type": "quote",
            "value": {
                "quote": "Un agent appelle, aide à voir la situation et va accompagner "
                "l'artisan auprès de la banque… ils sont là pour ça\u00a0!",
                "author": "Manuela Morgadinho",
                "role": "présidente de la CMA du Doubs",
            },
        },
        {
            "type": "contact",
            "value": {
                "heading": "Contacter la cellule de crise",
                "phone": "",
                "email": "",
                "address": "",
                "hours": "",
                "use_chamber_settings": True,
            },
        },
    ]


#: The listing blocks of the home page: each shows what its app publishes (nothing when the
#: app is not installed), so the home page always reflects the latest news, sessions and
#: initiatives without anyone editing it.
HOME_LISTINGS = [
    (
        "latest_news",
        {"heading": "Dernières actualités de crise", "number": 3, "hide_expired": True},
    ),
    ("upcoming_sessions", {"heading": "Prochaines sessions de formation", "number": 3}),
    ("initiatives", {"heading": "Des artisans se mobilisent", "number": 3}),
]


def _add_home_listings(home):
    """Add the listing blocks missing from the home page, before its callback form."""
    present = {child.block_type for child in home.body}
    missing = [(name, value) for name, value in HOME_LISTINGS if name not in present]
    if not missing:
        return
    types = [child.block_type for child in home.body]
    position = types.index("callback_request") if "callback_request" in types else len(types)
    for offset, item in enumerate(missing):
        home.body.insert(position + offset, item)
    home.save_revision().publish()


def load(context):
    home = context.objects["home"]
    _add_home_listings(home)
    chamber = context.objects["chamber"]
    page, created = get_or_create_child(
        home,
        StandardPage,
        "cellule-de-crise",
        title="Covid-19\u00a0: la cellule de crise à vos côtés",
        show_in_menus=True,
        search_description=(
            "La cellule de crise de la CMA du Doubs\u00a0: un conseiller vous rappelle, les "
            "pièces à préparer pour le fonds de solidarité, les questions fréquentes."
        ),
        body=_body(home, _checklist_document(), chamber.callback_page),
    )
    context.objects["crisis_page"] = page
