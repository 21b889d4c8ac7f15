"""Site search that understands Polish: a small JSON index, a search page and a script.

How it matches: text is lowercased, Polish diacritics are folded (``Łódź`` → ``lodz``) and split
into words. The index keeps every word of a document, marked after its stem (``krakow~ie``).
The browser folds and stems the query the same way; a query word matches a document word that
starts with it (so ``gdansku`` → ``gdansk`` finds ``Gdańsk``, and partial typing works). The
rules (folding table, suffixes, stop words) live in ``search_static/search-rules.json``, read by
this module and copied into the index for the script, so the two sides cannot drift.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from generator import polish
from generator.parts import places
from generator.parts import views as v
from generator.register.model import Club, Register, Story, Voivodeship
from generator.register.status import standing
from generator.site.context import SiteContext
from generator.site.markdown_page import page
from generator.site.templating import render_template

STATIC_DIR = Path(__file__).with_name("search_static")
INDEX_PATH = "assets/search-index.json"
SCRIPT_PATH = "assets/javascripts/kis-search.js"
CERTIFICATE_SCRIPT_PATH = "assets/javascripts/kis-certificate.js"  # /certyfikaty/'s number box
STYLE_PATH = "assets/stylesheets/kis-search.css"
PAGE_PATH = "szukaj/index.md"
PLACES_PATH = places.PLACES_PATH
SYNONYMS_FILE = "synonimy-uslug.csv"
INDEX_VERSION = 2

SPLIT = re.compile(r"[\W_]+")
URL = re.compile(r"https?://\S+|www\.\S+")
POSTAL_TOWN = re.compile(r"\b\d{2}-\d{3}\s+(.+)$")

# Site pages that are not generated from register rows: (URL, title, words people may search for).
STATIC_PAGES = (
    ("rejestr/", "Rejestr certyfikowanych klubów",
     "Lista wszystkich klubów integracji społecznej z ważnym certyfikatem."),
    ("wojewodztwa/", "Województwa",
     "Kluby według województw, jednostki certyfikujące i jednostki audytu certyfikacyjnego."),
    ("dobre-praktyki/", "Dobre praktyki",
     "Bank dobrych praktyk: opowieści klubów o usługach, które się sprawdziły."),
    ("certyfikacja/", "Certyfikacja klubów",
     "Jak przebiega certyfikacja klubu: wniosek, ocena, audyt, certyfikat na 3 lata, odmowa, "
     "odwołanie, przedłużenie. Minimalny standard."),
    ("certyfikaty/", "Sprawdź certyfikat KIS",
     "Wydane certyfikaty KIS: sprawdzenie ważności certyfikatu po numerze."),
    ("formularze/", "Formularze SC KIS",
     "Wzory dokumentów do pobrania: wniosek, objaśnienia, karta standardu, karta audytu, "
     "wzór certyfikatu, tabela rejestracyjna, karta procesu certyfikacji (PDF)."),
    ("mapa/", "Mapa klubów", "Mapa certyfikowanych klubów w Polsce."),
    ("dane/", "Otwarte dane",
     "Rejestr do pobrania: pliki CSV i JSON, kanały Atom, kalendarze, pakiet danych, licencja."),
    ("zglaszanie-zmian/", "Zgłaszanie zmian",
     "Jak zgłosić zmianę danych klubu, nowy klub albo błąd w rejestrze."),
    ("zakladanie-klubu/", "Zakładanie klubu",
     "Jak założyć klub integracji społecznej: ścieżka administracyjna i ścieżka lokalnego lidera, "
     "samoocena gotowości do certyfikacji, kalkulator kosztów zaniechania."),
    ("zglaszanie-zmian/komunikaty/", "Komunikaty sprawdzenia rejestru",
     "Lista komunikatów walidatora z opisem błędu i wskazówką, jak go poprawić."),
    ("deklaracja-dostepnosci/", "Deklaracja dostępności",
     "Dostępność cyfrowa serwisu, zgodność z WCAG, kontakt i skargi w sprawie dostępności."),
)

KIND_CLUB = "klub"
# Clubs that no longer operate are not offered by the search (their pages stay, with history).
UNLISTED_STATUSES = ("wykreslony",)
CLUB_WORDS = "klub integracji społecznej KIS"  # every club is findable as one, whatever its name
KIND_VOIVODESHIP = "województwo"
KIND_STORY = "dobra praktyka"
KIND_LIST = "lista klubów"
KIND_PAGE = "strona"
# Score multipliers: a town's clubs come before a story that mentions the town in its title.
KIND_BOOST = {KIND_CLUB: 3, KIND_VOIVODESHIP: 2}


# --- text normalisation (mirrored by kis-search.js; both read search-rules.json) ---------------

@cache
def rules() -> dict[str, Any]:
    """The shared normalisation rules, without the explanatory ``about`` text."""
    data = json.loads((STATIC_DIR / "search-rules.json").read_text(encoding="utf-8"))
    data.pop("about", None)
    return data


def fold(text: str) -> str:
    """Lowercase and strip diacritics: ``Łódź`` → ``lodz`` (search-rules.json's ``fold`` map)."""
    return polish.fold(text, None)


def words(text: str) -> list[str]:
    """Folded words of ``text`` in order (letters and digits only)."""
    return [w for w in SPLIT.split(fold(text)) if w]


def stem(word: str) -> str:
    """Strip one inflectional ending from a folded word: ``gdansku`` → ``gdansk``."""
    r = rules()
    for suffix in r["suffixes"]:
        if word.endswith(suffix) and len(word) - len(suffix) >= r["min_stem"]:
            return word[: -len(suffix)]
    return word


def query_stems(query: str) -> list[str]:
    """Stems of a query's words; stop words are dropped unless nothing else is left."""
    all_words = words(query)
    stop = set(rules()["stopwords"])
    content = [w for w in all_words if w not in stop]
    return [stem(w) for w in (content or all_words)]


def index_terms(texts: Iterable[str], seen: set[str]) -> str:
    """Space-separated ``stem~ending`` terms of new, non-stop words; adds them to ``seen``."""
    stop = set(rules()["stopwords"])
    terms: list[str] = []
    for text in texts:
        for word in words(text):
            if len(word) < 2 or word in stop or word in seen:
                continue
            seen.add(word)
            base = stem(word)
            terms.append(base if base == word else f"{base}~{word[len(base):]}")
    return " ".join(terms)


# --- documents ---------------------------------------------------------------------------------

def _doc(url: str, title: str, kind: str, place: str, name: Iterable[str],
         town: Iterable[str], other: Iterable[str], status: str = "",
         address: Iterable[str] = (), services: Iterable[int] = ()) -> dict[str, Any]:
    """One search document: u url, t title, k kind, p place, s status, b boost (default 1);
    n (name), w (town), a (street, postal code), o (other) hold index terms; sv the services
    offered, as positions in the index's ``services`` (the script searches their names, weighted
    like the name, and the query's service synonyms match them)."""
    seen: set[str] = set()
    doc: dict[str, Any] = {"u": url, "t": title, "k": kind, "p": place, "s": status,
                           "n": index_terms(name, seen), "w": index_terms(town, seen),
                           "a": index_terms(address, seen), "o": index_terms(other, seen),
                           "sv": sorted(set(services))}
    doc = {key: value for key, value in doc.items() if value}
    if kind in KIND_BOOST:
        doc["b"] = KIND_BOOST[kind]
    return doc


def club_doc(register: Register, club: Club, ctx: SiteContext,
             positions: dict[tuple[str, str], tuple[float, float]]) -> dict[str, Any]:
    """A club: c its status code (ranks it), g its position (own, else its town's) for distances."""
    voivodeship = register.voivodeship(club.voivodeship).name
    code = standing(club.events, ctx.as_of).status
    status = register.statuses[code].name if code in register.statuses else code
    numbers = [e.certificate_number for e in club.events
               if e.certificate_number and e.date <= ctx.as_of]
    doc = _doc(v.club_url(club.id), club.name, KIND_CLUB, f"{club.town}, woj. {voivodeship}",
               [club.name], [club.town], [CLUB_WORDS, voivodeship, status, *numbers,
                                          club.operator_name],
               status, [club.address, club.postal_code],
               _services(register, (s.service for s in club.services)))
    doc["c"] = code
    if club.lat is not None and club.lon is not None:
        doc["g"] = [round(club.lat, places.DECIMALS), round(club.lon, places.DECIMALS)]
    elif (where := positions.get((polish.fold(club.town), club.voivodeship))) is not None:
        doc["g"] = list(where)
    return doc


def voivodeship_doc(register: Register, voivodeship: Voivodeship,
                    ctx: SiteContext) -> dict[str, Any]:
    """The voivodeship's page; its place line is the count its page states (certified clubs)."""
    count = sum(c.voivodeship == voivodeship.teryt and standing(c.events, ctx.as_of).is_certified
                for c in register.clubs)
    towns = [m.group(1) for address in (voivodeship.certifying_unit_address,
                                        voivodeship.audit_unit_address)
             if (m := POSTAL_TOWN.search(address))]
    return _doc(v.voivodeship_url(voivodeship.slug), f"Województwo {voivodeship.name}",
                KIND_VOIVODESHIP, polish.certified_clubs(count),
                [f"województwo {voivodeship.name}"], towns,
                [voivodeship.certifying_unit, voivodeship.audit_unit])


def story_doc(register: Register, story: Story) -> dict[str, Any]:
    club = next((c for c in register.clubs if c.id == story.club_id), None)
    place = f"{club.name}, {club.town}" if club else ""
    return _doc(v.story_url(story.slug), story.title, KIND_STORY, place,
                [story.title], [],
                [story.summary, *([club.name, club.town] if club else []),
                 URL.sub(" ", story.body_markdown)],
                services=_services(register, story.services))


def list_docs(register: Register) -> list[dict[str, Any]]:
    """The register's lists of clubs by status and by service (the facet pages)."""
    docs = [_doc(v.status_url(code), f"Kluby o statusie: {d.name}", KIND_LIST, "",
                 [d.name], [], [d.description]) for code, d in register.statuses.items()]
    docs += [_doc(v.service_url(code), f"Certyfikowane kluby: {d.name}", KIND_LIST, "",
                  [d.name], [], [d.description], services=_services(register, [code]))
             for code, d in register.services.items()]
    return docs


def documents(register: Register, ctx: SiteContext) -> list[dict[str, Any]]:
    """Every searchable page: static pages, lists, voivodeships, clubs, stories."""
    docs = [_doc(url, title, KIND_PAGE, "", [title], [], [description])
            for url, title, description in STATIC_PAGES]
    docs += list_docs(register)
    docs += [voivodeship_doc(register, w, ctx) for w in register.voivodeships]
    positions = places.town_position(register)
    docs += [club_doc(register, club, ctx, positions) for club in register.clubs
             if standing(club.events, ctx.as_of).status not in UNLISTED_STATUSES]
    docs += [story_doc(register, s) for s in sorted(register.stories, key=lambda s: s.slug)]
    return docs


@cache
def synonym_rows() -> tuple[tuple[str, str], ...]:
    """(phrase, service code) rows of ``search_static/synonimy-uslug.csv``."""
    with (STATIC_DIR / SYNONYMS_FILE).open(encoding="utf-8", newline="") as f:
        return tuple((row["fraza"], row["usluga"]) for row in csv.DictReader(f))


def _services(register: Register, codes: Iterable[str]) -> list[int]:
    """Positions of ``codes`` in the services catalogue (the index's ``services``)."""
    catalogue = list(register.services)
    return [catalogue.index(code) for code in codes if code in register.services]


def synonyms(register: Register) -> list[list[Any]]:
    """[phrase stems, service positions]: the synonyms file and every service's own name,
    longest phrase first; a query holding a phrase also finds the clubs offering the services."""
    codes: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for phrase, code in synonym_rows():
        codes[tuple(query_stems(phrase))].update(_services(register, [code]))
    for code, service in register.services.items():
        codes[tuple(query_stems(service.name))].update(_services(register, [code]))
    return [[list(stems), sorted(found)]
            for stems, found in sorted(codes.items(), key=lambda kv: (-len(kv[0]), kv[0]))]


def search_index(register: Register, ctx: SiteContext) -> dict[str, Any]:
    return {"version": INDEX_VERSION, "rules": rules(), "docs": documents(register, ctx),
            "synonyms": synonyms(register),
            "services": [[code, s.name, index_terms([s.name], set())]
                         for code, s in register.services.items()]}


# --- page and files ----------------------------------------------------------------------------

# Status filter: (value, label); the statuses' own names follow "with a valid certificate".
FILTER_DEFAULT = ("", "wszystkie")
FILTER_CERTIFIED = ("certyfikat", "z ważnym certyfikatem")


def search_page(register: Register) -> str:
    """The Markdown source of ``/szukaj/``."""
    choices = [FILTER_DEFAULT, FILTER_CERTIFIED,
               *((code, s.name) for code, s in register.statuses.items()
                 if code not in UNLISTED_STATUSES)]
    voivodeships = [(f"../{v.voivodeship_url(w.slug)}", w.name) for w in register.voivodeships]
    body = render_template("szukaj.html", options=choices, voivodeships=voivodeships,
                           attribution=places.attribution())
    return page("Szukaj", body, hide=("navigation", "toc"),
                description="Wyszukiwarka klubów integracji społecznej według miejscowości, "
                            "usług i nazwy oraz województw, dobrych praktyk i stron serwisu.")


def site_files(register: Register, ctx: SiteContext) -> dict[str, str | bytes]:
    """The search page, the index, the script and its stylesheet, by path in the docs tree."""
    index = json.dumps(search_index(register, ctx), ensure_ascii=False, sort_keys=True,
                       separators=(",", ":"))
    return {
        PAGE_PATH: search_page(register),
        INDEX_PATH: index + "\n",
        PLACES_PATH: places.places_json(register),
        SCRIPT_PATH: (STATIC_DIR / "kis-search.js").read_text(encoding="utf-8"),
        CERTIFICATE_SCRIPT_PATH: (STATIC_DIR / "kis-certificate.js").read_text(encoding="utf-8"),
        STYLE_PATH: (STATIC_DIR / "kis-search.css").read_text(encoding="utf-8"),
    }
