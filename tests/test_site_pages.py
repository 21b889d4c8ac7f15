"""The site's pages: every URL exists, every club has its page, lists and statuses are right."""

from __future__ import annotations

import json
import posixpath
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.api import read_register
from generator.parts import pages
from generator.parts.views import SiteData, name_key
from generator.polish import date_pl
from generator.register.model import Register
from generator.register.status import PRE_REGISTER_EVENT, STATUS_CODES, standing
from generator.site.context import SiteContext
from tests.registers import EXPECTED
from tests.site_support import (
    DEMO,
    DEMO_AS_OF,
    club_ids_in_table,
    html_files,
    page_of,
    read_page,
)

PUBLIC_URLS = (
    "",
    "rejestr/",
    "wojewodztwa/",
    "mapa/",
    "dobre-praktyki/",
    "certyfikacja/",
    "zglaszanie-zmian/",
    "deklaracja-dostepnosci/",
)


@pytest.fixture(scope="module")
def demo() -> Register:
    return read_register(DEMO, DEMO_AS_OF)


@pytest.fixture(scope="module")
def site(demo_site: Path) -> Path:
    return demo_site


def certified_ids(model: Register, as_of: date, teryt: str | None = None) -> set[str]:
    return {
        c.id
        for c in model.clubs
        if standing(c.events, as_of).is_certified and (teryt is None or c.voivodeship == teryt)
    }


def test_every_public_url_exists(site: Path, demo: Register) -> None:
    urls = [
        *PUBLIC_URLS,
        *(f"wojewodztwa/{w.slug}/" for w in demo.voivodeships),
        *(f"rejestr/status/{code.replace('_', '-')}/" for code in demo.statuses),
        *(f"rejestr/usluga/{code.replace('_', '-')}/" for code in demo.services),
        *(f"dobre-praktyki/{s.slug}/" for s in demo.stories),
    ]
    missing = [u for u in urls if not (site / u / "index.html").is_file()]
    assert missing == []
    assert (site / "404.html").is_file()


def test_every_club_has_a_page_with_its_status(site: Path, demo: Register) -> None:
    assert len(demo.clubs) >= 50
    statuses = {c.id: standing(c.events, DEMO_AS_OF).status for c in demo.clubs}
    assert set(statuses.values()) == set(STATUS_CODES)  # the demo shows every status
    for club in demo.clubs:
        page = page_of(site, f"kluby/{club.id}/")
        assert club.name in page.text
        badges = page.find("span", class_=f"kis-badge kis-badge--{statuses[club.id]}")
        assert badges, club.id
        assert club.operator_name in page.text


def test_club_without_certificate_says_so_plainly(site: Path, demo: Register) -> None:
    never = [c for c in demo.clubs if not c.events]
    assert never
    for club in never:
        page = page_of(site, f"kluby/{club.id}/")
        assert "Status: bez certyfikatu" in page.text
        assert "nie ma certyfikatu KIS i nie złożył wniosku o certyfikat" in page.text
        assert "procedur" not in page.text  # neither „w procedurze” nor a process
        assert "Certyfikat nr" not in page.text


def test_certificate_from_before_the_register_points_to_paper_files(
    site: Path, demo: Register
) -> None:
    old = [c for c in demo.clubs if c.events and c.events[0].type == PRE_REGISTER_EVENT]
    assert old
    for club in old:
        page = page_of(site, f"kluby/{club.id}/")
        unit = demo.voivodeship(club.voivodeship).certifying_unit
        assert "wcześniejsza historia certyfikacji jest w dokumentacji papierowej urzędu" in (
            page.text.casefold())
        assert unit in page.text
        first = club.events[0]
        assert f"Certyfikat nr {first.certificate_number} wydany {date_pl(first.date)}" in (
            page.text)
    others = [c for c in demo.clubs if c not in old]
    assert "dokumentacji papierowej" not in page_of(site, f"kluby/{others[0].id}/").text


def test_register_page_lists_exactly_the_certified_clubs(site: Path, demo: Register) -> None:
    listed = club_ids_in_table(site / "rejestr" / "index.html")
    assert sorted(listed) == sorted(certified_ids(demo, DEMO_AS_OF))
    assert len(listed) == len(set(listed))


def test_each_voivodeship_page_lists_exactly_its_certified_clubs(
    site: Path, demo: Register
) -> None:
    for w in demo.voivodeships:
        listed = club_ids_in_table(site / "wojewodztwa" / w.slug / "index.html")
        assert sorted(listed) == sorted(certified_ids(demo, DEMO_AS_OF, w.teryt)), w.slug
        text = page_of(site, f"wojewodztwa/{w.slug}/").text
        assert w.certifying_unit in text and w.audit_unit in text


def test_status_and_service_facets(site: Path, demo: Register) -> None:
    for code in demo.statuses:
        listed = club_ids_in_table(
            site / "rejestr" / "status" / code.replace("_", "-") / "index.html"
        )
        expected = [c.id for c in demo.clubs if standing(c.events, DEMO_AS_OF).status == code]
        assert sorted(listed) == sorted(expected), code
    for code in demo.services:
        listed = club_ids_in_table(
            site / "rejestr" / "usluga" / code.replace("_", "-") / "index.html"
        )
        expected = [
            c.id
            for c in demo.clubs
            if standing(c.events, DEMO_AS_OF).is_certified
            and any(s.service == code for s in c.services)
        ]
        assert sorted(listed) == sorted(expected), code


def test_expiring_list_on_register_and_voivodeship_pages(site: Path, demo: Register) -> None:
    expiring = {c.id for c in demo.clubs if standing(c.events, DEMO_AS_OF).status == "wygasa"}
    assert expiring

    def listed(url: str) -> set[str]:
        html = (site / url / "index.html").read_text(encoding="utf-8")
        section = html.split('id="wygasajace"', 1)[1].split("</section>", 1)[0]
        return {part.split("/", 1)[0] for part in section.split("kluby/")[1:]}

    assert listed("rejestr/") == expiring
    for w in demo.voivodeships:
        mine = {c.id for c in demo.clubs if c.id in expiring and c.voivodeship == w.teryt}
        assert listed(f"wojewodztwa/{w.slug}/") == mine


def test_tables_are_sorted_without_javascript(site: Path) -> None:
    html = (site / "rejestr" / "index.html").read_text(encoding="utf-8")
    towns = [cell.split("</td>", 1)[0] for cell in html.split('<td data-label="Miejscowość">')[1:]]
    assert len(towns) > 10
    assert towns == sorted(towns, key=name_key)
    page = read_page(site / "rejestr" / "index.html")
    assert [e.attrs["aria-sort"] for e in page.elements if "aria-sort" in e.attrs] == ["ascending"]


def test_home_page_figures(site: Path, demo: Register) -> None:
    stats = SiteData(demo, DEMO_AS_OF).stats()
    html = (site / "index.html").read_text(encoding="utf-8")
    figures = html.split('<dl class="kis-figures">', 1)[1].split("</dl>", 1)[0]
    assert f"Certyfikowane kluby: {stats.certified} – lista" in figures
    assert f"<dd>{stats.issued_this_year}</dd>" in figures
    assert f"Certyfikaty wygasające w ciągu 90 dni: {stats.expiring} – lista" in figures
    assert stats.certified == len(certified_ids(demo, DEMO_AS_OF))
    for w in demo.voivodeships:
        assert f"wojewodztwa/{w.slug}/" in html


def test_club_page_shows_history_services_and_data(site: Path, demo: Register) -> None:
    club = next(
        c
        for c in demo.clubs
        if standing(c.events, DEMO_AS_OF).is_certified and len(c.services) >= 2
    )
    page = page_of(site, f"kluby/{club.id}/")
    items = page.find("li")
    timeline = [e for e in items if "kis-timeline__item" in e.attrs.get("class", "")]
    assert len(timeline) == len(club.events)
    st = standing(club.events, DEMO_AS_OF)
    assert f"ważny do {date_pl(st.valid_until)}" in page.text
    assert st.certificate_number in page.text
    for s in club.services:
        assert demo.services[s.service].name in page.text
    (script,) = [body for attrs, body in page.scripts if attrs.get("type") == "application/ld+json"]
    data = json.loads(script)
    assert data["name"] == club.name
    assert data["address"]["postalCode"] == club.postal_code


def test_stories_are_browsable_by_service_and_voivodeship(site: Path, demo: Register) -> None:
    assert demo.stories
    for story in demo.stories:
        assert story.title in page_of(site, f"dobre-praktyki/{story.slug}/").text
        club = demo.club(story.club_id)
        slug = demo.voivodeship(club.voivodeship).slug
        assert story.title in page_of(site, f"dobre-praktyki/wojewodztwo/{slug}/").text
        for code in story.services:
            url = f"dobre-praktyki/usluga/{code.replace('_', '-')}/"
            assert story.title in page_of(site, url).text


def test_certification_page_is_rendered_from_the_reference_tables(
    site: Path, demo: Register
) -> None:
    text = page_of(site, "certyfikacja/").text
    for criterion in demo.criteria:
        assert criterion.name in text
    for event_type in demo.event_types.values():
        assert event_type.description in text
    for status in demo.statuses.values():
        assert status.description in text
    assert demo.appeal_unit.name in text


def test_accessibility_statement_has_the_required_parts(site: Path) -> None:
    ids = page_of(site, "deklaracja-dostepnosci/").ids()
    required = {
        "a11y-wstep",
        "a11y-podmiot",
        "a11y-url",
        "a11y-data-publikacja",
        "a11y-data-aktualizacja",
        "a11y-status",
        "a11y-data-sporzadzenie",
        "a11y-kontakt",
        "a11y-osoba",
        "a11y-email",
        "a11y-telefon",
        "a11y-procedura",
        "a11y-architektura",
        "a11y-aplikacje",
    }
    assert required <= ids


def test_example_data_banner_on_every_page(site: Path, demo: Register) -> None:
    assert demo.example_data
    files = list(html_files(site))
    assert len(files) > len(demo.clubs)
    without = [p for p in files if 'class="kis-example"' not in p.read_text(encoding="utf-8")]
    assert without == []


def test_every_internal_link_leads_somewhere(site: Path) -> None:
    broken = []
    for path in html_files(site):
        page = read_page(path)
        here = path.relative_to(site).as_posix()
        for e in page.elements:
            target = e.attrs.get("href") if e.tag in ("a", "link") else e.attrs.get("src")
            if not target or urlsplit(target).scheme or target.startswith(("#", "//")):
                continue
            rel = unquote(urlsplit(target).path)
            if rel.startswith("/"):  # 404.html links from the site root
                resolved = rel.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(posixpath.dirname(here), rel))
            file = site / resolved
            if rel.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.exists():
                broken.append(f"{here} → {target}")
    assert broken == []


@pytest.mark.parametrize("as_of", sorted(EXPECTED))
def test_statuses_on_several_as_of_dates(
    small_register: Path, tmp_path_factory: pytest.TempPathFactory, as_of: date
) -> None:
    """The small register's clubs have hand-computed statuses (tests/registers.py)."""
    root = small_register
    model = read_register(root, as_of)
    files = pages.site_files(model, SiteContext(as_of, root, tmp_path_factory.mktemp("cache")))
    for club_id, status in EXPECTED[as_of].items():
        page = str(files[f"kluby/{club_id}/index.md"])  # a LazyPage, rendered here
        line = page.split('class="kis-status__line"', 1)[1].split("</p>", 1)[0]
        assert f"kis-badge--{status}" in line, (club_id, as_of)
    certified = sorted(c for c, s in EXPECTED[as_of].items() if s in ("certyfikowany", "wygasa"))
    register_page = str(files["rejestr/index.md"])
    table = register_page.split('id="tabela-klubow"', 1)[1].split("</table>", 1)[0]
    assert sorted(p.split("/", 1)[0] for p in table.split("../kluby/")[1:]) == certified
    assert f"Stan na {date_pl(as_of)}" in register_page


def test_polish_dates() -> None:
    assert date_pl(date(2024, 3, 15)) == "15 marca 2024"
    assert date_pl(date(2026, 9, 1)) == "1 września 2026"
    assert date_pl(None) == ""
