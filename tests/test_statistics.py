"""/statystyki/: every figure computed from a small hand-made register with known answers,
and the same numbers on the pages and in the CSV files of /dane/statystyki/.

The register (as of 2025-12-01), worked out by hand:

- a-gdansk (pomorskie): full process from 2024-01-02, audit started on the leap day
  2024-02-29, certificate 2024-04-09 (valid to 2027-04-08); stages 10, 20, 28, 10, 30 days,
  98 days in all.
- b-slupsk (pomorskie): refused 2024-05-10, appeal 2024-05-20 upheld 2024-06-20, audit, then
  certificate 2024-08-01 (valid to 2027-07-31); the refusal ends the first procedure.
- c-warszawa (mazowieckie): certificate from before the register issued on 2020-02-29 (valid to
  2023-02-27), extended 2023-02-20 (valid to 2026-02-19: 80 days left), extension requested
  again 2025-11-15 (open for 16 days).
- d-radom (mazowieckie): application 2025-01-10 rejected 2025-01-20, appeal 2025-02-01 pending
  (open for 325 days).
- e-lublin (lubelskie): certificate from before the register 2023-06-01, withdrawn 2024-06-01.
- f-krakow (małopolskie): no events (in the voivode's register, never applied).
- g-torun (kujawsko-pomorskie): application 2025-10-01 (open for 61 days).
Every other voivodeship has no club.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from generator.api import read_register
from generator.parts.opendata import site_files as opendata_files
from generator.parts.statistics import csv_files
from generator.parts.statistics.figures import (
    Figures,
    Quarter,
    figures,
    quarters,
    scopes,
    spread,
)
from generator.parts.statistics.site import all_figures, pages
from generator.register.model import Register
from generator.register.status import standing
from generator.site.context import SiteContext
from tests.registers import SmallClub, make_register
from tests.site_support import Page

AS_OF = date(2025, 12, 1)


def _full(start: str, steps: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    return [(start, "wniosek_zlozony", ""), *((d, t, "") for d, t in steps)]


CLUBS = [
    SmallClub("a-gdansk", "Klub Integracji Społecznej „Przystań”", "22", "Gdańsk", [
        ("2024-01-02", "wniosek_zlozony", ""),
        ("2024-01-12", "wniosek_dopuszczony", ""),
        ("2024-02-01", "ocena_pozytywna", ""),
        ("2024-02-29", "audyt_rozpoczety", ""),
        ("2024-03-10", "raport_audytu_sporzadzony", ""),
        ("2024-03-15", "raport_audytu_przekazany", ""),
        ("2024-04-09", "certyfikat_wydany", "KIS-22-2024-001"),
    ], ["poradnictwo_psychologiczne", "grupa_wsparcia"]),
    SmallClub("b-slupsk", "Klub Integracji Społecznej „Słupia”", "22", "Słupsk", [
        ("2024-03-01", "wniosek_zlozony", ""),
        ("2024-03-21", "wniosek_dopuszczony", ""),
        ("2024-04-10", "ocena_pozytywna", ""),
        ("2024-05-10", "odmowa_certyfikatu", ""),
        ("2024-05-20", "odwolanie_zlozone", ""),
        ("2024-06-20", "odwolanie_uwzglednione", ""),
        ("2024-07-01", "audyt_rozpoczety", ""),
        ("2024-07-11", "raport_audytu_sporzadzony", ""),
        ("2024-07-15", "raport_audytu_przekazany", ""),
        ("2024-08-01", "certyfikat_wydany", "KIS-22-2024-002"),
    ], ["grupa_wsparcia"]),
    SmallClub("c-warszawa", "Klub Integracji Społecznej Praga", "14", "Warszawa", [
        ("2020-02-29", "certyfikat_sprzed_rejestru", "KIS-14-2020-001"),
        ("2023-01-10", "zgloszenie_przedluzenia", ""),
        ("2023-02-01", "audyt_przedluzajacy", ""),
        ("2023-02-20", "certyfikat_przedluzony", "KIS-14-2023-001"),
        ("2025-11-15", "zgloszenie_przedluzenia", ""),
    ], ["poradnictwo_prawne"]),
    SmallClub("d-radom", "Klub Integracji Społecznej w Radomiu", "14", "Radom", [
        ("2025-01-10", "wniosek_zlozony", ""),
        ("2025-01-20", "wniosek_odrzucony", ""),
        ("2025-02-01", "odwolanie_zlozone", ""),
    ]),
    SmallClub("e-lublin", "Klub Integracji Społecznej w Lublinie", "06", "Lublin", [
        ("2023-06-01", "certyfikat_sprzed_rejestru", "KIS-06-2023-001"),
        ("2024-06-01", "certyfikat_cofniety", ""),
    ], ["grupa_wsparcia"]),
    SmallClub("f-krakow", "Klub Integracji Społecznej w Krakowie", "12", "Kraków", []),
    SmallClub("g-torun", "Klub Integracji Społecznej w Toruniu", "04", "Toruń", [
        ("2025-10-01", "wniosek_zlozony", ""),
    ]),
]  # fmt: skip


@pytest.fixture(scope="module")
def register_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_register(tmp_path_factory.mktemp("stats") / "register", CLUBS, stories={})


@pytest.fixture(scope="module")
def model(register_dir: Path) -> Register:
    return read_register(register_dir, AS_OF)


@pytest.fixture(scope="module")
def every(model: Register) -> list[Figures]:
    return all_figures(model, AS_OF)


def _of(every: list[Figures], key: str) -> Figures:
    return next(f for f in every if f.scope.key == key)


# --- the figures ----------------------------------------------------------------------------


def test_quarters_have_polish_names_and_true_ends() -> None:
    found = quarters(date(2024, 2, 29), date(2025, 1, 1))
    assert [q.name for q in found] == ["I kwartał 2024", "II kwartał 2024", "III kwartał 2024",
                                       "IV kwartał 2024"]
    assert [q.end for q in found] == [date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30),
                                      date(2024, 12, 31)]
    assert quarters(date(2025, 10, 1), date(2025, 12, 30)) == ()  # no quarter ended yet


def test_quartiles_are_the_inclusive_ones() -> None:
    s = spread([10, 20])
    assert s and (s.n, s.q1, s.median, s.q3, s.low, s.high) == (2, 12.5, 15, 17.5, 10, 20)
    one = spread([7])
    assert one and (one.q1, one.median, one.q3) == (7, 7, 7)
    assert spread([]) is None


def test_certified_clubs_at_each_quarter_end(every: list[Figures]) -> None:
    national = dict((q.short, n) for q, n in _of(every, "polska").quarterly)
    assert next(iter(national)) == "2020-Q1"  # from the first event, the leap day 2020-02-29
    assert list(national)[-1] == "2025-Q3"  # Q4 2025 ends after the as-of date
    assert national["2020-Q1"] == 1 and national["2022-Q4"] == 1
    assert national["2023-Q2"] == 2  # e-lublin certified on 2023-06-01
    assert national["2024-Q1"] == 2  # a-gdansk only from 2024-04-09
    assert national["2024-Q2"] == 2  # a-gdansk in, e-lublin withdrawn on 2024-06-01
    assert national["2024-Q3"] == 3 and national["2025-Q3"] == 3
    pomorskie = dict((q.short, n) for q, n in _of(every, "pomorskie").quarterly)
    assert next(iter(pomorskie)) == "2024-Q1" and pomorskie["2024-Q1"] == 0
    assert pomorskie["2024-Q2"] == 1 and pomorskie["2024-Q3"] == 2


def test_the_figures_use_the_status_function(model: Register, every: list[Figures]) -> None:
    for f in every:
        assert f.certified == sum(standing(c.events, AS_OF).is_certified for c in f.scope.clubs)
        for q, n in f.quarterly:
            assert n == sum(standing(c.events, q.end).is_certified for c in f.scope.clubs)


def test_empty_voivodeships_have_zeros_and_no_quarters(every: list[Figures]) -> None:
    opolskie = _of(every, "opolskie")
    assert (opolskie.certified, opolskie.clubs, opolskie.quarterly, opolskie.years) == (0, 0, (),
                                                                                       ())
    assert all(s.spread is None for s in opolskie.stages)
    krakow = _of(every, "malopolskie")  # a club without any certificate or event
    assert (krakow.clubs, krakow.certified, krakow.quarterly) == (1, 0, ())


def test_certificates_per_year(every: list[Figures]) -> None:
    years = {y.year: y for y in _of(every, "polska").years}
    assert list(years) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert (years[2020].issued, years[2021].issued, years[2022].issued) == (1, 0, 0)
    y23, y24, y25 = years[2023], years[2024], years[2025]
    assert (y23.issued, y23.extended, y23.refused, y23.withdrawn) == (1, 1, 0, 0)
    assert (y24.issued, y24.extended, y24.refused, y24.withdrawn) == (2, 0, 1, 1)
    assert (y25.issued, y25.extended, y25.refused, y25.withdrawn) == (0, 0, 1, 0)


def test_appeals_and_outcomes(every: list[Figures]) -> None:
    years = {y.year: y for y in _of(every, "polska").years}
    assert (years[2024].appeals_filed, years[2024].appeals_upheld,
            years[2024].appeals_dismissed) == (1, 1, 0)
    assert (years[2025].appeals_filed, years[2025].appeals_upheld) == (1, 0)
    assert _of(every, "polska").appeals_pending == 1
    assert _of(every, "mazowieckie").appeals_pending == 1
    assert _of(every, "pomorskie").appeals_pending == 0


def test_stage_durations_median_and_quartiles(every: list[Figures]) -> None:
    got = {s.stage.key: s.spread for s in _of(every, "polska").stages}
    admit = got["wniosek-dopuszczenie"]  # a-gdansk 10 days, b-slupsk 20
    assert admit and (admit.n, admit.q1, admit.median, admit.q3) == (2, 12.5, 15, 17.5)
    audit = got["ocena-audyt"]  # only a-gdansk: b-slupsk's refusal ended that procedure
    assert audit and (audit.n, audit.median) == (1, 28)  # 1 February → 29 February 2024
    report = got["raport-certyfikat"]  # 30 and 21 days
    assert report and (report.q1, report.median, report.q3) == (23.25, 25.5, 27.75)
    whole = got["wniosek-certyfikat"]
    assert whole and (whole.n, whole.median) == (1, 98)
    assert [got[k].median for k in ("zgloszenie-audyt", "audyt-przedluzenie",
                                    "zgloszenie-przedluzenie")] == [22, 19, 41]  # type: ignore[union-attr]
    assert got["wniosek-dopuszczenie"] == _of(every, "pomorskie").stages[0].spread


def test_open_cases_and_how_long(every: list[Figures]) -> None:
    cases = {c.club.id: (c.kind, c.since, c.days) for c in _of(every, "polska").open_cases}
    assert cases == {
        "d-radom": ("odwołanie", date(2025, 1, 10), 325),
        "g-torun": ("certyfikacja", date(2025, 10, 1), 61),
        "c-warszawa": ("przedłużenie", date(2025, 11, 15), 16),
    }
    assert dict(_of(every, "polska").open_buckets()) == {
        "do 90 dni": 2, "91–180 dni": 0, "181–365 dni": 1, "ponad rok": 0}


def test_expiring_soon_and_extensions_started_in_time(every: list[Figures]) -> None:
    national = _of(every, "polska")
    (soon,) = national.expiring[90]
    assert (soon.club.id, soon.valid_until, soon.days, soon.extension_started) == (
        "c-warszawa", date(2026, 2, 19), 80, True)
    assert [e.club.id for e in national.expiring[180]] == ["c-warszawa"]
    # the certificate of the leap day ended on 27 February 2023 and was extended in time
    (term,) = national.term_ends
    assert (term.number, term.valid_until, term.requested_in_time, term.extended) == (
        "KIS-14-2020-001", date(2023, 2, 27), True, True)


def test_services_of_certified_clubs(every: list[Figures]) -> None:
    national = dict(_of(every, "polska").services)
    assert national["grupa_wsparcia"] == 2  # a-gdansk, b-slupsk; e-lublin's was withdrawn
    assert national["poradnictwo_psychologiczne"] == 1 and national["poradnictwo_prawne"] == 1
    assert national["kursy_kwalifikacyjne"] == 0
    assert dict(_of(every, "lubelskie").services)["grupa_wsparcia"] == 0


def test_a_day_before_sees_nothing_after_it(model: Register) -> None:
    national = scopes(model)[0]
    early = figures(model, national, date(2024, 5, 31))
    assert early.certified == 3  # a-gdansk, c-warszawa and e-lublin (withdrawn on 1 June)
    assert early.appeals_pending == 1  # b-slupsk's appeal of 20 May
    assert [(c.club.id, c.kind) for c in early.open_cases] == [("b-slupsk", "odwołanie")]
    assert [y.year for y in early.years][-1] == 2024
    assert sum(y.issued for y in early.years) == 3  # c, e, a; not b-slupsk's of 1 August


# --- the pages and the CSV files ------------------------------------------------------------


@pytest.fixture(scope="module")
def files(model: Register, register_dir: Path, tmp_path_factory: pytest.TempPathFactory
          ) -> dict[str, object]:
    ctx = SiteContext(as_of=AS_OF, register_root=register_dir,
                      cache_dir=tmp_path_factory.mktemp("cache"))
    return dict(pages(model, ctx, []))


def _body(files: dict[str, object], path: str) -> Page:
    return Page(str(files[path]))


def _rows(page: Page, text: str, table_id: str) -> list[list[str]]:
    """The text of each body row of the table ``table_id`` (cells split on the parser's data)."""
    start = text.index(f'id="{table_id}"')
    end = text.index("</table>", start)
    rows = []
    for chunk in text[start:end].split("<tr>")[2:]:
        cells = Page("<tr>" + chunk).text_parts
        rows.append([c for c in (p.strip() for p in cells) if c])
    return rows


def test_pages_show_the_same_numbers(files: dict[str, object], every: list[Figures]) -> None:
    text = str(files["statystyki/index.md"])
    quarters_rows = _rows(_body(files, "statystyki/index.md"), text, "kwartaly-tabela")
    assert quarters_rows[0] == ["I kwartał 2020", "31.03.2020", "1"]
    assert ["III kwartał 2024", "30.09.2024", "3"] in quarters_rows
    years = _rows(Page(text), text, "lata-tabela")
    assert ["2024", "2", "0", "1", "1"] in years
    assert ["2025 (do 1 grudnia)", "0", "0", "1", "0"] in years
    stages = _rows(Page(text), text, "czas-certyfikacji-tabela")
    assert stages[0] == ["od złożenia wniosku do dopuszczenia do procedury", "2", "12,5", "15",
                         "17,5", "10", "20"]
    assert "Odwołania w toku na dzień 1 grudnia 2025: 1." in Page(text).text
    assert "ważny certyfikat mają 3 kluby spośród 7 klubów" in Page(text).text


def test_voivodeship_page_lists_its_open_cases_and_expiring(files: dict[str, object]) -> None:
    text = str(files["statystyki/mazowieckie/index.md"])
    cases = _rows(Page(text), text, "w-toku-lista")
    assert cases[0][:4] == ["Klub Integracji Społecznej w Radomiu", "odwołanie", "10.01.2025",
                            "325"]
    expiring = _rows(Page(text), text, "wygasajace-lista")
    assert expiring == [["Klub Integracji Społecznej Praga", "KIS-14-2023-001", "19.02.2026",
                         "80", "tak"]]
    assert 'href="../../kluby/d-radom/"' in text
    empty = Page(str(files["statystyki/opolskie/index.md"])).text
    assert "Na dzień 1 grudnia 2025 nie ma spraw w toku." in empty
    assert "w rejestrze wojewody nie ma żadnego klubu" in empty


def test_every_chart_is_a_captioned_figure_with_a_table(files: dict[str, object]) -> None:
    # pomorskie has no extension and no open case: no chart of nothing
    for path, charts in (("statystyki/index.md", 7), ("statystyki/pomorskie/index.md", 5)):
        page = _body(files, path)
        text = str(files[path])
        assert text.count("<figure") == text.count("<figcaption>") == text.count("<svg")
        assert text.count("<figure") == charts
        for svg in page.find("svg"):
            assert svg.attrs["role"] == "img" and svg.attrs["aria-labelledby"]
            assert "width" not in svg.attrs and svg.attrs["viewbox"].startswith("0 0 320 ")
        assert "<script" not in text and "http" not in text.split("---", 2)[2]
        for th in page.find("th"):
            assert th.attrs.get("scope") in ("col", "row")


def _csv(files: dict[str, object], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(str(files[f"dane/statystyki/{name}.csv"]))))


def test_csv_files_hold_the_page_figures(model: Register, every: list[Figures]) -> None:
    files = csv_files.site_files(model, every)
    assert set(files) == {f.path for f in csv_files.FILES}
    assert all(text.endswith("\r\n") for text in files.values())
    rows = _csv(files, "certyfikowane-kwartalnie")
    assert {"zakres": "polska", "kwartal": "2024-Q2", "koniec_kwartalu": "2024-06-30",
            "certyfikowane_kluby": "2"} in rows
    years = [r for r in _csv(files, "zdarzenia-rocznie") if r["zakres"] == "mazowieckie"]
    assert [(r["rok"], r["wydane"], r["przedluzone"], r["odmowy"], r["odwolania_zlozone"])
            for r in years if r["rok"] in ("2020", "2023", "2025")] == [
        ("2020", "1", "0", "0", "0"), ("2023", "0", "1", "0", "0"), ("2025", "0", "0", "1", "1")]
    stage = next(r for r in _csv(files, "czas-procedur")
                 if (r["zakres"], r["etap"]) == ("polska", "raport-certyfikat"))
    assert (stage["liczba"], stage["kwartyl_dolny"], stage["mediana"], stage["kwartyl_gorny"]) == (
        "2", "23.25", "25.5", "27.75")
    empty = next(r for r in _csv(files, "czas-procedur")
                 if (r["zakres"], r["etap"]) == ("opolskie", "wniosek-dopuszczenie"))
    assert (empty["liczba"], empty["mediana"]) == ("0", "")
    assert [r["klub_id"] for r in _csv(files, "sprawy-w-toku")] == ["d-radom", "g-torun",
                                                                    "c-warszawa"]
    (term,) = _csv(files, "konce-waznosci")
    assert (term["wazny_do"], term["przedluzenie_zgloszone_na_czas"]) == ("2023-02-27", "true")
    services = {(r["zakres"], r["usluga"]): r["kluby"] for r in _csv(files, "uslugi")}
    assert services[("polska", "grupa_wsparcia")] == "2"
    assert services[("pomorskie", "grupa_wsparcia")] == "2"


def test_the_open_data_page_lists_the_statistics_files(model: Register, register_dir: Path,
                                                       tmp_path: Path) -> None:
    ctx = SiteContext(as_of=AS_OF, register_root=register_dir, cache_dir=tmp_path)
    text = str(opendata_files(model, ctx)["dane/index.md"])
    for f in csv_files.FILES:
        assert f'href="{f.path.removeprefix("dane/")}"' in text, f.path
        assert f.description in text


def test_the_pages_are_the_same_every_time(model: Register, register_dir: Path,
                                           tmp_path: Path, files: dict[str, object]) -> None:
    ctx = SiteContext(as_of=AS_OF, register_root=register_dir, cache_dir=tmp_path)
    again = pages(model, ctx, [])
    assert {k: str(v) for k, v in again.items()} == {k: str(v) for k, v in files.items()}


def test_quarter_names() -> None:
    assert Quarter(2025, 1).name == "I kwartał 2025"
    assert Quarter(2025, 4).name == "IV kwartał 2025"
    assert Quarter(2024, 1).end == date(2024, 3, 31)
