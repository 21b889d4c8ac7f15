"""Site search that understands Polish: a small JSON index, a search page and a script.

How it matches: text is lowercased, Polish diacritics are folded (``Łódź`` → ``lodz``) and split
into words. The index keeps every word of a document, marked after its stem (``krakow~ie``).
The browser folds and stems the query the same way; a query word matches a document word that
starts with it (so ``gdansku`` → ``gdansk`` finds ``Gdańsk``, and partial typing works). The
rules (folding table, suffixes, stop words) live in ``search_static/search-rules.json``, read by
this module and copied into the index for the script, so the two sides cannot drift.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from generator import polish
from generator.parts import views as v
from generator.polish import plural
from generator.register.model import Club, Register, Story, Voivodeship
from generator.register.status import standing
from generator.site.context import SiteContext
from generator.site.markdown_page import page

STATIC_DIR = Path(__file__).with_name("search_static")
INDEX_PATH = "assets/search-index.json"
SCRIPT_PATH = "assets/javascripts/kis-search.js"
STYLE_PATH = "assets/stylesheets/kis-search.css"
PAGE_PATH = "szukaj/index.md"
INDEX_VERSION = 1

SPLIT = re.compile(r"[\W_]+")
URL = re.compile(r"https?://\S+|www\.\S+")
POSTAL_TOWN = re.compile(r"\b\d{2}-\d{3}\s+(.+)$")

# Site pages that are not generated from register rows: (URL, title, words people may search for).
STATIC_PAGES = (
    ("rejestr/", "Rejestr certyfikowanych klubów",
     "Lista wszystkich klubów integracji społecznej z ważnym certyfikatem."),
    ("wojewodztwa/", "Województwa",
     "Kluby według województw, jednostki certyfikujące i jednostki audytu."),
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
         town: Iterable[str], other: Iterable[str], status: str = "") -> dict[str, Any]:
    """One search document: u url, t title, k kind, p place, s status, b boost (default 1);
    n (name), w (town), o (other) hold index terms."""
    seen: set[str] = set()
    doc: dict[str, Any] = {"u": url, "t": title, "k": kind, "p": place, "s": status,
                           "n": index_terms(name, seen), "w": index_terms(town, seen),
                           "o": index_terms(other, seen)}
    doc = {key: value for key, value in doc.items() if value}
    if kind in KIND_BOOST:
        doc["b"] = KIND_BOOST[kind]
    return doc


def club_doc(register: Register, club: Club, ctx: SiteContext) -> dict[str, Any]:
    voivodeship = register.voivodeship(club.voivodeship).name
    code = standing(club.events, ctx.as_of).status
    status = register.statuses[code].name if code in register.statuses else code
    services = [register.services[s.service].name for s in club.services
                if s.service in register.services]
    numbers = [e.certificate_number for e in club.events
               if e.certificate_number and e.date <= ctx.as_of]
    return _doc(v.club_url(club.id), club.name, KIND_CLUB, f"{club.town}, woj. {voivodeship}",
                [club.name], [club.town],
                [CLUB_WORDS, club.operator_name, voivodeship, status, *services, *numbers],
                status)


def voivodeship_doc(register: Register, voivodeship: Voivodeship) -> dict[str, Any]:
    count = sum(c.voivodeship == voivodeship.teryt for c in register.clubs)
    towns = [m.group(1) for address in (voivodeship.certifying_unit_address,
                                        voivodeship.audit_unit_address)
             if (m := POSTAL_TOWN.search(address))]
    return _doc(v.voivodeship_url(voivodeship.slug), f"Województwo {voivodeship.name}",
                KIND_VOIVODESHIP, f"{count} {plural(count, 'klub', 'kluby', 'klubów')}",
                [f"województwo {voivodeship.name}"], towns,
                [voivodeship.certifying_unit, voivodeship.audit_unit])


def story_doc(register: Register, story: Story) -> dict[str, Any]:
    club = next((c for c in register.clubs if c.id == story.club_id), None)
    services = [register.services[s].name for s in story.services if s in register.services]
    place = f"{club.name}, {club.town}" if club else ""
    return _doc(v.story_url(story.slug), story.title, KIND_STORY, place,
                [story.title], [],
                [story.summary, *([club.name, club.town] if club else []), *services,
                 URL.sub(" ", story.body_markdown)])


def list_docs(register: Register) -> list[dict[str, Any]]:
    """The register's lists of clubs by status and by service (the facet pages)."""
    docs = [_doc(v.status_url(code), f"Kluby o statusie: {d.name}", KIND_LIST, "",
                 [d.name], [], [d.description]) for code, d in register.statuses.items()]
    docs += [_doc(v.service_url(code), f"Certyfikowane kluby: {d.name}", KIND_LIST, "",
                  [d.name], [], [d.description]) for code, d in register.services.items()]
    return docs


def documents(register: Register, ctx: SiteContext) -> list[dict[str, Any]]:
    """Every searchable page: static pages, lists, voivodeships, clubs, stories."""
    docs = [_doc(url, title, KIND_PAGE, "", [title], [], [description])
            for url, title, description in STATIC_PAGES]
    docs += list_docs(register)
    docs += [voivodeship_doc(register, w) for w in register.voivodeships]
    docs += [club_doc(register, club, ctx) for club in register.clubs]
    docs += [story_doc(register, s) for s in sorted(register.stories, key=lambda s: s.slug)]
    return docs


def search_index(register: Register, ctx: SiteContext) -> dict[str, Any]:
    return {"version": INDEX_VERSION, "rules": rules(), "docs": documents(register, ctx)}


# --- page and files ----------------------------------------------------------------------------

SEARCH_BODY = """\
<link rel="stylesheet" href="../assets/stylesheets/kis-search.css">
<form id="kis-search-form" class="kis-search" role="search" action="./" method="get">
<label for="kis-search-q">Nazwa klubu, miejscowość, województwo lub temat</label>
<div class="kis-search-row">
<input id="kis-search-q" type="search" name="q" autocomplete="off" spellcheck="false"
 aria-describedby="kis-search-hint" aria-controls="kis-search-results">
<button type="submit">Szukaj</button>
</div>
<p id="kis-search-hint" class="kis-search-hint">Możesz pisać bez polskich znaków
i w dowolnej formie, np. „lodz”, „w Gdańsku”, „poradnictwo”.</p>
</form>
<div id="kis-search-results" class="kis-search-results">
<p id="kis-search-status" class="kis-search-status" aria-live="polite"></p>
<ul id="kis-search-list" class="kis-search-list"></ul>
</div>
<noscript>
<p>Wyszukiwarka działa tylko z włączonym JavaScriptem. Bez niego kluby znajdziesz
w <a href="../rejestr/">rejestrze klubów</a>,
w <a href="../wojewodztwa/">zestawieniu według województw</a>
i na stronie <a href="../dobre-praktyki/">dobrych praktyk</a>.</p>
</noscript>
<script src="../assets/javascripts/kis-search.js" defer></script>
"""


def search_page() -> str:
    """The Markdown source of ``/szukaj/``."""
    return page("Szukaj", SEARCH_BODY, hide=("toc",),
                description="Wyszukiwarka klubów integracji społecznej, województw, dobrych "
                            "praktyk i stron serwisu.")


def site_files(register: Register, ctx: SiteContext) -> dict[str, str | bytes]:
    """The search page, the index, the script and its stylesheet, by path in the docs tree."""
    index = json.dumps(search_index(register, ctx), ensure_ascii=False, sort_keys=True,
                       separators=(",", ":"))
    return {
        PAGE_PATH: search_page(),
        INDEX_PATH: index + "\n",
        SCRIPT_PATH: (STATIC_DIR / "kis-search.js").read_text(encoding="utf-8"),
        STYLE_PATH: (STATIC_DIR / "kis-search.css").read_text(encoding="utf-8"),
    }
