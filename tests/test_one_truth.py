"""One truth on every page (issue 18): the same count, day count and status wherever they appear,
for several as-of dates; a struck-off club shown as history only; clubs without a certificate on
the maps but in no certified count or form 7; form 7 as its own data, linked from its
voivodeship's page; /dane/ describing each file as it is.

Pages are rendered without mkdocs (their Markdown sources), which is where every phrase is made.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest

from generator.api import read_register
from generator.parts import opendata, pages, search
from generator.parts.documents.render import render_standalone
from generator.parts.documents.site import certificate_pages, pack_outputs
from generator.parts.opendata import form7
from generator.polish import certified_clubs, days_left, long_date
from generator.register.model import Register
from generator.register.status import standing
from generator.site.context import SiteContext
from tests.registers import EXPECTED, SMALL_CLUBS, SmallClub, make_register, process

STRUCK_OFF = SmallClub(
    "sopot-zamkniety",
    "Klub Integracji Społecznej w Sopocie",
    "22",
    "Sopot",
    [
        *process(date(2023, 1, 10), "certyfikat_wydany", "KIS-22-2023-009"),
        ("2025-03-03", "klub_wykreslony", ""),
    ],
    ["poradnictwo_prawne"],
    "54.4400",
    "18.5600",
)
NEVER_APPLIED = SmallClub(
    "gdynia-bez", "Klub Integracji Społecznej w Gdyni", "22", "Gdynia", [], ["grupa_wsparcia"],
    "54.5200", "18.5300",
)
CLUBS = [*SMALL_CLUBS, STRUCK_OFF, NEVER_APPLIED]
DATES = sorted(EXPECTED)  # 70 days left, the last valid day, expired, another club expiring


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_register(tmp_path_factory.mktemp("truth") / "register", CLUBS)


class Site:
    """The Markdown of the site's own pages, certificate pages and the search index on a day."""

    def __init__(self, root: Path, as_of: date, cache: Path) -> None:
        self.as_of = as_of
        self.register: Register = read_register(root, as_of)
        ctx = SiteContext(as_of=as_of, register_root=root, cache_dir=cache)
        self.pages = {k: str(v) for k, v in pages.site_files(self.register, ctx).items()}
        self.certs = {k: str(v) for k, v in certificate_pages(self.register, as_of).items()}
        self.index = search.search_index(self.register, ctx)
        self.data = opendata.site_files(self.register, ctx)

    def page(self, path: str) -> str:
        return self.pages[path]

    def status(self, club_id: str) -> str:
        club = next(c for c in self.register.clubs if c.id == club_id)
        return standing(club.events, self.as_of).status

    def doc(self, url: str) -> dict[str, str] | None:
        return next((d for d in self.index["docs"] if d["u"] == url), None)


@pytest.fixture(scope="module", params=DATES, ids=str)
def site(request: pytest.FixtureRequest, root: Path,
         tmp_path_factory: pytest.TempPathFactory) -> Site:
    return Site(root, request.param, tmp_path_factory.mktemp("cache"))


def test_statuses_are_the_hand_worked_ones(site: Site) -> None:
    for club_id, status in EXPECTED[site.as_of].items():
        assert site.status(club_id) == status
    assert site.status(STRUCK_OFF.id) == "wykreslony"
    assert site.status(NEVER_APPLIED.id) == "bez_certyfikatu"


def test_certified_count_reads_the_same_on_every_page(site: Site) -> None:
    for w in site.register.voivodeships:
        n = sum(site.status(c.id) in ("certyfikowany", "wygasa")
                for c in site.register.clubs if c.voivodeship == w.teryt)
        phrase = certified_clubs(n)
        assert f"w województwie {w.locative}: {phrase}." in site.page(
            f"wojewodztwa/{w.slug}/index.md")
        assert site.doc(f"wojewodztwa/{w.slug}/")["p"] == phrase  # search
        assert f'aria-label="{w.name}: {phrase}"' in site.page("index.md")  # home map
    total = sum(site.status(c.id) in ("certyfikowany", "wygasa") for c in site.register.clubs)
    assert f"w całej Polsce: {certified_clubs(total)}." in site.page("rejestr/index.md")


def test_days_left_read_the_same_on_club_certificate_and_list(site: Site) -> None:
    expiring = [c for c in site.register.clubs if site.status(c.id) == "wygasa"]
    for club in expiring:
        st = standing(club.events, site.as_of)
        assert st.valid_until is not None
        phrase = days_left((st.valid_until - site.as_of).days)
        club_page = site.page(f"kluby/{club.id}/index.md")
        cert_page = site.certs[f"certyfikaty/{st.certificate_number}/index.md"]
        assert f"włącznie – {phrase}." in club_page
        assert f"włącznie – {phrase}." in cert_page
        assert f"– {phrase}</li>" in site.page("rejestr/index.md")
        assert "najwyżej" not in cert_page
    if site.as_of == date(2026, 7, 10):
        assert [c.id for c in expiring] == ["gdansk-przymorze"]
        assert "to ostatni dzień ważności" in site.page("kluby/gdansk-przymorze/index.md")


def test_status_name_is_the_same_on_club_page_and_in_search(site: Site) -> None:
    for club in site.register.clubs:
        code = site.status(club.id)
        name = site.register.statuses[code].name
        assert f'kis-badge--{code}">{name}</span>' in site.page(f"kluby/{club.id}/index.md")
        doc = site.doc(f"kluby/{club.id}/")
        if doc is not None:
            assert doc["s"] == name


def test_dates_in_running_text_take_r(site: Site) -> None:
    assert f"Stan na {long_date(site.as_of)}" in site.page("kluby/kolbudy/index.md")
    assert f"Stan na {long_date(site.as_of)}" in site.page("wojewodztwa/pomorskie/index.md")


def test_struck_off_club_is_history_only(site: Site) -> None:
    text = site.page(f"kluby/{STRUCK_OFF.id}/index.md")
    assert "Ten klub nie działa." in text
    assert "Wykreślono go z rejestru 3 marca 2025 r." in text
    assert "tel:" not in text and f"mailto:kis@{STRUCK_OFF.id}" not in text
    assert f"https://{STRUCK_OFF.id}.example.pl" not in text
    assert "Usługi świadczone przed wykreśleniem" in text
    assert "Jak skorzystać z pomocy klubu" not in text
    assert '"dissolutionDate": "2025-03-03"' in text and '"telephone"' not in text
    assert site.doc(f"kluby/{STRUCK_OFF.id}/") is None  # not offered by the search
    # a club that operates keeps its contact
    assert "tel:" in site.page("kluby/kolbudy/index.md")


def test_clubs_without_certificate_are_lighter_dots_below_and_never_counted(site: Site) -> None:
    home = site.page("index.md")
    other = home.index("kis-map-marks--other")  # the national map: unlinked marks
    certified = home.index('<g class="kis-map-marks" ')
    assert other < certified  # drawn first, so below
    assert "klub bez certyfikatu (nie ubiegał się o niego" in home  # legend
    voivodeship = site.page("wojewodztwa/pomorskie/index.md")
    other = voivodeship.index("kis-map-dots--other")  # a voivodeship's map: links
    certified = voivodeship.index('<g class="kis-map-dots" ')
    assert other < certified
    rings = voivodeship[other:certified]
    assert f"{NEVER_APPLIED.name}, Gdynia (klub bez certyfikatu)" in rings
    svg = voivodeship[voivodeship.rindex("<svg", 0, other):voivodeship.index("</svg>", other)]
    assert STRUCK_OFF.name not in svg  # struck-off clubs are not on the map
    rows = list(csv.reader(io.StringIO(site.data[form7.CSV_PATH])))
    numbers = {r[2] for r in rows[1:]}
    assert NEVER_APPLIED.name not in site.data[form7.CSV_PATH]
    assert numbers == {
        standing(c.events, site.as_of).certificate_number for c in site.register.clubs
        if site.status(c.id) in ("certyfikowany", "wygasa")
    }


def test_map_dots_are_big_targets_and_voivodeship_maps_have_labels(site: Site) -> None:
    text = site.page("wojewodztwa/pomorskie/index.md")
    dots = re.findall(r'<a href="[^"]*" class="kis-map-dot"[^>]*>.*?</a>', text)
    assert dots
    for dot in dots:
        hit = re.search(r'<circle [^>]*r="([\d.]+)" opacity="0"/>', dot)
        assert hit and 2 * float(hit.group(1)) >= 24
    assert 'class="kis-map-dot"' not in site.page("index.md")  # national map: no club links
    labels = re.search(r'<g class="kis-map-dot-labels".*?</g>', text)
    assert labels and ">Kolbudy</text>" in labels.group(0)


def test_form7_file_marks_expiring_certificates(site: Site) -> None:
    rows = list(csv.DictReader(io.StringIO(site.data[form7.CSV_PATH])))
    by_number = {r["Numer certyfikatu"]: r for r in rows}
    for club in site.register.clubs:
        st = standing(club.events, site.as_of)
        if st.is_certified:
            mark = by_number[st.certificate_number][form7.EXPIRING_TITLE]
            assert mark == (form7.EXPIRING_MARK if st.status == "wygasa" else "")
    for w in site.register.voivodeships:
        assert form7.xlsx_path(w.slug) in site.data


def test_voivodeship_page_links_its_form7() -> None:
    links = pages.form7_downloads("pomorskie")
    assert [d.path for d in links] == ["formularze/formularz-7-pomorskie.pdf",
                                       "dane/formularz-7-pomorskie.xlsx"]


def test_voivodeship_page_shows_form7_links(site: Site) -> None:
    text = site.page("wojewodztwa/pomorskie/index.md")
    assert 'href="../../formularze/formularz-7-pomorskie.pdf"' in text
    assert 'href="../../dane/formularz-7-pomorskie.xlsx"' in text


def test_dane_page_describes_each_file_as_it_is(site: Site) -> None:
    text = site.data["dane/index.md"]
    assert "tabela rejestracyjna (formularz 7): jeden wiersz na klub" not in text
    assert "wszystkie kluby z rejestru, także bez ważnego certyfikatu" in text
    assert "formularz-7.csv" in text and "tylko kluby z ważnym certyfikatem" in text
    assert "hide:" in text and "navigation" in text  # the full width, no one-link menu


def test_compulsory_services_are_explained_not_offered(site: Site) -> None:
    text = site.page("rejestr/index.md")
    compulsory = {
        c.service for c in site.register.criteria
        if c.service and c.required_level == "obowiązkowe"
    }
    assert compulsory
    options = set(re.findall(r'<option value="([a-z_]+)">', text.split('id="filtr-usluga"')[-1]
                             .split("</select>")[0])) if 'id="filtr-usluga"' in text else set()
    assert not options & compulsory
    assert "Usług obowiązkowych" in text
    for name in ("wojewodztwo", "usluga", "status"):
        if name != "usluga" or options:
            assert f'name="{name}"' in text  # the filters' keys in the address


def test_filled_form7_pdf_marks_expiring_certificates(site: Site) -> None:
    outputs = {o.name: o for o in pack_outputs(site.register, site.as_of, "https://x.example/")}
    html = render_standalone(outputs["formularz-7-pomorskie.pdf"].content, "")
    expiring = [c for c in site.register.clubs
                if c.voivodeship == "22" and site.status(c.id) == "wygasa"]
    assert html.count("(wygasa)") == len(expiring)
