"""A local fake of the public company directory, started by the tests (never the internet).

Its answers are shaped as the directory's published OpenAPI document says
(``annuaire-entreprises-data-gouv-fr/search-api``, ``app/doc/open-api.yml``): ``GET /search``
returns a ``payload`` (``results``, ``total_results``, ``page``, ``per_page``,
``total_pages``) of ``result`` items (the legal unit, its ``siege`` and, for a search by
SIRET, the searched establishment in ``matching_etablissements``). It counts the requests
it receives per second, and records their query and User-Agent.

Use the ``fake_directory`` fixture (import it into a test module or conftest): it points
``CMA_WAGTAIL_COMPANY_DIRECTORY_URL`` at the server, clears the shared cache and the
breaker, and forbids any other host.
"""

from __future__ import annotations

import collections
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


def luhn_siret(prefix: str) -> str:
    """A valid SIRET from 13 digits (the 14th is the Luhn check digit)."""
    for last in "0123456789":
        candidate = prefix + last
        total = 0
        for index, char in enumerate(reversed(candidate)):
            digit = int(char) * (2 if index % 2 else 1)
            total += digit - 9 if digit > 9 else digit
        if total % 10 == 0:
            return candidate
    raise AssertionError("unreachable")


#: The SIRETs the fake knows, one per behaviour of the directory.
FOUND = luhn_siret("8123456780001")  # the pâtisserie Brignon, Pontarlier
CLOSED = luhn_siret("8234567890001")
SEVERAL = luhn_siret("8345678900002")  # a second establishment (the siège is another)
UNKNOWN = luhn_siret("8456789010001")
RATE_LIMITED = luhn_siret("8567890120001")  # 429 + Retry-After once, then found
TIMEOUT = luhn_siret("8678901230001")  # answers after the client's timeout
ERROR = luhn_siret("8789012340001")  # 500, always
MALFORMED = luhn_siret("8890123450001")  # 200 with a body that is not JSON
FLAKY = luhn_siret("8901234560001")  # 500 once, then found
DOWN_NAME = "panne"  # a name search answered 500, always


def establishment(siret: str, **overrides) -> dict:
    place = {
        "activite_principale": "10.71C",
        "ancien_siege": False,
        "annee_tranche_effectif_salarie": None,
        "adresse": "12 RUE DE LA REPUBLIQUE 25300 PONTARLIER",
        "caractere_employeur": "O",
        "code_postal": "25300",
        "commune": "25462",
        "date_creation": "2012-03-01",
        "date_debut_activite": "2012-03-01",
        "date_fermeture": None,
        "epci": "242504496",
        "est_siege": True,
        "etat_administratif": "A",
        "geo_id": None,
        "latitude": "46.9043",
        "libelle_commune": "PONTARLIER",
        "liste_enseignes": ["PATISSERIE BRIGNON"],
        "liste_finess": None,
        "liste_id_bio": None,
        "liste_idcc": ["0843"],
        "liste_id_organisme_formation": None,
        "liste_rge": None,
        "liste_uai": None,
        "longitude": "6.3547",
        "nom_commercial": None,
        "region": "27",
        "siret": siret,
        "statut_diffusion_etablissement": "O",
        "tranche_effectif_salarie": "02",
    }
    place.update(overrides)
    return place


def result(siret: str, *, siege: dict | None = None, matching=None, **overrides) -> dict:
    """One ``result`` of the OpenAPI document: a legal unit (an EI baker by default)."""
    place = siege or establishment(siret)
    unit = {
        "siren": siret[:9],
        "nom_complet": "XAVIER BRIGNON (PATISSERIE BRIGNON)",
        "nom_raison_sociale": None,
        "sigle": None,
        "nombre_etablissements": 1,
        "nombre_etablissements_ouverts": 1,
        "siege": place,
        "activite_principale": "10.71C",
        "categorie_entreprise": "PME",
        "caractere_employeur": "O",
        "annee_categorie_entreprise": "2022",
        "date_creation": "2012-03-01",
        "date_fermeture": None,
        "date_mise_a_jour": "2025-11-02T03:34:50",
        "date_mise_a_jour_insee": "2025-11-02T03:34:50",
        "date_mise_a_jour_rne": "2025-10-20T02:15:30",
        "dirigeants": [],
        "etat_administratif": "A",
        "nature_juridique": "1000",
        "section_activite_principale": "C",
        "tranche_effectif_salarie": "02",
        "annee_tranche_effectif_salarie": "2022",
        "statut_diffusion": "O",
        "matching_etablissements": matching if matching is not None else [place],
        "finances": {},
        "complements": {
            "collectivite_territoriale": None,
            "convention_collective_renseignee": True,
            "est_entrepreneur_individuel": True,
            "est_ess": False,
        },
    }
    unit.update(overrides)
    return unit


def payload(results: list) -> dict:
    return {
        "results": results,
        "total_results": len(results),
        "page": 1,
        "per_page": 10,
        "total_pages": 1 if results else 0,
    }


def _several() -> dict:
    siege = establishment(
        luhn_siret(SEVERAL[:9] + "0001"),
        adresse="3 PLACE D'ARCON 25300 PONTARLIER",
    )
    second = establishment(
        SEVERAL,
        est_siege=False,
        adresse="8 GRANDE RUE 25160 MALBUISSON",
        code_postal="25160",
        libelle_commune="MALBUISSON",
    )
    return result(
        SEVERAL,
        siege=siege,
        matching=[second],
        nom_complet="TRIMADEL",
        nature_juridique="5499",
        activite_principale="43.32A",
        date_creation="2005-06-15",
        nombre_etablissements=2,
        nombre_etablissements_ouverts=2,
        complements={"est_entrepreneur_individuel": False},
    )


def by_name() -> dict:
    """``q=tricot&code_postal=25160``: two businesses for an agent to choose from."""
    first = result(
        luhn_siret("8011223340001"),
        nom_complet="AU COEUR DU TRICOT",
        activite_principale="13.91Z",
        nature_juridique="5499",
        siege=establishment(
            luhn_siret("8011223340001"),
            activite_principale="13.91Z",
            adresse="1 RUE DU LAC 25160 MONTPERREUX",
            code_postal="25160",
            libelle_commune="MONTPERREUX",
        ),
    )
    second = result(
        luhn_siret("8022334450001"),
        nom_complet="TRICOTS DU HAUT-DOUBS",
        activite_principale="14.39Z",
        nature_juridique="5710",
        siege=establishment(
            luhn_siret("8022334450001"),
            activite_principale="14.39Z",
            adresse="4 RUE BASSE 25160 MALBUISSON",
            code_postal="25160",
            libelle_commune="MALBUISSON",
        ),
    )
    return payload([first, second])


#: The businesses of the name search, also found by their SIRET (an agent attaches one).
NAMED = {item["siege"]["siret"]: item for item in by_name()["results"]}


class Directory:
    """The fake's state: what it answers, what it received."""

    TIMEOUT_SECONDS = 1.0

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.requests: list[dict] = []
            self.per_second: collections.Counter = collections.Counter()
            self.calls: collections.Counter = collections.Counter()

    def record(self, query: dict, headers) -> int:
        with self.lock:
            self.requests.append({"query": query, "user_agent": headers.get("User-Agent", "")})
            self.per_second[int(time.time())] += 1
            key = query.get("q", "")
            self.calls[key] += 1
            return self.calls[key]

    @property
    def count(self) -> int:
        return len(self.requests)

    @property
    def max_per_second(self) -> int:
        return max(self.per_second.values(), default=0)

    def answer(self, query: dict, call: int) -> tuple[int, dict, bytes]:
        """(status, headers, body) for one request."""
        q = query.get("q", "")
        json_ok = {"Content-Type": "application/json"}
        if q == RATE_LIMITED and call == 1:
            return 429, {"Retry-After": "3", **json_ok}, b'{"erreur": "Too many requests"}'
        if q in (ERROR, DOWN_NAME) or (q == FLAKY and call == 1):
            return 500, json_ok, b'{"erreur": "Internal server error"}'
        if q == MALFORMED:
            return 200, json_ok, b"<html>Maintenance</html>"
        if q == TIMEOUT:
            time.sleep(self.TIMEOUT_SECONDS)
        if q in (FOUND, RATE_LIMITED, TIMEOUT, FLAKY):
            body = payload([result(q)])
        elif q == CLOSED:
            closed = establishment(CLOSED, etat_administratif="F", date_fermeture="2024-06-30")
            body = payload([result(CLOSED, siege=closed, nom_complet="ANCIENNE BOULANGERIE")])
        elif q == SEVERAL:
            body = payload([_several()])
        elif q in NAMED:
            body = payload([NAMED[q]])
        elif q.isdigit() and len(q) == 14:
            # Any other valid SIRET (a burst of distinct ones): found.
            body = payload([result(q)]) if q != UNKNOWN else payload([])
        elif q and not q.isdigit():
            body = by_name()
        else:
            body = payload([])
        return 200, json_ok, json.dumps(body).encode()


def make_handler(directory: Directory):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            url = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            call = directory.record(query, self.headers)
            if url.path != "/search":
                status, headers, body = 404, {}, b'{"erreur": "not found"}'
            else:
                status, headers, body = directory.answer(query, call)
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client timed out
                pass

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture(scope="session")
def directory_server():
    directory = Directory()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(directory))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    directory.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield directory
    server.shutdown()
    server.server_close()


@pytest.fixture
def waits(monkeypatch):
    """The client's backoff and Retry-After waits, recorded instead of slept."""
    from cma_wagtail.companies import client

    recorded: list[float] = []
    monkeypatch.setattr(client, "sleep", recorded.append)
    return recorded


@pytest.fixture
def fake_directory(directory_server, settings, monkeypatch, waits):
    """The directory is the local fake, nothing else may be contacted, and nothing is cached."""
    import urllib.request

    from django.core.cache import caches

    from cma_wagtail.companies import client, limits

    settings.CMA_WAGTAIL_COMPANY_DIRECTORY_URL = directory_server.url
    settings.CMA_WAGTAIL_COMPANY_DIRECTORY_TIMEOUT = 0.3
    settings.CMA_WAGTAIL_COMPANY_DIRECTORY_RATE = 1000
    caches["default"].clear()
    limits.throttle.reset()
    directory_server.reset()
    directory_server.hosts = hosts = []
    real_urlopen = urllib.request.urlopen

    def only_the_fake(request, *args, **kwargs):
        url = request.full_url if hasattr(request, "full_url") else request
        hosts.append(urllib.parse.urlsplit(url).netloc)
        assert url.startswith(directory_server.url + "/"), f"tried to reach {url}"
        return real_urlopen(request, *args, **kwargs)

    monkeypatch.setattr(client.urllib.request, "urlopen", only_the_fake)
    yield directory_server
    caches["default"].clear()
