from cma_wagtail.departements import DEPARTEMENTS, departement_label, departement_name
from cma_wagtail.validators import postcode_to_departement


def test_the_101_departements_are_named():
    metropolitan_and_overseas = [
        c for c in DEPARTEMENTS if c not in {"975", "977", "978", "986", "987", "988"}
    ]
    assert len(metropolitan_and_overseas) == 101
    assert departement_name("25") == "Doubs"
    assert departement_name("2a") == "Corse-du-Sud"
    assert departement_name("974") == "La Réunion"
    assert departement_name("99") == ""
    assert departement_name("") == ""


def test_every_postcode_lands_in_a_named_departement():
    for postcode, name in [
        ("25160", "Doubs"),
        ("20000", "Corse-du-Sud"),
        ("20200", "Haute-Corse"),
        ("97300", "Guyane"),
        ("98800", "Nouvelle-Calédonie"),
        ("35000", "Ille-et-Vilaine"),
    ]:
        assert departement_name(postcode_to_departement(postcode)) == name


def test_label_shows_name_and_code():
    assert departement_label("25") == "Doubs (25)"
    assert departement_label("00") == "00"
