"""Site search: Polish folding and stemming, the index, Python/JS parity, a real browser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import quote

import markdown
import pytest
from playwright.sync_api import Locator, Page, expect

from generator import polish
from generator.parts import search as s
from generator.register import model as m
from generator.site.context import SiteContext
from tests.browser_support import serve
from tests.registers import model_club, register_model

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node") or "/usr/bin/node"
SCRIPT = s.STATIC_DIR / "kis-search.js"
AS_OF = date(2026, 11, 22)
CTX = SiteContext(as_of=AS_OF, register_root=ROOT / "register",
                  cache_dir=Path(os.environ["KIS_CACHE_DIR"]))


# --- a small register --------------------------------------------------------------------------

def _club(club_id: str, name: str, teryt: str, town: str, operator: str,
          services: tuple[str, ...] = (), certified: bool = False) -> m.Club:
    events = (m.Event(club_id, date(2025, 3, 1), "certyfikat_wydany", f"KIS-{teryt}-2025-001"),) \
        if certified else ()
    return model_club(
        club_id, teryt, name, operator_name=operator, address="ul. Główna 1", postal_code="00-001",
        town=town, regon=None, nip=None, phone=None, email=None, www=None, lat=None, lon=None,
        entry_date=date(2020, 1, 2), entry_number=None, events=events,
        services=tuple(m.ClubService(code) for code in services))


def small_register() -> m.Register:
    """Five clubs in four voivodeships, one story."""
    clubs = (
        _club("lodz-baluty", "Klub Integracji Społecznej „Bałuty”", "10", "Łódź",
              "Miejski Ośrodek Pomocy Społecznej w Łodzi", ("grupa_wsparcia",), certified=True),
        _club("zgierz-centrum", "Klub Integracji Społecznej „Centrum”", "10", "Zgierz",
              "Gmina Miasto Zgierz"),
        _club("krakow-nowa-huta", "KIS „Nowa Huta”", "12", "Kraków",
              "Stowarzyszenie „Razem” z Krakowa", ("doradztwo_zawodowe",)),
        _club("gdansk-przymorze", "Klub Integracji Społecznej „Przystań”", "22", "Gdańsk",
              "Fundacja Pomorska", ("poradnictwo_prawne", "grupa_wsparcia"), certified=True),
        _club("poznan-jezyce", "Klub Integracji Społecznej na Jeżycach", "30", "Poznań",
              "Miejski Ośrodek Pomocy Rodzinie w Poznaniu"),
    )
    story = m.Story(slug="grupa-wsparcia-przystan",
                    title="Grupa wsparcia w Gdańsku działa od 10 lat",
                    club_id="gdansk-przymorze", services=("grupa_wsparcia",),
                    date=date(2026, 5, 1), summary="Spotkania co tydzień nad morzem.",
                    body_markdown="Uczestnicy spotykają się w **Oliwie**. Zobacz https://example.org")
    return register_model(clubs, (story,), teryts=("10", "12", "22", "30"))


@pytest.fixture(scope="module")
def files() -> dict[str, str | bytes]:
    return s.site_files(small_register(), CTX)


@pytest.fixture(scope="module")
def index(files: dict[str, str | bytes]) -> dict:
    return json.loads(files[s.INDEX_PATH])


# --- folding and stemming ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "folded"), [
    ("Łódź", "lodz"), ("ZAŻÓŁĆ GĘŚLĄ JAŹŃ", "zazolc gesla jazn"), ("Gdańsk", "gdansk"),
    ("Kraków", "krakow"), ("Poznań", "poznan"), ("Café Müller", "cafe muller"),
])
def test_fold(text: str, folded: str) -> None:
    assert s.fold(text) == folded


def test_fold_map_is_the_one_the_browser_reads() -> None:
    """kis-search.js folds with search-rules.json's map; the index is folded by polish.fold."""
    assert s.rules()["fold"] == polish.POLISH_LETTERS
    assert s.fold("Ulica  Łąkowa, 12-a!") == "ulica  lakowa, 12-a!"  # punctuation stays


@pytest.mark.parametrize(("word", "expected"), [
    ("gdansku", "gdansk"), ("gdanska", "gdansk"), ("gdanskiem", "gdansk"),
    ("lodzi", "lodz"), ("lodz", "lodz"),
    ("klubu", "klub"), ("klubow", "klub"), ("klubami", "klub"), ("klubach", "klub"),
    ("kluby", "klub"), ("klubie", "klub"), ("klubem", "klub"), ("klub", "klub"),
    ("krakowie", "krakow"), ("krakowa", "krakow"),
    ("poznaniu", "poznan"), ("poznania", "poznan"), ("poznaniem", "poznan"), ("poznan", "poznan"),
    ("warszawie", "warszaw"), ("warszawa", "warszaw"), ("warszawy", "warszaw"),
    ("pomorskie", "pomorsk"), ("pomorskiego", "pomorsk"), ("pomorskiej", "pomorsk"),
    ("spolecznej", "spoleczn"), ("spolecznych", "spoleczn"), ("integracji", "integracj"),
    ("domu", "dom"), ("dom", "dom"), ("nie", "nie"), ("kis", "kis"), ("gorze", "gor"),
    ("duze", "duz"),
])
def test_stem(word: str, expected: str) -> None:
    assert s.stem(word) == expected


@pytest.mark.parametrize(("query", "document_word"), [
    ("lodz", "Łódź"), ("Łodzi", "Łódź"), ("gdansku", "Gdańsk"), ("w Gdańsku", "Gdańsk"),
    ("krakowie", "Kraków"), ("poznaniu", "Poznań"), ("poznania", "Poznań"),
    ("warszawie", "Warszawa"), ("klubu", "Klub"), ("klubów", "kluby"), ("wrocławiu", "Wrocław"),
    ("gdyni", "Gdynia"), ("gdynię", "Gdynia"), ("torunia", "Toruń"), ("katowicach", "Katowice"),
    ("bydgoszczy", "Bydgoszcz"), ("łódzkiego", "łódzkie"), ("kraków", "Krakowie"),
    ("Łódź", "Łodzi"), ("gdańsk", "Gdańsku"), ("Zielonej Górze", "Zielona Góra"),
    ("Jeleniej Górze", "Jelenia Góra"), ("Nowym Sączu", "Nowy Sącz"), ("Elblągu", "Elbląg"),
    ("Ełku", "Ełk"), ("Krośnie", "Krosno"), ("Kolbudach", "Kolbudy"),
])
def test_query_reaches_document_word(query: str, document_word: str) -> None:
    """The matching rule: every query stem is a prefix of a folded document word."""
    doc_words = s.words(document_word)
    assert all(any(w.startswith(q) for w in doc_words) for q in s.query_stems(query))


def test_query_stems_drop_stop_words_unless_alone() -> None:
    assert s.query_stems("klub w Łodzi") == ["klub", "lodz"]
    assert s.query_stems("w") == ["w"]
    assert s.query_stems(" „Przystań” ") == ["przystan"]
    assert s.query_stems("") == []


def test_rules_are_folded_and_longest_first() -> None:
    rules = s.rules()
    suffixes = rules["suffixes"]
    assert suffixes == sorted(suffixes, key=len, reverse=True)
    assert len(set(suffixes)) == len(suffixes)
    assert all(s.fold(x) == x for x in suffixes + rules["stopwords"])
    assert set(rules["fold"]) == set("ąćęłńóśźż")


# --- index and page ----------------------------------------------------------------------------

def test_site_files_paths(files: dict[str, str | bytes]) -> None:
    assert set(files) == {"szukaj/index.md", "assets/search-index.json", "assets/places.json",
                          "assets/javascripts/kis-search.js", "assets/stylesheets/kis-search.css",
                          "assets/javascripts/kis-certificate.js"}


def test_every_club_is_in_the_index(index: dict) -> None:
    docs = {d["u"]: d for d in index["docs"]}
    for club in small_register().clubs:
        doc = docs[f"kluby/{club.id}/"]
        assert doc["t"] == club.name
        assert doc["k"] == "klub"
        assert club.town in doc["p"]


def test_club_fields(index: dict) -> None:
    doc = next(d for d in index["docs"] if d["u"] == "kluby/gdansk-przymorze/")
    assert doc["w"] == "gdansk"
    assert doc["p"] == "Gdańsk, woj. pomorskie"
    assert doc["s"] == "certyfikowany"
    assert doc["b"] == 3
    other = doc["o"].split()
    assert "fundacj~a" in other and "pomorsk~ie" in other
    catalogue = [code for code, _, _ in index["services"]]
    assert doc["sv"] == [catalogue.index("poradnictwo_prawne"), catalogue.index("grupa_wsparcia")]
    assert "prawn~e" in index["services"][doc["sv"][0]][2].split()  # searched by the script
    assert "prawn~e" not in doc["o"]  # services weigh more than the operator's name
    assert doc["a"].split() == ["glown~a", "00", "001"]  # street and postal code
    assert doc["c"] == "certyfikowany"
    assert doc["g"] == [54.3523, 18.6491]  # no own coordinates: its town's, from GeoNames
    assert "przystan" in doc["n"].split()


def test_voivodeships_stories_and_pages_are_in_the_index(index: dict) -> None:
    docs = {d["u"]: d for d in index["docs"]}
    lodzkie = docs["wojewodztwa/lodzkie/"]
    assert (lodzkie["t"], lodzkie["k"], lodzkie["p"]) == ("Województwo łódzkie", "województwo",
                                                          "1 certyfikowany klub")
    assert "lodz" in lodzkie["w"].split()
    assert lodzkie["b"] == 2
    story = docs["dobre-praktyki/grupa-wsparcia-przystan/"]
    assert story["k"] == "dobra praktyka"
    assert "b" not in story
    assert "oliw~ie" in story["o"].split()
    assert "example" not in story["o"]
    for url, title, _ in s.STATIC_PAGES:
        assert (docs[url]["t"], docs[url]["k"]) == (title, "strona")
    assert docs["rejestr/usluga/poradnictwo-prawne/"]["t"] == \
        "Certyfikowane kluby: poradnictwo prawne"
    assert docs["rejestr/status/wygasly/"]["k"] == "lista klubów"


def test_index_is_deterministic_and_carries_the_rules(files: dict[str, str | bytes],
                                                      index: dict) -> None:
    assert s.site_files(small_register(), CTX) == files
    assert index["rules"] == s.rules()
    assert "about" not in index["rules"]


def test_search_page(files: dict[str, str | bytes]) -> None:
    text = str(files["szukaj/index.md"])
    assert text.startswith("---\n")
    assert '<form id="kis-search-form" class="kis-search" role="search"' in text
    assert '<label for="kis-search-q">' in text and 'type="search" name="q"' in text
    assert 'aria-live="polite"' in text
    noscript = text[text.index("<noscript>"):text.index("</noscript>")]
    for href in ("../rejestr/", "../wojewodztwa/lodzkie/", "../wojewodztwa/pomorskie/",
                 "../dobre-praktyki/"):
        assert f'href="{href}"' in noscript  # without JavaScript: clubs by voivodeship and town
    assert noscript.count("<li>") == len(small_register().voivodeships)
    assert "GeoNames (https://www.geonames.org/), licencja CC BY 4.0." in text
    assert '<option value="certyfikat">z ważnym certyfikatem</option>' in text
    assert 'value="wykreslony"' not in text  # struck-off clubs are not in the index
    assert 'id="kis-search-here"' in text and "Użyj mojej lokalizacji" in text
    html = markdown.markdown(text.split("---\n", 2)[2])
    assert '<script src="../assets/javascripts/kis-search.js" defer></script>' in html
    assert '<link rel="stylesheet" href="../assets/stylesheets/kis-search.css">' in html


def test_script_is_small_and_has_no_eval() -> None:
    source = SCRIPT.read_text(encoding="utf-8")
    assert len(source.encode()) < 20000
    for banned in ("eval(", "Function(", "innerHTML", "http://", "https://", "import "):
        assert banned not in source


# --- Python and JavaScript agree ---------------------------------------------------------------

PARITY_WORDS = [
    "Łódź", "Łodzi", "łódzkie", "łódzkiego", "Gdańsk", "Gdańsku", "Gdańska", "Kraków", "Krakowie",
    "Krakowa", "Poznań", "Poznaniu", "Poznania", "Warszawa", "Warszawie", "Warszawy", "Wrocław",
    "Wrocławiu", "Gdynia", "Gdyni", "Gdynię", "Toruń", "Toruniu", "Katowice", "Katowicach",
    "Bydgoszcz", "Bydgoszczy", "Rzeszów", "Rzeszowie", "Białystok", "Kielce", "Opole", "Opolu",
    "klub", "klubu", "klubów", "klubami", "klubach", "kluby", "klubie", "klubem", "klubowi",
    "integracji", "integracja", "społecznej", "społecznych", "społeczną", "gminą", "gminę",
    "poradnictwo", "poradnictwa", "psychologicznego", "wsparcia", "certyfikowany", "certyfikatów",
    "stowarzyszenie", "fundacji", "ośrodka", "pomocy", "domu", "ZAŻÓŁĆ", "Jeżycach", "Café",
    "KIS-22-2025-001", "nie", "w", "i",
]
PARITY_QUERIES = ["klub w Łodzi", "w", "  „Przystań”  ", "", "kis-22 gdańsk", "i oraz w",
                  "Nowa Huta, Kraków", "ul. Piotrkowska 104"]

NODE_RUNNER = """
const s = require(process.argv[1]);
const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
const r = data.rules;
console.log(JSON.stringify({
  folded: data.words.map(w => s.fold(r, w)),
  stems: data.words.map(w => s.words(r, w).map(x => s.stem(r, x))),
  queries: data.queries.map(q => s.queryStems(r, q)),
}));
"""


def _node(code: str, payload: object) -> object:
    result = subprocess.run([NODE, "-e", code, str(SCRIPT)], input=json.dumps(payload),
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_python_and_javascript_normalise_identically() -> None:
    assert len(PARITY_WORDS) >= 60
    js = _node(NODE_RUNNER, {"rules": s.rules(), "words": PARITY_WORDS,
                             "queries": PARITY_QUERIES})
    assert js == {
        "folded": [s.fold(w) for w in PARITY_WORDS],
        "stems": [[s.stem(x) for x in s.words(w)] for w in PARITY_WORDS],
        "queries": [s.query_stems(q) for q in PARITY_QUERIES],
    }


SEARCH_RUNNER = """
const s = require(process.argv[1]);
const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
const index = s.prepare(data.index);
const gazetteer = s.preparePlaces(index, data.places);
console.log(JSON.stringify(data.queries.map(q => {
  const r = s.search(index, q[0], {gazetteer: gazetteer, status: q[1] || ""});
  return {clubs: r.clubs.map(h => [h.doc.u, h.km === undefined ? null : s.distance(h.km)]),
          pages: r.pages.map(d => d.u), place: r.place && r.place.name, partial: r.partial,
          hidden: r.hidden};
})));
"""


def _search(index: dict, files: dict[str, str | bytes], *queries: str | tuple[str, str]
            ) -> dict[str, dict]:
    asked = [q if isinstance(q, tuple) else (q, "") for q in queries]
    payload = {"index": index, "places": json.loads(files[s.PLACES_PATH]), "queries": asked}
    answers = _node(SEARCH_RUNNER, payload)
    return {q[0] + (f"|{q[1]}" if q[1] else ""): a for q, a in zip(asked, answers, strict=True)}


def _clubs(answer: dict) -> list[str]:
    return [url for url, _ in answer["clubs"]]


def test_javascript_ranking(index: dict, files: dict[str, str | bytes]) -> None:
    r = _search(index, files, "klubu", "przysta", "xyzzy", "grupa wsparcia", "audyt", "oliwa",
                "KIS-10-2025-001", "poradnictwo prawne", "Jeżycach", "00-001", "Główna")
    assert {f"kluby/{c.id}/" for c in small_register().clubs} == set(_clubs(r["klubu"]))
    # certified clubs first, then the others; a status never hides a club by default
    assert set(_clubs(r["klubu"])[:2]) == {"kluby/gdansk-przymorze/", "kluby/lodz-baluty/"}
    assert _clubs(r["przysta"]) == ["kluby/gdansk-przymorze/"]
    assert r["xyzzy"] == {"clubs": [], "pages": [], "place": None, "partial": False, "hidden": 0}
    assert set(r["grupa wsparcia"]["pages"][:2]) == {"dobre-praktyki/grupa-wsparcia-przystan/",
                                                     "rejestr/usluga/grupa-wsparcia/"}
    assert set(_clubs(r["grupa wsparcia"])) == {"kluby/gdansk-przymorze/", "kluby/lodz-baluty/"}
    assert r["audyt"]["pages"][0] == "certyfikacja/"
    assert r["oliwa"]["pages"] == ["dobre-praktyki/grupa-wsparcia-przystan/"]
    assert _clubs(r["KIS-10-2025-001"]) == ["kluby/lodz-baluty/"]
    assert r["poradnictwo prawne"]["pages"][0] == "rejestr/usluga/poradnictwo-prawne/"
    assert _clubs(r["poradnictwo prawne"]) == ["kluby/gdansk-przymorze/"]
    assert _clubs(r["Jeżycach"]) == ["kluby/poznan-jezyce/"]
    assert len(_clubs(r["00-001"])) == 5 and len(_clubs(r["Główna"])) == 5  # postal code, street


def test_place_lists_clubs_by_distance(index: dict, files: dict[str, str | bytes]) -> None:
    r = _search(index, files, "gdansk", "w Gdańsku", "sopot", "Łodzi", "Zgierz", "w Kolbudach")
    for query in ("gdansk", "w Gdańsku"):
        assert r[query]["place"] == "Gdańsk"
        assert r[query]["clubs"][0] == ["kluby/gdansk-przymorze/", "mniej niż 100 m"]
        assert r[query]["pages"] == ["wojewodztwa/pomorskie/",
                                     "dobre-praktyki/grupa-wsparcia-przystan/"]
    # No club in Sopot: the nearest, in kilometres the Polish way; certified ones first.
    assert r["sopot"]["place"] == "Sopot"
    assert r["sopot"]["clubs"][0] == ["kluby/gdansk-przymorze/", "12 km"]
    assert [c[0] for c in r["sopot"]["clubs"][:2]] == ["kluby/gdansk-przymorze/",
                                                       "kluby/lodz-baluty/"]
    assert r["Łodzi"]["clubs"][:1] == [["kluby/lodz-baluty/", "mniej niż 100 m"]]
    # Uncertified clubs follow the certified ones, nearest first among them.
    assert r["Łodzi"]["clubs"][2] == ["kluby/zgierz-centrum/", "11 km"]
    assert r["Zgierz"]["place"] == "Zgierz"
    assert r["w Kolbudach"]["place"] == "Kolbudy"  # a gmina seat of 3,000 people


def test_service_synonyms_and_partial_matches(index: dict, files: dict[str, str | bytes]
                                              ) -> None:
    r = _search(index, files, "porady prawne", "prawnik", "pomoc prawna Gdańsk",
                "pomoc prawna Kraków", "psycholog xyzzy", "pomoc", ("klub", "certyfikat"),
                ("klub", "bez_certyfikatu"))
    for query in ("porady prawne", "prawnik"):
        assert _clubs(r[query]) == ["kluby/gdansk-przymorze/"]
        assert r[query]["partial"] is False
    assert "rejestr/usluga/poradnictwo-prawne/" in r["porady prawne"]["pages"]
    assert r["pomoc prawna Gdańsk"]["place"] == "Gdańsk"
    assert _clubs(r["pomoc prawna Gdańsk"]) == ["kluby/gdansk-przymorze/"]
    assert r["pomoc prawna Kraków"]["clubs"][0][0] == "kluby/gdansk-przymorze/"  # far, but it
    assert r["pomoc prawna Kraków"]["clubs"][0][1].endswith(" km")                # offers it
    # Not every word matches: the best partial matches, marked as such.
    assert r["psycholog xyzzy"]["partial"] is True
    # "pomoc" in an operator's name ("Ośrodek Pomocy") ranks below a service's description.
    assert r["pomoc"]["pages"][0] == "rejestr/usluga/poradnictwo-prawne/"
    assert set(_clubs(r["klub|certyfikat"])) == {"kluby/gdansk-przymorze/", "kluby/lodz-baluty/"}
    assert r["klub|certyfikat"]["hidden"] == 3
    assert set(_clubs(r["klub|bez_certyfikatu"])) == {
        "kluby/zgierz-centrum/", "kluby/krakow-nowa-huta/", "kluby/poznan-jezyce/"}


def test_more_than_twenty_results_are_reachable(index: dict, files: dict[str, str | bytes]
                                                ) -> None:
    """The script lists every hit; the page shows 20 and a "Pokaż więcej" button (browser test)."""
    docs = index["docs"] + [
        {**next(d for d in index["docs"] if d["u"] == "kluby/zgierz-centrum/"),
         "u": f"kluby/kopia-{n}/"} for n in range(30)]
    r = _search({**index, "docs": docs}, files, "klub")
    assert len(r["klub"]["clubs"]) == 35


@pytest.mark.parametrize(("km", "text"), [
    (0.04, "mniej niż 100 m"), (0.1, "0,1 km"), (1.5, "1,5 km"), (1.54, "1,5 km"),
    (9.96, "10 km"), (17.2, "17 km"), (123.6, "124 km"),
])
def test_distance_in_polish(km: float, text: str) -> None:
    assert _node("const s = require(process.argv[1]); console.log(JSON.stringify("
                 f"s.distance({km})));", {}) == text


# --- a real browser ----------------------------------------------------------------------------

PREFIX = "/projekt"  # served under a sub-path, like a GitHub Pages project site
SHELL = """<!doctype html>
<html lang="pl"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main>{body}</main></body></html>
"""


def _write_site(root: Path) -> None:
    site = root / PREFIX.strip("/")
    for path, content in s.site_files(small_register(), CTX).items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.endswith(".md"):
            body = markdown.markdown(str(content).split("---\n", 2)[2])
            target = target.with_name("index.html")
            content = SHELL.format(title="Szukaj", body=body)
        target.write_text(str(content), encoding="utf-8")
    for club in small_register().clubs:
        target = site / "kluby" / club.id / "index.html"
        target.parent.mkdir(parents=True)
        target.write_text(SHELL.format(title=club.name, body=f"<h1>{club.name}</h1>"),
                          encoding="utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("site")
    _write_site(root)
    with serve(root) as base:
        yield base.rstrip("/") + PREFIX


def _open(page: Page, server: str, query: str | None = None) -> None:
    url = f"{server}/szukaj/" + (f"?q={quote(query)}" if query is not None else "")
    page.goto(url)


def _results(page: Page) -> Locator:
    return page.locator("#kis-search-list a")


@pytest.mark.parametrize(("query", "club_id"), [
    ("lodz", "lodz-baluty"), ("Łódź", "lodz-baluty"), ("gdansku", "gdansk-przymorze"),
    ("przystan", "gdansk-przymorze"), ("Bałuty", "lodz-baluty"), ("nowa huta", "krakow-nowa-huta"),
    ("Jeżyce", "poznan-jezyce"), ("Centrum", "zgierz-centrum"),
])
def test_browser_query_in_url_finds_club(page: Page, server: str, query: str,
                                         club_id: str) -> None:
    _open(page, server, query)
    first = _results(page).first
    expect(first).to_have_attribute("href", f"{server}/kluby/{club_id}/")
    expect(page.locator("#kis-search-q")).to_have_value(query)
    expect(page.locator("#kis-search-status")).to_contain_text("Znaleziono")


def test_browser_klubu_finds_all_clubs(page: Page, server: str) -> None:
    _open(page, server, "klubu")
    expect(page.locator("#kis-search-status")).to_contain_text("Znaleziono")
    hrefs = {a.get_attribute("href") for a in _results(page).all()}
    assert {f"{server}/kluby/{c.id}/" for c in small_register().clubs} <= hrefs
    item = page.locator("#kis-search-list li",
                        has=page.locator('a[href$="/kluby/gdansk-przymorze/"]'))
    expect(item).to_contain_text("Gdańsk, woj. pomorskie · certyfikowany Usługi: poradnictwo "
                                 "prawne, samopomocowe grupy wsparcia")


@pytest.mark.parametrize("query", ["Kraków", "w Krakowie", "krakow"])
def test_browser_town_club_without_certificate_comes_after_certified(page: Page, server: str,
                                                                     query: str) -> None:
    _open(page, server, query)
    expect(page.locator("#kis-search-status")).to_contain_text(
        "Odległości liczone od: Kraków (woj. małopolskie).")
    items = page.locator("#kis-search-list > li")
    expect(items).to_have_count(5)
    expect(items.nth(0)).to_have_class("kis-search-hit")
    expect(items.nth(0)).to_contain_text("Łódź, woj. łódzkie · 193 km · certyfikowany")
    expect(items.nth(2)).to_have_class("kis-search-hit kis-search-hit--other")
    expect(items.nth(2)).to_contain_text("Kraków, woj. małopolskie · mniej niż 100 m · "
                                         "bez certyfikatu")


def test_browser_typing_updates_results_and_url(page: Page, server: str) -> None:
    _open(page, server)
    expect(page.locator("#kis-search-status")).to_contain_text("Wpisz")
    box = page.locator("#kis-search-q")
    box.press_sequentially("gdańsku")
    expect(_results(page).first).to_have_attribute("href", f"{server}/kluby/gdansk-przymorze/")
    assert "q=gda%C5%84sku" in page.url
    box.fill("poz")
    expect(_results(page).first).to_have_attribute("href", f"{server}/kluby/poznan-jezyce/")
    box.fill("xyzzy")
    expect(page.locator("#kis-search-status")).to_contain_text("Nic nie znaleziono")
    expect(_results(page)).to_have_count(0)


def test_browser_back_button_restores_query(page: Page, server: str) -> None:
    _open(page, server, "lodz")
    expect(_results(page).first).to_have_attribute("href", f"{server}/kluby/lodz-baluty/")
    page.locator("#kis-search-q").fill("gdansku")
    expect(_results(page).first).to_have_attribute("href", f"{server}/kluby/gdansk-przymorze/")
    _results(page).first.click()
    expect(page.locator("h1")).to_have_text("Klub Integracji Społecznej „Przystań”")
    page.go_back()
    expect(page.locator("#kis-search-q")).to_have_value("gdansku")
    expect(_results(page).first).to_have_attribute("href", f"{server}/kluby/gdansk-przymorze/")
    page.go_back()
    expect(page.locator("#kis-search-q")).to_have_value("lodz")
    expect(_results(page).first).to_have_attribute("href", f"{server}/kluby/lodz-baluty/")


def test_browser_keyboard(page: Page, server: str) -> None:
    _open(page, server)
    box = page.locator("#kis-search-q")
    box.focus()
    page.keyboard.type("klub")
    page.keyboard.press("Enter")
    expect(_results(page).first).to_be_visible()
    assert page.url.endswith("/szukaj/?q=klub")
    page.keyboard.press("ArrowDown")
    expect(_results(page).first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(_results(page).nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(box).to_be_focused()
