"""Repeated identical problems of one column are read once: text, GitHub annotations, JSON."""

from __future__ import annotations

import json
from datetime import date

from generator.problems import Problem, problem
from generator.validation.grouping import group, line_ranges
from generator.validation.report import format_problems

AS_OF = date(2026, 11, 22)
FILE = "register/wojewodztwa/pomorskie/kluby.csv"


def _pattern(line: int, value: str = "2", path: str = FILE, column: int = 3) -> Problem:
    return problem("cell-pattern", path, line, column, "wojewodztwo", label="Województwo",
                   value=value, fix="wpisz dwie cyfry kodu TERYT")


def test_line_ranges_are_compressed() -> None:
    assert line_ranges([3, 4, 5, 6, 7, 40, 42, 43]) == "3–7, 40, 42, 43"
    assert line_ranges([9, 2, 3, 4]) == "2–4, 9"
    assert line_ranges([5]) == "5"


def test_long_lists_of_ranges_are_cut_with_the_count_of_the_rest() -> None:
    text = line_ranges(list(range(2, 60, 2)))  # 29 single lines
    assert text.startswith("2, 4, 6, 8, 10, 12, 14, 16, 18, 20")
    assert text.endswith(" i jeszcze 19 wierszy")
    assert line_ranges(list(range(2, 24, 2))).endswith(" i jeszcze 1 wiersz")


def test_identical_problems_of_one_column_form_one_group() -> None:
    problems = [_pattern(line) for line in range(3, 38)]
    groups = group(problems)
    assert len(groups) == 1
    assert groups[0].lines == list(range(3, 38))
    assert groups[0].text().startswith("ten sam problem w 35 wierszach (3–37): Województwo „2”")


def test_different_values_columns_or_files_are_not_grouped() -> None:
    problems = [_pattern(3), _pattern(4, value="3"), _pattern(5, column=4),
                _pattern(6, path="register/wojewodztwa/lodzkie/kluby.csv")]
    assert [len(g.problems) for g in group(problems)] == [1, 1, 1, 1]


def test_problems_about_a_whole_file_are_never_grouped() -> None:
    missing = problem("file-missing", FILE, schema="schematy/kluby.yaml")
    assert len(group([missing, missing])) == 2


def test_groups_keep_the_order_of_their_first_problem() -> None:
    other = problem("email-invalid", FILE, 4, 13, "email", value="x")
    groups = group([_pattern(3), other, _pattern(5)])
    assert [g.first.code for g in groups] == ["cell-pattern", "email-invalid"]
    assert groups[0].lines == [3, 5]


def test_two_rows_are_named_in_the_plural_form_for_two() -> None:
    assert group([_pattern(3), _pattern(9)])[0].lead() == "ten sam problem w 2 wierszach (3, 9)"


def test_text_output_prints_a_repeated_problem_once() -> None:
    out = format_problems([_pattern(line) for line in range(3, 38)], "text", AS_OF, clubs=0)
    lines = out.splitlines()
    assert lines[0].startswith(f"{FILE}:3:3: ten sam problem w 35 wierszach (3–37): ")
    assert lines[1].startswith("Znaleziono 35 problemów w 1 pliku (stan na 2026-11-22); ten sam "
                               "problem w kilku wierszach jednej kolumny opisano jednym")
    assert len(lines) == 2


def test_github_output_annotates_a_repeated_problem_once() -> None:
    out = format_problems([_pattern(line) for line in range(3, 8)] + [_pattern(9, value="7")],
                          "github", AS_OF, clubs=0)
    annotations = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 2
    assert "line=3," in annotations[0]
    assert "::ten sam problem w 5 wierszach (3–7): " in annotations[0]
    assert "ten sam problem" not in annotations[1]


def test_json_keeps_every_problem_and_carries_the_groups() -> None:
    data = json.loads(
        format_problems([_pattern(line) for line in (3, 4, 5, 9)], "json", AS_OF, clubs=0))
    assert len(data["problemy"]) == 4
    assert data["grupy"] == [{**data["problemy"][0], "wiersze": [3, 4, 5, 9],
                              "zakres": "3–5, 9", "liczba": 4}]
