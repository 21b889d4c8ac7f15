"""kis import: an office's spreadsheet (.xlsx, .ods, .csv) into the register, all or nothing.

The office spreadsheets are written by tests/data/import/make_spreadsheets.py into a temporary
folder for each test session (no binary files are committed).
"""

from __future__ import annotations

import importlib.util
import io
from contextlib import redirect_stdout
from datetime import date
from pathlib import Path

import pytest

from generator.api import read_register
from generator.cli import main
from generator.messages import CATALOGUE
from generator.officers.sheet_reader import Sheet
from generator.officers.spreadsheet_import import (
    CERTIFICATE_EVENT,
    find_header,
    import_spreadsheet,
    load_columns,
    new_club_id,
)
from generator.parts.opendata import site_files as opendata_files
from generator.site.context import SiteContext
from generator.validation.validate import validate
from tests.registers import make_base

AS_OF = date(2026, 11, 22)
MAKER = Path(__file__).resolve().parent / "data" / "import" / "make_spreadsheets.py"
FORMATS = ("xlsx", "ods")
# What the complete office spreadsheet adds to the base register's pomorskie/kluby.csv.
CLUB_ROWS = [
    "slupsk,Klub Integracji Społecznej „Kotwica”,22,Miejski Ośrodek Pomocy Rodzinie w Słupsku,"
    "ops,,012345675,2187716743,ul. Szczecińska 23,76-200,Słupsk,598423411,kis@mopr.slupsk.pl,"
    "https://www.mopr.slupsk.pl,,,2019-04-12,KIS/22/003",
    "gdansk,Klub Integracji Społecznej „Szansa”,22,Stowarzyszenie „Wspólna Droga”,"
    "organizacja_pozarzadowa,0000699285,,,ul. Długa 5,80-831,Gdańsk,58 301 22 33,"
    "szansa@wspolnadroga.org.pl,,,,2021-03-05,KIS/22/004",
    "gdynia,Klub Integracji Społecznej „Krok”,22,Stowarzyszenie „Wspólna Droga”,"
    "organizacja_pozarzadowa,0000699285,,,ul. Morska 120,81-225,Gdynia,,,,,,2022-09-30,KIS/22/005",
    "kartuzy,Klub Integracji Społecznej „Razem”,22,Gmina Kartuzy,gmina,,,,ul. Kościerska 3,"
    "83-300,Kartuzy,,,,,,2023-01-16,KIS/22/006",
]
EVENT_ROWS = [
    f"slupsk,2024-06-15,{CERTIFICATE_EVENT},KIS-22-2024-002,",
    f"gdansk,2024-02-01,{CERTIFICATE_EVENT},KIS-22-2024-005,",
]


@pytest.fixture(scope="session")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    spec = importlib.util.spec_from_file_location("make_spreadsheets", MAKER)
    assert spec and spec.loader
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    return maker.write_all(tmp_path_factory.mktemp("office"))


@pytest.fixture
def register(tmp_path: Path) -> Path:
    return make_base(tmp_path / "register")


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*.csv"))}


def lines(root: Path, name: str) -> list[str]:
    return (root / "wojewodztwa" / "pomorskie" / name).read_text(encoding="utf-8").splitlines()


def codes(outcome) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.code) for p in outcome.problems]


# --- office spreadsheets, both formats ---------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_office_spreadsheet_is_imported(fmt: str, sheets, register: Path) -> None:
    clubs_before, events_before = lines(register, "kluby.csv"), lines(register, "zdarzenia.csv")
    outcome = import_spreadsheet(sheets[f"urzad-pomorski.{fmt}"], "pomorskie", register, AS_OF)
    assert outcome.written and outcome.valid, outcome.problems
    assert outcome.sheet == "Rejestr KIS" and outcome.header_rows == (4, 5)
    assert lines(register, "kluby.csv") == clubs_before + CLUB_ROWS
    assert lines(register, "zdarzenia.csv") == events_before + EVENT_ROWS
    assert [(a.row, a.club_id) for a in outcome.added] == [
        (6, "slupsk"), (7, "gdansk"), (8, "gdynia"), (11, "kartuzy")]
    report = validate(register, AS_OF)
    assert report.valid, [str(p) for p in report.problems if p.blocking]


def test_both_formats_give_the_same_files(sheets, tmp_path: Path) -> None:
    results = []
    for fmt in FORMATS:
        root = make_base(tmp_path / fmt / "register")
        assert import_spreadsheet(sheets[f"urzad-pomorski.{fmt}"], "pomorskie", root,
                                  AS_OF).written
        results.append({p.relative_to(root): b for p, b in snapshot(root).items()})
    assert results[0] == results[1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_missing_postal_code_writes_nothing(fmt: str, sheets, register: Path) -> None:
    before = snapshot(register)
    outcome = import_spreadsheet(sheets[f"urzad-pomorski-braki.{fmt}"], "pomorskie", register,
                                 AS_OF)
    assert not outcome.written and not outcome.valid
    assert snapshot(register) == before
    errors = [p for p in outcome.problems if p.blocking]
    assert [(p.line, p.column, p.code, p.field) for p in errors] == [
        (11, 5, "import-value-missing", "Kod pocztowy")]
    assert "w kolumnie E" in errors[0].hint
    assert errors[0].path.endswith(f"urzad-pomorski-braki.{fmt}")


def test_each_row_says_what_is_still_missing(sheets, register: Path) -> None:
    outcome = import_spreadsheet(sheets["urzad-pomorski.xlsx"], "pomorskie", register, AS_OF,
                                 write=False)
    assert not outcome.written and outcome.valid
    notes = {p.line: p for p in outcome.problems if p.code == "import-still-missing"}
    assert sorted(notes) == [6, 7, 8, 11]
    assert notes[6].message == "klub „slupsk” zostanie wpisany bez: współrzędnych na mapie"
    assert notes[8].message == (
        "klub „gdynia” zostanie wpisany bez: REGON, NIP, telefonu, adresu e-mail, strony "
        "internetowej, współrzędnych na mapie")
    assert "telefonu" not in notes[7].message and "bez: REGON, NIP, strony" in notes[7].message
    exists = [p for p in outcome.problems if p.code == "import-club-exists"]
    assert [(p.line, p.params["value"]) for p in exists] == [(10, "kolbudy")]
    personal = [p for p in outcome.problems if p.code == "import-column-personal"]
    assert [(p.line, p.column) for p in personal] == [(4, 17)]
    assert all(not p.blocking for p in outcome.problems)


def test_importing_twice_adds_nothing_the_second_time(sheets, register: Path) -> None:
    assert import_spreadsheet(sheets["urzad-pomorski.ods"], "pomorskie", register, AS_OF).written
    after_first = snapshot(register)
    again = import_spreadsheet(sheets["urzad-pomorski.xlsx"], "pomorskie", register, AS_OF)
    assert not again.added and not again.written and again.valid
    assert snapshot(register) == after_first
    assert [p.line for p in again.problems if p.code == "import-club-exists"] == [6, 7, 8, 10, 11]


# --- CSV in a spreadsheet's shape --------------------------------------------------------

CSV_HEADER = "Nazwa klubu;Podmiot prowadzący;Adres;Kod pocztowy;Miejscowość;Nr KRS;Telefon;" \
             "Data wpisu do rejestru wojewody;Nr certyfikatu;Data wydania certyfikatu"


def test_csv_in_windows_1250_with_semicolons(register: Path, tmp_path: Path) -> None:
    text = (
        "Wykaz klubów integracji społecznej;;;;;;;;;\r\n"
        "\r\n"
        f"{CSV_HEADER}\r\n"
        "Klub Integracji Społecznej „Żagiel”;Fundacja „Łódź Ratunkowa”;ul. Żeglarska 4;"
        "84200;Wejherowo;699285;+48 58 672 11 22;5.3.2021;kis-22-2025-7;17.04.2025\r\n"
        ";;;;;;;;;\r\n"
        "Klub Integracji Społecznej w Pucku;Gminny Ośrodek Pomocy Społecznej w Pucku;"
        "ul. Żeromskiego 1;84-100;Puck;;;30.09.2022;;\r\n"
    )
    sheet = tmp_path / "wykaz.csv"
    sheet.write_bytes(text.encode("cp1250"))
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF)
    assert outcome.written, outcome.problems
    assert outcome.header_rows == (3, 3)
    assert lines(register, "kluby.csv")[-2:] == [
        "wejherowo,Klub Integracji Społecznej „Żagiel”,22,Fundacja „Łódź Ratunkowa”,"
        "organizacja_pozarzadowa,0000699285,,,ul. Żeglarska 4,84-200,Wejherowo,+48 58 672 11 22,"
        ",,,,2021-03-05,",
        "puck,Klub Integracji Społecznej w Pucku,22,Gminny Ośrodek Pomocy Społecznej w Pucku,ops,"
        ",,,ul. Żeromskiego 1,84-100,Puck,,,,,,2022-09-30,",
    ]
    assert lines(register, "zdarzenia.csv")[-1] == (
        f"wejherowo,2025-04-17,{CERTIFICATE_EVENT},KIS-22-2025-007,")
    assert validate(register, AS_OF).valid


def test_register_errors_point_to_the_sheet_and_never_to_the_copy(
        register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text("Nazwa klubu,Podmiot prowadzący,Adres,Kod pocztowy,Miejscowość,NIP,"
                     "Data wpisu,Nr certyfikatu,Data wydania certyfikatu\n"
                     "Klub „Przystań”,Gmina Żukowo,ul. Gdańska 52,83-330,Żukowo,1234567890,"
                     "2020-01-10,KIS-22-2022-001,2022-05-05\n", encoding="utf-8")
    before = snapshot(register)
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF)
    assert not outcome.written and snapshot(register) == before
    errors = [p for p in outcome.problems if p.blocking]
    assert {(p.path, p.line, p.column) for p in errors} == {(str(sheet), 2, 6), (str(sheet), 2, 8)}
    duplicate = next(p for p in errors if p.column == 8)  # the number another club already has
    assert f"{register}/wojewodztwa/pomorskie/zdarzenia.csv" in duplicate.message
    for p in outcome.problems:
        assert "kis-import-" not in str(p), p


# --- reading headers and making ids ------------------------------------------------------


def test_headers_match_without_case_diacritics_spacing_or_notes(register: Path) -> None:
    columns, found = load_columns({})
    assert columns is not None and not found
    rows = [["Zestawienie"], [],
            ["L.p.", "NAZWA  KLUBU", "Podmiot prowadzacy", "kod pocztowy (NN-NNN)", "Miejscowosc",
             "E-MAIL", "nr krs", "Data wpisu do rejestru", "Strona WWW", "Nr wpisu:"]]
    header = find_header(Sheet("", rows), columns)
    assert header is not None and header.last_row == 2
    assert list(header.fields.values()) == [
        "nazwa", "podmiot_nazwa", "kod_pocztowy", "miejscowosc", "email", "krs", "data_wpisu",
        "www", "numer_wpisu"]


def test_new_ids_follow_the_register_style() -> None:
    values = {"miejscowosc": "Gdańsk", "nazwa": "Klub Integracji Społecznej „Szansa”",
              "adres": "ul. Długa 5"}
    assert new_club_id(values, set()) == "gdansk"
    assert new_club_id(values, {"gdansk"}) == "gdansk-szansa"
    assert new_club_id(values, {"gdansk", "gdansk-szansa"}) == "gdansk-dluga"
    assert new_club_id(values, {"gdansk", "gdansk-szansa", "gdansk-dluga"}) == "gdansk-2"


def test_office_mapping_file_names_unusual_columns(register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text("Nazwa klubu,Jednostka,Adres,Kod pocztowy,Miejscowość,Wpisano\n"
                     "Klub Integracji Społecznej „Most”,Gmina Żukowo,ul. Gdańska 52,83-330,"
                     "Żukowo,2020-01-10\n", encoding="utf-8")
    mapping = tmp_path / "mapowanie.yaml"
    mapping.write_text("kolumny:\n  Jednostka: podmiot_nazwa\n"
                       "  Wpisano: Data wpisu do rejestru wojewody\n", encoding="utf-8")
    without = import_spreadsheet(sheet, "pomorskie", register, AS_OF, write=False)
    assert {p.params.get("value") for p in without.problems
            if p.code == "import-column-unknown"} == {"Jednostka", "Wpisano"}
    assert not without.valid
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF, mapping=mapping)
    assert outcome.written, outcome.problems
    assert lines(register, "kluby.csv")[-1].startswith(
        "zukowo,Klub Integracji Społecznej „Most”,22,Gmina Żukowo,gmina,")


def test_operator_type_comes_from_a_column_or_the_name(register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(
        "Nazwa klubu,Podmiot prowadzący,Rodzaj podmiotu,Adres,Kod pocztowy,Miejscowość,Data wpisu\n"
        "Klub „Most”,Parafia św. Jana,,ul. Gdańska 52,83-330,Żukowo,2020-01-10\n"
        "Klub „Brzeg”,Spółdzielnia Socjalna „Brzeg”,,ul. Portowa 1,84-120,Władysławowo,2020-01-10\n"
        "Klub „Wydma”,Spółdzielnia Socjalna „Wydma”,organizacja pozarządowa,ul. Morska 2,84-150,"
        "Hel,2020-01-10\n", encoding="utf-8")
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF, write=False)
    errors = [p for p in outcome.problems if p.blocking]
    assert [(p.line, p.column, p.code) for p in errors] == [
        (3, 2, "import-operator-type-unknown")]
    assert "„Spółdzielnia Socjalna „Brzeg”” nie da się ustalić" in errors[0].message
    assert "gmina, ośrodek pomocy społecznej, organizacja pozarządowa, inny podmiot" \
        in errors[0].hint
    fixed = sheet.read_text(encoding="utf-8").replace(",,ul. Portowa", ",inny,ul. Portowa")
    sheet.write_text(fixed, encoding="utf-8")
    assert import_spreadsheet(sheet, "pomorskie", register, AS_OF).written
    assert [line.split(",")[4] for line in lines(register, "kluby.csv")[-3:]] == [
        "inny", "inny", "organizacja_pozarzadowa"]


def test_a_missing_operator_is_one_problem_not_two(register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text("Nazwa klubu,Podmiot prowadzący,Adres,Kod pocztowy,Miejscowość,Data wpisu\n"
                     "Klub „Fala”,,ul. Morska 3,84-150,Hel,2020-01-10\n", encoding="utf-8")
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF, write=False)
    assert [(p.line, p.column, p.code, p.field) for p in outcome.problems if p.blocking] == [
        (2, 2, "import-value-missing", "Podmiot prowadzący")]  # the sheet's own header


def test_the_sites_own_workbook_imports_back(register: Path, tmp_path: Path) -> None:
    """dane/<województwo>.xlsx read by kis import gives the same clubs, codes and dates."""
    ctx = SiteContext(as_of=AS_OF, register_root=register, cache_dir=tmp_path)
    workbook = tmp_path / "pomorskie.xlsx"
    workbook.write_bytes(opendata_files(read_register(register, AS_OF), ctx)["dane/pomorskie.xlsx"])
    clubs = lines(register, "kluby.csv")
    empty = make_base(tmp_path / "empty")
    for name in ("kluby.csv", "zdarzenia.csv", "uslugi.csv"):
        path = empty / "wojewodztwa" / "pomorskie" / name
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    outcome = import_spreadsheet(workbook, "pomorskie", empty, AS_OF)
    assert outcome.written, [str(p) for p in outcome.problems]
    assert lines(empty, "kluby.csv") == clubs
    assert lines(empty, "zdarzenia.csv")[1:] == [  # the current certificate only
        f"gdansk-przymorze,2025-03-28,{CERTIFICATE_EVENT},KIS-22-2025-004,"]
    assert not [p for p in outcome.problems if p.code == "import-column-unknown"]


# --- every message of the import, each with its case ---------------------------------------

GOOD = "Klub „Most”,Gmina Żukowo,ul. Gdańska 52,83-330,Żukowo,2020-01-10"
HEADER = "Nazwa klubu,Podmiot prowadzący,Adres,Kod pocztowy,Miejscowość,Data wpisu"
CASES = {
    "import-file-type": ("wykaz.txt", f"{HEADER}\n{GOOD}\n", {}),
    "import-file-unreadable": ("wykaz.xlsx", "to nie jest arkusz", {}),
    "import-voivodeship-unknown": ("wykaz.csv", f"{HEADER}\n{GOOD}\n", {"slug": "pomorze"}),
    "import-mapping-invalid": ("wykaz.csv", f"{HEADER}\n{GOOD}\n", {"mapping": "A: pole_x"}),
    "import-no-header": ("wykaz.csv", "Klub,Gdzie\nMost,Żukowo\n", {}),
    "import-duplicate-column": ("wykaz.csv", f"{HEADER},Nazwa\n{GOOD},Most\n", {}),
    "import-no-clubs": ("wykaz.csv", f"{HEADER}\n", {}),
    "import-column-unknown": ("wykaz.csv", f"{HEADER},Liczba miejsc\n{GOOD},12\n", {}),
    "import-column-personal": ("wykaz.csv", f"{HEADER},Osoba do kontaktu\n{GOOD},Jan Nowak\n",
                               {}),
    "import-row-skipped": ("wykaz.csv", f"{HEADER}\nPowiat kartuski,,,,,\n{GOOD}\n", {}),
    "import-club-exists": ("wykaz.csv", f"{HEADER}\nKlub Integracji Społecznej,Gminny Ośrodek "
                           "Pomocy Społecznej w Kolbudach,ul. Wybickiego 28,83-050,Kolbudy,"
                           "2021-05-04\n", {}),
    "import-duplicate-row": ("wykaz.csv", f"{HEADER}\n{GOOD}\n{GOOD}\n", {}),
    "import-value-missing": ("wykaz.csv", f"{HEADER}\n{GOOD.replace('83-330', '')}\n", {}),
    "import-operator-type-unknown": (
        "wykaz.csv", f"{HEADER}\n{GOOD.replace('Gmina Żukowo', 'Spółdzielnia Socjalna')}\n", {}),
    "import-certificate-incomplete": (
        "wykaz.csv", f"{HEADER},Nr certyfikatu\n{GOOD},KIS-22-2024-009\n", {}),
    "import-still-missing": ("wykaz.csv", f"{HEADER}\n{GOOD}\n", {}),
    "import-no-certificate-columns": ("wykaz.csv", f"{HEADER}\n{GOOD}\n", {}),
    "import-entry-number-taken": (
        "wykaz.csv", f"{HEADER},Nr wpisu\n{GOOD},KIS/22/001\n", {}),
    "import-date-invalid": (
        "wykaz.csv", f"{HEADER}\n{GOOD.replace('2020-01-10', '31.02.2020')}\n", {}),
    "import-postal-code-voivodeship": (
        "wykaz.csv", f"{HEADER}\n{GOOD.replace('83-330', '00-950')}\n", {}),
    "import-merged-cell": ("wykaz.xlsx", "", {"merged": True}),
    "import-entry-number-repeated": (
        "wykaz.csv", f"{HEADER},Nr wpisu\n{GOOD},KIS/22/016\n"
        f"{GOOD.replace('Most', 'Brzeg')},KIS/22/016\n", {}),
    "import-club-id-repeated": (
        "wykaz.csv", f"Identyfikator,{HEADER}\nmost,{GOOD}\n"
        f"most,{GOOD.replace('Most', 'Brzeg')}\n", {}),
    "import-postal-and-town-incomplete": (
        "wykaz.csv", "Nazwa klubu,Podmiot prowadzący,Adres,Kod pocztowy i miejscowość\n"
        "Klub „Most”,Gmina Żukowo,ul. Gdańska 52,Żukowo\n", {}),
    "import-club-voivodeship-elsewhere": (
        "wykaz.csv", f"{HEADER},Nr certyfikatu,Data wydania certyfikatu\n"
        f"{GOOD},KIS-08-2024-001,2024-02-01\n".replace("83-330", "69-100"), {}),
}
MERGED_ROWS = [
    HEADER.split(","),
    ["Klub „Most”", "Gmina Żukowo", "ul. Gdańska 52", "83-330", "Żukowo", "2020-01-10"],
    ["Klub „Brzeg”", "", "ul. Gdańska 60", "", "", "2020-01-10"],
]
# Operator (B2:B3), postal code (D2:D3) and town (E2:E3) merged over both clubs.
MERGES = [(1, 1, 2, 1), (1, 3, 2, 3), (1, 4, 2, 4)]


def write_merged_xlsx(path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Kluby")
    for r0, c0, r1, c1 in MERGES:
        sheet.merge_range(r0, c0, r1, c1, MERGED_ROWS[r0][c0])
    covered = {(r, c0) for r0, c0, r1, _ in MERGES for r in range(r0, r1 + 1)}
    for r, values in enumerate(MERGED_ROWS):
        for c, value in enumerate(values):
            if (r, c) not in covered and value:
                sheet.write_string(r, c, value)
    book.close()


def test_every_import_code_has_a_case() -> None:
    assert {c for c in CATALOGUE if c.startswith("import-")} == set(CASES)


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_import_message_has_a_case(code: str, register: Path, tmp_path: Path) -> None:
    name, text, options = CASES[code]
    sheet = tmp_path / name
    if options.get("merged"):
        write_merged_xlsx(sheet)
    else:
        sheet.write_text(text, encoding="utf-8")
    mapping = None
    if "mapping" in options:
        mapping = tmp_path / "mapowanie.yaml"
        mapping.write_text(f"kolumny:\n  {options['mapping']}\n", encoding="utf-8")
    before = snapshot(register)
    outcome = import_spreadsheet(sheet, options.get("slug", "pomorskie"), register, AS_OF,
                                 mapping=mapping, write=False)
    found = [p for p in outcome.problems if p.code == code]
    assert found, codes(outcome)
    assert snapshot(register) == before
    for p in found:
        assert p.path and "{" not in p.message + p.hint
        assert p.blocking == (code not in (
            "import-column-unknown", "import-column-personal", "import-row-skipped",
            "import-club-exists", "import-still-missing", "import-no-certificate-columns",
            "import-merged-cell", "import-postal-code-voivodeship"))
        if p.column:  # named as the sheet names it: its own header and the column letter
            letter = "ABCDEFGHIJ"[p.column - 1]
            assert p.field in [*HEADER.split(","), "Nr wpisu", "Nr certyfikatu", "Nazwa",
                               "Liczba miejsc", "Osoba do kontaktu", "Identyfikator",
                               "Kod pocztowy i miejscowość"], p
            assert "kolumn" in p.message + p.hint and f" {letter}" in p.message + p.hint, p


def test_cli_import_reports_and_exits(sheets, register: Path) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["import", str(sheets["urzad-pomorski-braki.xlsx"]), "--wojewodztwo",
                     "pomorskie", "--register", str(register), "--as-of", "2026-11-22"])
    assert code == 1
    assert "Nic nie zostało zapisane" in out.getvalue()
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["import", str(sheets["urzad-pomorski.xlsx"]), "--wojewodztwo",
                     "pomorskie", "--register", str(register), "--as-of", "2026-11-22"])
    assert code == 0
    text = out.getvalue()
    assert "nazwy kolumn w wierszach 4–5, dane od wiersza 6" in text
    assert "wiersz 6 → slupsk: Klub Integracji Społecznej „Kotwica”, certyfikat KIS-22-2024-002" \
        in text
    assert "dopisano 4 wiersze" in text
    assert f"{sheets['urzad-pomorski.xlsx']}:4:Q: uwaga: kolumna „Kierownik klubu”" in text


def test_the_mapping_example_in_contributing_works(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parents[1] / "CONTRIBUTING.md").read_text(encoding="utf-8")
    example = text.split("```yaml\n")[1].split("```")[0]
    mapping = tmp_path / "mapowanie.yaml"
    mapping.write_text(example, encoding="utf-8")
    columns, found = load_columns({"nazwa": "Nazwa klubu", "podmiot_nazwa": "Instytucja"},
                                  mapping)
    assert columns is not None and not found
    assert columns.kind("Organ prowadzący") == ("field", "podmiot_nazwa")
    assert columns.kind("Liczba uczestników") == ("ignored", "")


def test_the_longest_still_missing_list_is_whole(register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(f"{HEADER}\n{GOOD.replace('Gmina Żukowo', 'Fundacja Brzeg')}\n",
                     encoding="utf-8")
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF, write=False)
    note = next(p for p in outcome.problems if p.code == "import-still-missing")
    assert note.message == (
        "klub „zukowo” zostanie wpisany bez: numeru KRS, REGON, NIP, telefonu, adresu e-mail, "
        "strony internetowej, współrzędnych na mapie, numeru wpisu do rejestru wojewody")


# --- round 2: the register's own files, duplicates, messages in the sheet's terms ------------


def test_a_register_file_saved_by_a_spreadsheet_is_read_and_written_canonical(
        register: Path, tmp_path: Path) -> None:
    clubs = register / "wojewodztwa" / "pomorskie" / "kluby.csv"
    canonical = clubs.read_text(encoding="utf-8")
    clubs.write_bytes(canonical.replace(",", ";").replace("\n", "\r\n").encode("cp1250"))
    assert validate(register, AS_OF).valid  # the register accepts the spreadsheet's save
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF)
    assert outcome.written, outcome.problems
    written = clubs.read_text(encoding="utf-8")  # UTF-8 now, commas, LF
    assert written.startswith(canonical) and "\r" not in written and ";" not in written
    assert written.splitlines()[-1].startswith("zukowo,Klub „Most”,22,Gmina Żukowo,gmina,")
    assert validate(register, AS_OF).valid


def test_a_club_named_with_kis_is_the_same_club(register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(f"{HEADER}\nKIS „Przystań”,Stowarzyszenie „Razem dla Przymorza”,"
                     "ul. Kołobrzeska 41,80-394,Gdańsk,2020-02-10\n", encoding="utf-8")
    before = snapshot(register)
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF)
    assert not outcome.added and snapshot(register) == before
    [exists] = [p for p in outcome.problems if p.code == "import-club-exists"]
    assert exists.params["value"] == "gdansk-przymorze"
    assert "zgadza się: nazwa, miejscowość i instytucja tworząca" in exists.message


def test_an_entry_number_of_another_club_is_an_error(register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(f"{HEADER},Nr wpisu\n{GOOD},KIS/22/001\n"
                     "Klub Integracji Społecznej „Przystań”,Stowarzyszenie „Razem dla Przymorza”,"
                     "ul. Kołobrzeska 41,80-394,Gdańsk,2020-02-10,KIS/22/001\n", encoding="utf-8")
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF, write=False)
    [taken] = [p for p in outcome.problems if p.blocking]
    assert (taken.code, taken.line, taken.column, taken.field) == (
        "import-entry-number-taken", 2, 7, "Nr wpisu")
    assert "„KIS/22/001”" in taken.message and "gdansk-przymorze" in taken.message
    assert "„Klub Integracji Społecznej „Przystań””, Gdańsk" in taken.message
    assert "„Klub „Most””, Żukowo" in taken.message
    [same] = [p for p in outcome.problems if p.code == "import-club-exists"]
    assert same.line == 3 and "oraz numer wpisu „KIS/22/001”" in same.message


def test_register_checks_speak_of_the_sheet_header_letter_and_its_date_formats(
        register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(f"{HEADER}\n{GOOD.replace('2020-01-10', '31.02.2020')}\n", encoding="utf-8")
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF, write=False)
    [bad] = [p for p in outcome.problems if p.blocking]
    assert (bad.code, bad.line, bad.column) == ("import-date-invalid", 2, 6)
    text = bad.message + bad.hint
    assert "„Data wpisu”" in bad.message and "kolumna F" in bad.message
    assert "data_wpisu" not in text and "RRRR-MM-DD" not in text and "5.03.2021" in bad.hint


def test_a_postal_code_of_another_voivodeship_points_to_the_option(
        register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(f"{HEADER}\n{GOOD.replace('83-330', '00-950')}\n", encoding="utf-8")
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF, write=False)
    [warning] = [p for p in outcome.problems if p.severity == "warning"]
    assert (warning.code, warning.line, warning.column) == ("import-postal-code-voivodeship", 2, 4)
    assert "--wojewodztwo" in warning.hint and "przenieś" not in warning.hint
    assert "kolumna D" in warning.message


def test_a_merged_cell_copied_into_several_clubs_is_said_per_row(
        register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.xlsx"
    write_merged_xlsx(sheet)
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF, write=False)
    notes = [p for p in outcome.problems if p.code == "import-merged-cell"]
    assert [(p.line, p.column, p.params["range"], p.field) for p in notes] == [
        (3, 4, "D2:D3", "Kod pocztowy"), (3, 5, "E2:E3", "Miejscowość")]  # not the operator (B)
    assert "komórki scalonej E2:E3" in notes[1].message and "„Żukowo”" in notes[1].message
    assert outcome.valid and [a.club_id for a in outcome.added] == ["zukowo", "zukowo-brzeg"]


def test_the_column_names_file_is_found_through_resources() -> None:
    from generator import resources
    from generator.officers import sheet_columns

    assert sheet_columns.COLUMNS_FILE == resources.IMPORT_COLUMNS
    assert resources.IMPORT_COLUMNS.is_file()
    assert resources.IMPORT_COLUMNS.is_relative_to(resources.PACKAGE)  # packaged in the wheel


# --- round 3: advice in the sheet's terms, shared numbers, combined columns ---------------


def test_a_sheet_of_another_voivodeship_says_which_option_to_run(
        register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(f"{HEADER},Nr certyfikatu,Data wydania certyfikatu\n"
                     "Klub „Odra”,Gmina Słubice,ul. Jedności 1,69-100,Słubice,2020-01-10,"
                     "KIS-08-2024-001,2024-02-01\n", encoding="utf-8")
    outcome = import_spreadsheet(sheet, "wielkopolskie", register, AS_OF, write=False)
    [wrong] = [p for p in outcome.problems if p.blocking]
    assert (wrong.code, wrong.line) == ("import-club-voivodeship-elsewhere", 2)
    assert "uruchom import z --wojewodztwo lubuskie" in wrong.hint
    assert "popraw w arkuszu kod pocztowy i numery certyfikatów" in wrong.hint
    assert "wielkopolskie" in wrong.message and "lubuskie" in wrong.message
    for advice in ("przenieś", "kluby.csv", "wojewodztwa/", "kod województwa", "08"):
        assert advice not in wrong.hint, advice


def test_one_entry_number_on_two_different_clubs_names_the_value_column_and_rows(
        register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(f"{HEADER},Nr wpisu\n{GOOD},KIS/26/016\n"
                     "Klub „Brzeg”,Gmina Kartuzy,ul. Gdańska 60,83-300,Kartuzy,2020-01-10,"
                     "KIS/26/016\n", encoding="utf-8")
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF, write=False)
    [shared] = [p for p in outcome.problems if p.blocking]
    assert (shared.code, shared.line, shared.column, shared.field) == (
        "import-entry-number-repeated", 3, 7, "Nr wpisu")
    text = shared.message + shared.hint
    assert "„KIS/26/016”" in shared.message and "kolumna G „Nr wpisu”" in shared.message
    assert "wiersze 2 i 3" in shared.message
    assert "„Klub „Most””, Żukowo" in shared.message and "„Klub „Brzeg””, Kartuzy" in text
    assert "powtarza" not in text and "usuń powtórzony wiersz" not in text


def test_the_same_club_twice_with_its_number_is_a_repeated_row(
        register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(f"{HEADER},Nr wpisu\n{GOOD},KIS/26/016\n{GOOD},KIS/26/016\n",
                     encoding="utf-8")
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF, write=False)
    assert [(p.code, p.line) for p in outcome.problems if p.blocking] == [
        ("import-duplicate-row", 3)]


def test_the_same_id_on_two_different_clubs_is_not_a_repeated_row(
        register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(f"Identyfikator,{HEADER}\nmost,{GOOD}\n"
                     "most,Klub „Brzeg”,Gmina Kartuzy,ul. Gdańska 60,83-300,Kartuzy,2020-01-10\n",
                     encoding="utf-8")
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF, write=False)
    [shared] = [p for p in outcome.problems if p.blocking]
    assert (shared.code, shared.line, shared.column) == ("import-club-id-repeated", 3, 1)
    assert "„most”" in shared.message and "wiersze 2 i 3" in shared.message
    assert "kolumna A „Identyfikator”" in shared.message


COMBINED = "Nazwa klubu,Podmiot prowadzący,Adres,Kod pocztowy i miejscowość,Data wpisu"


@pytest.mark.parametrize(("cell", "lack"), [
    ("Jędrzejów", "brak kodu pocztowego"),
    ("28-300", "brak miejscowości"),
    ("", "brak kodu pocztowego i miejscowości"),
])
def test_a_combined_postal_and_town_cell_lacking_a_part_is_one_problem_on_it(
        cell: str, lack: str, register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(f"{COMBINED}\nKlub „Most”,Gmina Żukowo,ul. Gdańska 52,{cell},2020-01-10\n",
                     encoding="utf-8")
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF, write=False)
    [bad] = [p for p in outcome.problems if p.blocking]
    assert (bad.code, bad.line, bad.column, bad.field) == (
        "import-postal-and-town-incomplete", 2, 4, "Kod pocztowy i miejscowość")
    assert lack in bad.message and "kolumn" in bad.message and " D" in bad.message
    assert "„28-300 Jędrzejów”" in bad.hint and "dodaj w arkuszu kolumnę" not in bad.hint


def test_the_example_for_a_combined_cell_follows_the_sheets_own_rows(
        register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(f"{COMBINED}\nKlub „Most”,Gmina Żukowo,ul. Gdańska 52,Żukowo,2020-01-10\n"
                     "Klub „Brzeg”,Gmina Kartuzy,ul. Gdańska 60,\"83-300, Kartuzy\",2020-01-10\n"
                     "Klub „Ster”,Gmina Puck,ul. Morska 6,Puck 84-100,2020-01-10\n",
                     encoding="utf-8")
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF, write=False)
    [bad] = [p for p in outcome.problems if p.blocking]
    assert (bad.code, bad.line) == ("import-postal-and-town-incomplete", 2)
    assert "np. „83-300, Kartuzy”" in bad.hint


def test_a_repeated_row_lacking_its_operator_is_still_a_repeat(
        register: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(f"{HEADER},Nr wpisu\n{GOOD},KIS/26/016\n"
                     f"{GOOD.replace('Gmina Żukowo', '')},KIS/26/016\n", encoding="utf-8")
    outcome = import_spreadsheet(sheet, "pomorskie", register, AS_OF, write=False)
    assert [(p.code, p.line) for p in outcome.problems if p.blocking] == [
        ("import-duplicate-row", 3)]
