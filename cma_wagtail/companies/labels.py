"""Words for the directory's codes: the directory answers codes only (NAF, nature juridique).

The tables hold the codes a chamber of trades meets most (INSEE's NAF rev. 2 and its
"catégories juridiques"); a code missing here is shown as the code alone, never guessed.
A site can extend them: ``NAF_LABELS["10.71C"] = "…"`` from an ``AppConfig.ready()``.
"""

from __future__ import annotations

#: NAF rev. 2 sub-classes (INSEE wording) of trades, crafts and their neighbours.
NAF_LABELS: dict[str, str] = {
    "10.13B": "Charcuterie",
    "10.52Z": "Fabrication de glaces et sorbets",
    "10.71A": "Fabrication industrielle de pain et de pâtisserie fraîche",
    "10.71B": "Cuisson de produits de boulangerie",
    "10.71C": "Boulangerie et boulangerie-pâtisserie",
    "10.71D": "Pâtisserie",
    "10.82Z": "Fabrication de cacao, chocolat et de produits de confiserie",
    "13.91Z": "Fabrication d'étoffes à mailles",
    "13.92Z": "Fabrication d'articles textiles, sauf habillement",
    "14.13Z": "Fabrication de vêtements de dessus",
    "14.39Z": "Fabrication d'autres articles à mailles",
    "16.23Z": "Fabrication de charpentes et d'autres menuiseries",
    "20.42Z": "Fabrication de parfums et de produits pour la toilette",
    "23.41Z": "Fabrication d'articles céramiques à usage domestique ou ornemental",
    "25.62B": "Mécanique industrielle",
    "31.09B": "Fabrication d'autres meubles et industries connexes de l'ameublement",
    "32.12Z": "Fabrication d'articles de joaillerie et bijouterie",
    "33.12Z": "Réparation de machines et équipements mécaniques",
    "43.21A": "Travaux d'installation électrique dans tous locaux",
    "43.22A": "Travaux d'installation d'eau et de gaz en tous locaux",
    "43.22B": "Travaux d'installation d'équipements thermiques et de climatisation",
    "43.29A": "Travaux d'isolation",
    "43.31Z": "Travaux de plâtrerie",
    "43.32A": "Travaux de menuiserie bois et PVC",
    "43.32B": "Travaux de menuiserie métallique et serrurerie",
    "43.33Z": "Travaux de revêtement des sols et des murs",
    "43.34Z": "Travaux de peinture et vitrerie",
    "43.91A": "Travaux de charpente",
    "43.91B": "Travaux de couverture par éléments",
    "43.99C": "Travaux de maçonnerie générale et gros œuvre de bâtiment",
    "45.20A": "Entretien et réparation de véhicules automobiles légers",
    "45.20B": "Entretien et réparation d'autres véhicules automobiles",
    "47.22Z": "Commerce de détail de viandes et de produits à base de viande en magasin spécialisé",
    "47.24Z": "Commerce de détail de pain, pâtisserie et confiserie en magasin spécialisé",
    "47.51Z": "Commerce de détail de textiles en magasin spécialisé",
    "47.76Z": "Commerce de détail de fleurs, plantes, graines, engrais, animaux de compagnie "
    "et aliments pour ces animaux en magasin spécialisé",
    "47.91B": "Vente à distance sur catalogue spécialisé",
    "49.32Z": "Transports de voyageurs par taxis",
    "56.10A": "Restauration traditionnelle",
    "56.10C": "Restauration de type rapide",
    "74.10Z": "Activités spécialisées de design",
    "74.20Z": "Activités photographiques",
    "81.21Z": "Nettoyage courant des bâtiments",
    "81.30Z": "Services d'aménagement paysager",
    "95.22Z": "Réparation d'appareils électroménagers et d'équipements pour la maison et le jardin",
    "95.23Z": "Réparation de chaussures et d'articles en cuir",
    "95.25Z": "Réparation d'articles d'horlogerie et de bijouterie",
    "95.29Z": "Réparation d'autres biens personnels et domestiques",
    "96.01B": "Blanchisserie-teinturerie de détail",
    "96.02A": "Coiffure",
    "96.02B": "Soins de beauté",
    "96.09Z": "Autres services personnels n.c.a.",
}

#: Catégories juridiques (INSEE, level III) → (short form, full wording).
LEGAL_FORMS: dict[str, tuple[str, str]] = {
    "1000": ("EI", "Entrepreneur individuel"),
    "5202": ("SNC", "Société en nom collectif"),
    "5306": ("SCS", "Société en commandite simple"),
    "5485": ("SELARL", "Société d'exercice libéral à responsabilité limitée"),
    "5498": ("EURL", "SARL unipersonnelle"),
    "5499": ("SARL", "Société à responsabilité limitée (sans autre indication)"),
    "5599": ("SA", "SA à conseil d'administration (s.a.i.)"),
    "5710": ("SAS", "SAS, société par actions simplifiée"),
    "5720": ("SASU", "Société par actions simplifiée à associé unique"),
    "6540": ("SCI", "Société civile immobilière"),
    "6589": ("SC", "Société civile de moyens"),
    "9220": ("Association", "Association déclarée"),
}

#: Nature juridique of an individual entrepreneur (micro-entrepreneurs included).
INDIVIDUAL_ENTREPRENEUR = "1000"


def naf_label(code: str) -> str:
    return NAF_LABELS.get(code or "", "")


def legal_form(code: str) -> tuple[str, str]:
    """(short form, wording) of a nature juridique; ("", "") when the code is unknown here."""
    return LEGAL_FORMS.get(code or "", ("", ""))
