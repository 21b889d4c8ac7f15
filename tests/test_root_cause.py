"""One root cause, one message: unreadable files, lost rows and malformed cells are said once.

The bad-register corpus checks whole cases (``tylko_te: true``); these tests pin the mechanism.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from generator.problems import Problem, problem
from generator.register.load import load_register
from generator.register.row_shift import split_column
from generator.validation.root_cause import first_causes, stage, typos
from generator.validation.rules import complete
from generator.validation.validate import validate
from tests.registers import make_base

AS_OF = date(2026, 11, 22)
CLUBS = "wojewodztwa/pomorskie/kluby.csv"
EVENTS = "wojewodztwa/pomorskie/zdarzenia.csv"


def _edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_file_read_whole_is_complete(tmp_path: Path) -> None:
    raw = load_register(make_base(tmp_path / "r"))
    table = raw.table("kluby-pomorskie")
    assert table is not None and table.readable and table.complete
    assert complete(raw, "kluby-pomorskie") is table


def test_a_lost_row_makes_the_file_incomplete_but_keeps_the_other_rows(tmp_path: Path) -> None:
    root = make_base(tmp_path / "r")
    _edit(root, CLUBS, "ul. Kołobrzeska 41,", "ul. Kołobrzeska 41, lok. 2,")
    raw = load_register(root)
    table = raw.table("kluby-pomorskie")
    assert table is not None
    assert table.readable and not table.complete
    assert table.lost_lines == [2]
    assert [r["klub_id"] for r in table.rows] == ["kolbudy"]
    assert complete(raw, "kluby-pomorskie") is None
    [lost] = [p for p in raw.problems if p.code == "row-cell-count-extra"]
    assert (lost.line, lost.params["found"], lost.params["expected"]) == (2, "19 komórek",
                                                                           "18 kolumn")
    assert lost.params["row"].startswith("gdansk-przymorze,")
    assert (lost.column, lost.field) == (9, "adres")  # the comma is guessed from the schema
    assert "prawdopodobnie w kolumnie „adres”" in lost.message
    assert "cudzysłów" in lost.hint


def test_the_split_column_is_named_only_when_the_schema_tells_it_apart() -> None:
    fields = [{"name": "kod", "constraints": {"pattern": "[a-z_]+"}}, {"name": "nazwa"},
              {"name": "opis"}, {"name": "liczba", "type": "number"}]
    # two text columns side by side: either may hold the comma, so none is named
    assert split_column(["a", "Klub", "ul. Długa 5", " lok. 2", "3"], fields) is None
    # only joining at the text between a number and a date makes every cell fit
    typed = [{"name": "liczba", "type": "number"}, {"name": "opis"}, {"name": "data",
                                                                       "type": "date"}]
    assert split_column(["5", "a", "b", "2024-01-01"], typed) == "opis"
    number_last = [{"name": "opis"}, {"name": "liczba", "type": "number"}]
    assert split_column(["ul. Długa 5", " lok. 2", "3"], number_last) == "opis"
    assert split_column(["x", "3"], number_last) is None  # not too many cells


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path) -> None:
    root = make_base(tmp_path / "r")
    _edit(root, EVENTS, "gdansk-przymorze,2022-03-01,audyt_rozpoczety,,",
          'gdansk-przymorze,2022-03-01,audyt_rozpoczety,,"w siedzibie')
    raw = load_register(root)
    table = raw.table("zdarzenia-pomorskie")
    assert table is not None and not table.readable
    assert [(p.code, p.line) for p in raw.problems if p.path.endswith(EVENTS)] == [
        ("file-unclosed-quote", 5)]


def test_an_unreadable_clubs_file_gives_one_problem_not_one_per_reference(tmp_path: Path) -> None:
    root = make_base(tmp_path / "r")
    _edit(root, CLUBS, "Klub Integracji Społecznej „Przystań”",
          '"Klub Integracji Społecznej „Przystań”')
    problems = validate(root, AS_OF).problems
    assert [(p.code, Path(p.path).name) for p in problems] == [("file-unclosed-quote",
                                                                "kluby.csv")]


def test_a_wrong_step_of_a_club_is_reported_once_not_for_every_later_event(tmp_path: Path
                                                                          ) -> None:
    root = make_base(tmp_path / "r")
    _edit(root, EVENTS, "gdansk-przymorze,2022-02-15,ocena_pozytywna",
          "gdansk-przymorze,2022-02-15,audyt_rozpoczety")
    problems = validate(root, AS_OF).problems
    assert [(p.code, p.line) for p in problems] == [("event-transition", 4)]


def test_a_malformed_club_id_is_not_also_an_unknown_club_elsewhere(tmp_path: Path) -> None:
    root = make_base(tmp_path / "r")
    _edit(root, CLUBS, "\nkolbudy,", "\nKolbudy,")
    problems = validate(root, AS_OF).problems
    assert [p.code for p in problems] == ["cell-pattern"]


def test_a_certificate_hint_never_proposes_a_number_built_from_a_bad_code(tmp_path: Path
                                                                         ) -> None:
    """The club's code „2 2” is malformed: no „KIS-2 2-…” anywhere, one problem only."""
    root = make_base(tmp_path / "r")
    _edit(root, CLUBS, "„Przystań”,22,", "„Przystań”,2 2,")
    _edit(root, EVENTS, "KIS-22-2022-001", "")
    problems = validate(root, AS_OF).problems
    assert {p.code for p in problems} == {"cell-pattern", "certificate-number-missing"}
    assert not [p for p in problems if "KIS-2 2" in p.hint or "KIS-2-" in p.hint]
    [missing] = [p for p in problems if p.code == "certificate-number-missing"]
    assert re.search(r"KIS-(TT|22)-2022-001", missing.hint)  # a placeholder or the folder's


def test_the_certificate_number_proposal_fixes_code_and_year_at_once(tmp_path: Path) -> None:
    root = make_base(tmp_path / "r")
    _edit(root, EVENTS, "KIS-22-2022-001", "KIS-14-2021-001")
    problems = validate(root, AS_OF).problems
    assert [(p.code, p.proposal) for p in problems] == [("certificate-number-parts",
                                                         "KIS-22-2022-001")]


def test_a_copied_number_is_reported_at_the_copy_not_at_the_original(tmp_path: Path) -> None:
    root = make_base(tmp_path / "r")
    # the copy comes first in the file; the original fits its row, so it keeps the number
    _edit(root, EVENTS, "KIS-22-2022-001", "KIS-22-2025-004")
    problems = validate(root, AS_OF).problems
    assert [(p.code, p.line, p.proposal) for p in problems] == [
        ("certificate-number-year", 8, "KIS-22-2022-004")]


def test_stages_order_form_before_look_ups_before_rules() -> None:
    assert stage("cell-pattern") < stage("cell-reference") < stage("club-folder-mismatch")
    assert stage("row-cell-count") == stage("key-duplicate") == stage("text-spaces") == 0


def test_a_cell_keeps_only_its_earliest_problems() -> None:
    form = problem("cell-range", "k.csv", 2, 15, "szerokosc", label="Szerokość", value="60",
                   minimum=49, maximum=55, fix="x")
    rule = problem("coordinates-outside", "k.csv", 2, 15, "szerokosc", lat="60", lon="18",
                   voivodeship="pomorskim", found="")
    elsewhere = problem("coordinates-outside", "k.csv", 3, 15, "szerokosc", lat="60", lon="18",
                        voivodeship="pomorskim", found="")
    assert first_causes([form, rule, elsewhere]) == [form, elsewhere]


def test_a_row_problem_covers_the_rules_about_that_row() -> None:
    duplicate = problem("key-duplicate", "z.csv", 14, key="„k”", other_line=13)
    step = problem("event-transition", "z.csv", 14, 3, "typ", event="a", previous="a",
                   allowed="b")
    assert first_causes([duplicate, step]) == [duplicate]


def test_a_missing_folder_covers_its_files() -> None:
    folder = problem("voivodeship-folder-missing", "register/wojewodztwa/opolskie",
                     value="opolskie")
    inside = problem("file-missing", "register/wojewodztwa/opolskie/kluby.csv", schema="s")
    other = problem("file-missing", "register/wojewodztwa/opolskie-x/kluby.csv", schema="s")
    assert first_causes([folder, inside, other]) == [folder, other]


def test_a_notice_is_the_cause_of_nothing() -> None:
    notice = problem("cell-pattern", "z.csv", 8, 4, "numer_certyfikatu", label="N", value="x",
                     fix="x")
    notice = type(notice)(**{**notice.__dict__, "severity": "notice"})
    rule = problem("certificate-number-year", "z.csv", 8, 4, "numer_certyfikatu",
                   value="KIS-22-2021-001", found="2021", expected="2022",
                   proposal="KIS-22-2022-001")
    assert first_causes([notice, rule]) == [notice, rule]


def test_an_unknown_key_close_to_a_missing_one_is_one_typo() -> None:
    unknown = problem("story-unknown-key", "s.md", 6, key="strzeszczenie", allowed="…")
    missing = problem("story-missing-key", "s.md", 1, key="streszczenie", description="…")
    other = problem("story-missing-key", "s.md", 1, key="tytul", description="…")
    [kept, typo] = typos([missing, other, unknown])
    assert (typo.code, typo.line, typo.params["expected"]) == ("story-key-typo", 6,
                                                                "streszczenie")
    assert kept == other


def test_an_unknown_key_unlike_any_missing_one_stays_unknown() -> None:
    unknown = problem("story-unknown-key", "s.md", 4, key="autor", allowed="…")
    missing = problem("story-missing-key", "s.md", 1, key="streszczenie", description="…")
    assert typos([unknown, missing]) == [unknown, missing]


def test_in_a_semicolon_file_the_split_is_blamed_on_a_semicolon(tmp_path: Path) -> None:
    root = make_base(tmp_path / "r")
    path = root / CLUBS
    text = path.read_text(encoding="utf-8").replace(",", ";")  # no quoted cells in this file
    path.write_text(text.replace("ul. Kołobrzeska 41", "ul. Kołobrzeska 41; lok. 2"),
                    encoding="utf-8")
    errors = [p for p in validate(root, AS_OF).problems if p.blocking]
    assert [(p.code, p.line, p.field) for p in errors] == [("row-cell-count-extra", 2, "adres")]
    assert "tekst ze średnikiem jest prawdopodobnie w kolumnie „adres”" in errors[0].message


def test_two_values_in_each_others_range_are_one_swap() -> None:
    def out_of_range(column: int, name: str, value: str, low: str, high: str) -> Problem:
        return problem("cell-range", "k.csv", 3, column, name, label=name, value=value,
                       minimum=low, maximum=high, fix="x")

    lat = out_of_range(15, "szerokosc", "18.4560", "49", "55")
    lon = out_of_range(16, "dlugosc", "54.2690", "14", "24.2")
    [swap] = first_causes([lat, lon])
    assert (swap.code, swap.column) == ("cell-values-swapped", 15)
    assert swap.hint == "wpisz 54.2690 w kolumnie szerokosc, a 18.4560 w kolumnie dlugosc"
    far = out_of_range(16, "dlugosc", "94.2690", "14", "24.2")
    assert first_causes([lat, far]) == [lat, far]


def test_a_header_wrong_in_several_ways_is_one_problem(tmp_path: Path) -> None:
    root = make_base(tmp_path / "r")
    _edit(root, "wojewodztwa/pomorskie/uslugi.csv", "klub_id,usluga,opis", "usluga,klub,notatka")
    problems = validate(root, AS_OF).problems
    assert [(p.code, p.line) for p in problems] == [("header-mismatch", 1)]
    assert problems[0].message == ("nagłówek nie zgadza się ze schematem: brakuje kolumn "
                                   "„klub_id”, „opis”; nieznane kolumny „klub”, „notatka”")
