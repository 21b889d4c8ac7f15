"""Opening hours (``godziny_otwarcia``) and premises access: grammar, optional columns, output."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.register import opening_hours as oh
from generator.register.build_model import build_register
from generator.register.load import load_register
from generator.validation.validate import validate
from tests.registers import make_base

MONDAY_TO_FRIDAY = (((480, 960),),) * 5


def test_the_example_of_the_hint_parses_with_the_wednesday_change() -> None:
    week = oh.parse("pn–pt 8:00–16:00; śr do 18:00")
    assert week == (((480, 960),), ((480, 960),), ((480, 1080),), ((480, 960),), ((480, 960),),
                    (), ())


@pytest.mark.parametrize("text", [
    "pn-pt 8:00-16:00",  # hyphens typed instead of dashes
    "Pn – Pt 8:00 – 16:00",  # capitals and spaces around the dashes
    "pon., wt, sr-czw, pt 8:00–16:00",  # aliases, dots, lists of days
    "pn–pt 8:00–16:00;",  # a trailing semicolon
])
def test_what_officers_type_is_read_the_same(text: str) -> None:
    assert oh.parse(text)[:5] == MONDAY_TO_FRIDAY and oh.parse(text)[5:] == ((), ())


@pytest.mark.parametrize(("text", "detail"), [
    ("pn–pt 8–16", "„8” nie jest godziną w postaci G:MM"),
    ("xx 8:00–16:00", "„xx” nie jest skrótem dnia tygodnia"),
    ("pn 16:00–8:00", "zamknięcie o 8:00 nie jest po otwarciu o 16:00"),
    ("sb do 14:00", "sobota nie ma jeszcze godzin otwarcia"),
    ("pt–pn 8:00–16:00", "zakres dni „pt–pn” musi prowadzić od wcześniejszego"),
    ("pn 8:00–25:00", "godzina „25:00” nie istnieje"),
    ("pn 8:00–12:00, 11:00–14:00", "przedziały godzin nakładają się"),
    ("pn 8:00–12:00;; wt 8:00–12:00", "jeden z wpisów między średnikami jest pusty"),
    ("8:00–16:00", "brakuje dni albo godzin"),
])
def test_each_mistake_is_named_in_polish(text: str, detail: str) -> None:
    assert detail in (oh.valid(text) or "")


def test_lines_join_days_with_the_same_hours_and_schema_org_groups_periods() -> None:
    week = oh.parse("pn–pt 8:00–16:00; śr do 18:00; sb 9:00–12:00")
    assert [(line.days, line.hours) for line in oh.lines(week)] == [
        ("poniedziałek–wtorek", "8:00–16:00"), ("środa", "8:00–18:00"),
        ("czwartek–piątek", "8:00–16:00"), ("sobota", "9:00–12:00")]
    assert oh.closed_days(week)
    specs = oh.schema_org(week)
    assert specs[0] == {"@type": "OpeningHoursSpecification", "opens": "08:00", "closes": "16:00",
                        "dayOfWeek": [f"https://schema.org/{d}" for d in
                                      ("Monday", "Tuesday", "Thursday", "Friday")]}
    assert {s["closes"] for s in specs} == {"16:00", "18:00", "12:00"}
    assert oh.records(oh.parse("nd 10:00–12:00")) == [{"dzien": "nd", "od": "10:00", "do": "12:00"}]


# --- optional columns --------------------------------------------------------------------


def _with_columns(root: Path, header_tail: str, first: str, second: str) -> Path:
    kluby = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    lines = kluby.read_text(encoding="utf-8").splitlines()
    lines[0] += header_tail
    lines[1] += first
    lines[2] += second
    kluby.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def test_a_file_without_the_optional_columns_is_valid_and_reads_them_empty(
        tmp_path: Path) -> None:
    root = make_base(tmp_path / "r")
    report = validate(root, date(2026, 11, 22))
    assert report.valid, [str(p) for p in report.problems]
    club = build_register(load_register(root)).club("kolbudy")
    assert (club.opening_hours, club.access, club.access_note) == (None, None, None)


def test_the_columns_read_into_the_model_with_labels_from_the_categories(tmp_path: Path) -> None:
    root = _with_columns(make_base(tmp_path / "r"), ",godziny_otwarcia,dostepnosc,dostepnosc_opis",
                         ',"pn–pt 8:00–16:00; śr do 18:00",częściowo,brak windy', ",,,")
    raw = load_register(root)
    assert not [p for p in raw.problems if p.severity == "error"]
    register = build_register(raw)
    club = register.club("gdansk-przymorze")
    assert club.opening_hours == "pn–pt 8:00–16:00; śr do 18:00"
    assert (club.access, club.access_note) == ("częściowo", "brak windy")
    assert register.access_labels["częściowo"].startswith("lokal częściowo przystosowany")


def test_an_optional_column_out_of_place_is_a_header_problem(tmp_path: Path) -> None:
    root = make_base(tmp_path / "r")
    kluby = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    text = kluby.read_text(encoding="utf-8")
    kluby.write_text(text.replace("klub_id,", "dostepnosc,klub_id,", 1).replace(
        "\ngdansk", "\ntak,gdansk").replace("\nkolbudy", "\n,kolbudy"), encoding="utf-8")
    codes = {p.code for p in load_register(root).problems}
    assert codes & {"header-order", "header-mismatch"}, codes


# --- the officers' tools write into files with and without the optional columns -------------


def test_a_change_without_the_new_fields_keeps_a_file_without_the_optional_columns(
        tmp_path: Path) -> None:
    from tests.test_zgloszenie import body, run

    root = make_base(tmp_path / "r")
    kluby = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    header = kluby.read_text(encoding="utf-8").splitlines()[0]
    assert run(root, body("Zmiana danych klubu", **{"Telefon": "58 123 45 67"}), tmp_path) == 0
    lines = kluby.read_text(encoding="utf-8").splitlines()
    assert lines[0] == header and "58 123 45 67" in lines[2]


def test_opening_hours_from_the_form_add_the_optional_columns_to_the_file(
        tmp_path: Path) -> None:
    from tests.test_zgloszenie import body, run

    root = make_base(tmp_path / "r")
    text = body("Zmiana danych klubu", **{"Godziny otwarcia": "pn–pt 8:00–16:00; śr do 18:00",
                                          "Dostępność lokalu dla osób z niepełnosprawnościami":
                                          "częściowo"})
    assert run(root, text, tmp_path) == 0
    lines = (root / "wojewodztwa" / "pomorskie" / "kluby.csv").read_text("utf-8").splitlines()
    assert lines[0].endswith(",numer_wpisu,godziny_otwarcia,dostepnosc,dostepnosc_opis")
    assert lines[2].startswith("kolbudy,") and lines[2].endswith(
        ",pn–pt 8:00–16:00; śr do 18:00,częściowo,")
    assert lines[1].endswith(",,,")  # the other club: empty in the new columns
    assert validate(root, date(2026, 11, 22)).valid


def test_a_wrong_opening_hours_value_on_the_form_is_refused(tmp_path: Path) -> None:
    from tests.test_zgloszenie import body, run

    root = make_base(tmp_path / "r")
    before = (root / "wojewodztwa" / "pomorskie" / "kluby.csv").read_bytes()
    text = body("Zmiana danych klubu", **{"Godziny otwarcia": "pn–pt 16:00–8:00"})
    assert run(root, text, tmp_path) == 1
    assert (root / "wojewodztwa" / "pomorskie" / "kluby.csv").read_bytes() == before


def test_kis_import_reads_opening_hours_and_access_columns(tmp_path: Path) -> None:
    from generator.officers.spreadsheet_import import import_spreadsheet

    root = make_base(tmp_path / "r")
    sheet = tmp_path / "wykaz.csv"
    sheet.write_text(
        "Nazwa klubu;Podmiot prowadzący;Adres;Kod pocztowy;Miejscowość;Data wpisu;"
        "Godziny otwarcia;Dostępność lokalu;Opis dostępności\n"
        "Klub Integracji Społecznej w Pucku;Gminny Ośrodek Pomocy Społecznej w Pucku;"
        "ul. Żeromskiego 1;84-100;Puck;30.09.2022;pn–pt 8:00–16:00;nie;schody do wejścia\n",
        encoding="utf-8")
    outcome = import_spreadsheet(sheet, "pomorskie", root, date(2026, 11, 22))
    assert outcome.written, [str(p) for p in outcome.problems]
    lines = (root / "wojewodztwa" / "pomorskie" / "kluby.csv").read_text("utf-8").splitlines()
    assert lines[0].endswith(",godziny_otwarcia,dostepnosc,dostepnosc_opis")
    assert lines[-1].endswith(",pn–pt 8:00–16:00,nie,schody do wejścia")
    assert validate(root, date(2026, 11, 22)).valid
