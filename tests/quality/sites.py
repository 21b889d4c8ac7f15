"""The two sites the gate checks, how they are built and served, and which pages are sampled.

``PAGE_KINDS`` is the list of page kinds as data: a fixed path or a function choosing a page of
the built register (e.g. the first club, by identifier, with a given status). Kinds marked
``required=False`` belong to parts of the site not integrated yet: when missing they are only
reported in the summary; once integrated, the lead sets ``required=True``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.api import read_register
from generator.parts import views
from generator.register.model import Register
from generator.register.status import STATUS_CODES, standing
from generator.website import build_site
from tests.browser_support import serve
from tests.once import once
from tests.quality.links import SiteLinks, read_site
from tests.site_support import DEMO_AS_OF, demo_site
from tests.synthetic import write_register

PROJECT = Path(__file__).resolve().parents[2]
DEMO_REGISTER = PROJECT / "register"
AS_OF = DEMO_AS_OF  # the demo site's, so that the gate checks the demo build other tests use
SYNTHETIC_CLUBS = 1000


@dataclass
class Site:
    """A built site served over HTTP on the loopback interface."""

    name: str  # "demo" or "synthetic-1000"
    root: Path  # the built site
    register: Register
    sampled: bool = False  # check only the page kinds marked ``sample`` (the big site)
    base: str = ""  # http://127.0.0.1:PORT/ once served
    missing: list[str] = field(default_factory=list)  # optional page kinds not in the site
    _links: SiteLinks | None = None

    def has(self, path: str) -> bool:
        """Whether the page exists (a query string, read by the page's script, is ignored)."""
        path = path.partition("?")[0]
        target = self.root / path
        return (target / "index.html").is_file() if path.endswith("/") or not path else (
            target.is_file())

    def url(self, path: str) -> str:
        return self.base + path

    def links(self) -> SiteLinks:
        """Every link and id of the site (read once)."""
        if self._links is None:
            self._links = read_site(self.root)
        return self._links


def build_demo(factory: pytest.TempPathFactory) -> Site:
    """The demo site: the one build the other site tests use too (tests/site_support.py)."""
    return Site("demo", demo_site(factory), read_register(DEMO_REGISTER, AS_OF))


def _synthetic(work: Path) -> None:
    write_register(work / "register", SYNTHETIC_CLUBS)
    build_site(work / "register", work / "site", AS_OF)


def build_synthetic(factory: pytest.TempPathFactory) -> Site:
    """A register of 1,000 clubs and its site, made once per test run (tests/once.py)."""
    work = once(factory, f"synthetic-{SYNTHETIC_CLUBS}", _synthetic)
    return Site(f"synthetic-{SYNTHETIC_CLUBS}", work / "site",
                read_register(work / "register", AS_OF), sampled=True)


FAMILY = 20  # sibling pages made from one template (clubs, certificates): checked as a sample


def validated_pages(root: Path, sampled: bool) -> list[Path]:
    """The HTML files under ``root`` the Nu HTML Checker reads: every one of the demo site; of
    a ``sampled`` site the pages that differ from the demo's in more than their data: each page
    but those of a family of more than :data:`FAMILY` sibling folders (one per club,
    certificate, report), of which the smallest and the largest (their templates are validated
    on the demo site, in full)."""
    files = sorted(root.rglob("*.html"))
    if not sampled:
        return files
    families: dict[Path, list[Path]] = {}
    for f in files:
        if f.name == "index.html" and f.parent != root:
            families.setdefault(f.parent.parent, []).append(f)
    kept = set(files)
    for members in families.values():
        if len(members) > FAMILY:
            by_size = sorted(members, key=lambda f: (f.stat().st_size, f))
            kept -= set(members) - {by_size[0], by_size[-1]}
    return sorted(kept)


@contextmanager
def served(site: Site) -> Iterator[Site]:
    """Serve ``site.root`` on 127.0.0.1 at a free port for the duration of the block."""
    with serve(site.root) as base:
        site.base = base
        yield site


# --- choosing the pages --------------------------------------------------------------------

Chooser = Callable[[Site], str | None]


def club_with(status: str) -> Chooser:
    """The first club (by identifier) whose status on the as-of date is ``status``."""
    def choose(site: Site) -> str | None:
        for club in sorted(site.register.clubs, key=lambda c: c.id):
            if standing(club.events, AS_OF).status == status:
                return views.club_url(club.id)
        return None
    return choose


def biggest_voivodeship(site: Site) -> str | None:
    """The voivodeship with most clubs (the longest tables and the fullest map)."""
    counts = {w.teryt: 0 for w in site.register.voivodeships}
    for club in site.register.clubs:
        counts[club.voivodeship] += 1
    best = max(site.register.voivodeships, key=lambda w: (counts[w.teryt], w.teryt), default=None)
    return views.voivodeship_url(best.slug) if best else None


def first_story(site: Site) -> str | None:
    slugs = sorted(s.slug for s in site.register.stories)
    return views.story_url(slugs[0]) if slugs else None


def first_service(site: Site) -> str | None:
    codes = sorted(site.register.services)
    return views.service_url(codes[0]) if codes else None


def _pages_in(site: Site, folder: str) -> list[str]:
    """The names of the page folders directly in ``folder`` of the built site, sorted."""
    where = site.root / folder
    return sorted(p.name for p in where.iterdir() if (p / "index.html").is_file()) if (
        where.is_dir()) else []


def first_certificate(site: Site) -> str | None:
    found = _pages_in(site, "certyfikaty")
    return f"certyfikaty/{found[0]}/" if found else None


def certificate_typed_in_lower_case(site: Site) -> str | None:
    """The certificate check answering the first certificate's number typed in lower case."""
    found = _pages_in(site, "certyfikaty")
    return f"certyfikaty/?numer={found[0].lower()}" if found else None


def voivodeship_statistics(site: Site) -> str | None:
    """The statistics of the voivodeship with most clubs."""
    page = biggest_voivodeship(site)
    return f"statystyki/{page.rstrip('/').rsplit('/', 1)[-1]}/" if page else None


def national_report(site: Site) -> str | None:
    """The latest yearly report for the whole country (the longest one)."""
    found = [name for name in _pages_in(site, "statystyki/raporty") if name.endswith("-polska")]
    return f"statystyki/raporty/{found[-1]}/" if found else None


@dataclass(frozen=True)
class PageKind:
    name: str
    path: str | Chooser
    required: bool = True  # False: a part not integrated yet; missing is only reported
    sample: bool = False  # also checked on the 1,000-club site

    def resolve(self, site: Site) -> str | None:
        return self.path if isinstance(self.path, str) else self.path(site)


PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind("home", "", sample=True),
    PageKind("national register", "rejestr/", sample=True),
    PageKind("register by status", "rejestr/status/wygasa/"),
    PageKind("register by service", first_service),
    PageKind("voivodeships", "wojewodztwa/"),
    PageKind("voivodeship", biggest_voivodeship, sample=True),
    *(PageKind(f"club: {code}", club_with(code),
               sample=code in ("certyfikowany", "wygasa", "wykreslony"))
      for code in STATUS_CODES),
    PageKind("good practice", "dobre-praktyki/"),
    PageKind("story", first_story, sample=True),
    PageKind("map", "mapa/", sample=True),
    PageKind("forms", "formularze/"),
    PageKind("form preview", "formularze/wniosek/"),
    PageKind("form with a wide table", "formularze/wytyczne/"),
    PageKind("certificates", "certyfikaty/"),
    PageKind("certificate", first_certificate),
    PageKind("open data", "dane/", sample=True),
    PageKind("search", "szukaj/"),
    PageKind("search results", "szukaj/?q=porady+prawne", sample=True),
    PageKind("find a club near me", "szukaj/?q=w+Gda%C5%84sku"),
    PageKind("certificate check", certificate_typed_in_lower_case),
    PageKind("certificate check: unknown number", "certyfikaty/?numer=KIS-99-2099-999"),
    PageKind("statistics", "statystyki/", sample=True),
    PageKind("statistics: voivodeship", voivodeship_statistics),
    PageKind("yearly reports", "statystyki/raporty/"),
    PageKind("yearly report", national_report),
    PageKind("JSON API", "dane/api/"),
    PageKind("certification", "certyfikacja/"),
    PageKind("officers' guide (reporting changes)", "zglaszanie-zmian/"),
    PageKind("accessibility statement", "deklaracja-dostepnosci/"),
    PageKind("validator messages", "zglaszanie-zmian/komunikaty/"),
    PageKind("founding a club", "zakladanie-klubu/"),
    PageKind("founding: self-check", "zakladanie-klubu/samoocena/"),
    PageKind("founding: calculator", "zakladanie-klubu/kalkulator/"),
    PageKind("page not found", "404.html"),
)


@dataclass(frozen=True)
class Page:
    kind: str
    path: str  # relative to the site root

    def label(self, width: int | None = None) -> str:
        shown = "/" + self.path
        return f"{shown} ({self.kind}{f', {width}px' if width else ''})"


def pages(site: Site) -> tuple[list[Page], list[str]]:
    """The pages of ``site`` to check, and the problems of page kinds that could not be found.

    On a ``sampled`` site only the kinds marked ``sample``.

    Missing optional kinds go to ``site.missing`` (reported in the summary, not failures).
    """
    found: list[Page] = []
    problems: list[str] = []
    for kind in PAGE_KINDS:
        if site.sampled and not kind.sample:
            continue
        path = kind.resolve(site)
        if path is not None and site.has(path):
            found.append(Page(kind.name, path))
        elif kind.required:
            problems.append(f"{kind.name}: no such page in the {site.name} site ({path})")
        elif f"{kind.name} ({path})" not in site.missing:
            site.missing.append(f"{kind.name} ({path})")
    return found, problems
