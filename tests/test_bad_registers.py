"""Every bad register ends in exit status 1 with located Polish messages, never a traceback."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from generator.cli import main
from generator.messages import CATALOGUE
from tests.registers import fixture_names, load_fixture, make_bad

POLISH = re.compile(r"[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]|\b(nie|jest|wpisz|brak|plik|popraw|usuń|dodaj)\b")


def run_validate(root: Path, *extra: str) -> tuple[int, dict]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["validate", str(root), "--format", "json", "--as-of", "2026-11-22", *extra])
    return code, json.loads(out.getvalue())


def test_corpus_is_large_enough() -> None:
    assert len(fixture_names()) >= 60


def test_base_register_is_valid(base_register: Path) -> None:
    code, report = run_validate(base_register)
    assert report["problemy"] == []
    assert code == 0


@pytest.mark.parametrize("name", fixture_names())
def test_bad_register(tmp_path: Path, name: str) -> None:
    root = make_bad(tmp_path / "register", name)
    fixture = load_fixture(name)
    code, report = run_validate(root, *(["--baza", "HEAD"] if fixture.get("git") else []))
    problems = report["problemy"]
    expected = 0 if fixture.get("poprawny") else 1  # poprawny: warnings or notices only
    assert code == expected, f"{name}: expected exit {expected}, got {code}"
    for p in problems:
        assert p["plik"], p
        assert p["kod"] in CATALOGUE
        assert POLISH.search(p["komunikat"] + " " + p["wskazowka"]), p
    for want in fixture["oczekiwane"]:
        matches = [p for p in problems if _matches(p, want)]
        assert matches, f"{name}: {want} not in {json.dumps(problems, ensure_ascii=False)}"
    if fixture.get("tylko_te"):  # one root cause, one message: nothing else may be reported
        others = [p for p in problems if not any(_matches(p, w) for w in fixture["oczekiwane"])]
        assert not others, f"{name}: unexpected {json.dumps(others, ensure_ascii=False)}"


def _matches(p: dict, want: dict) -> bool:
    return (p["kod"] == want["code"]
            and (p["plik"] == want["file"] or p["plik"].endswith("/" + want["file"]))
            and ("line" not in want or p["wiersz"] == want["line"])
            and ("column" not in want or p["kolumna"] == want["column"]))


# Codes that no bad register can trigger, with the test that does trigger them.
TRIGGERED_ELSEWHERE: dict[str, str] = {
    "file-spreadsheet-save": "test_spreadsheet_saves.py::test_spreadsheet_save_is_accepted",
    "build-failed": "test_site_build.py::test_crash_inside_mkdocs_leaves_the_old_site",
    "build-second-process-died": "test_parallel_build.py::"
        "test_a_killed_second_process_fails_the_build_naming_its_part",
    "build-old-site-left": "test_build_shortcuts.py::"
        "test_a_previous_site_that_cannot_be_removed_is_a_warning_and_later_builds_go_on",
    "build-duplicate-path": "test_site_build.py::test_two_parts_writing_the_same_path_fail",
    "build-out-not-site": "test_site_build.py::test_refuses_to_replace_a_folder_it_did_not_build",
    "build-out-forbidden": "test_build_interrupt.py::"
        "test_folders_that_must_not_be_replaced_are_refused",
    "build-out-not-writable": "test_build_interrupt.py::"
        "test_an_unwritable_output_folder_is_refused_in_polish",
    # warnings: the register stays valid, so they live in test_plausibility.py's cases
    "value-placeholder": "test_plausibility.py::test_warning_case",
    "postal-code-voivodeship": "test_plausibility.py::test_warning_case",
    "club-duplicate": "test_plausibility.py::test_warning_case",
    "entry-number-duplicate": "test_plausibility.py::test_warning_case",
    "club-name-cis": "test_plausibility.py::test_warning_case",
    "events-file-empty": "test_plausibility.py::test_warning_case",
    "edit-file-unreadable":
        "test_transaction.py::test_a_file_that_cannot_be_edited_safely_is_a_polish_problem",
    "personal-email": "test_personal_data.py::test_private_contact_is_a_warning_at_its_place",
    "personal-phone": "test_personal_data.py::test_private_contact_is_a_warning_at_its_place",
    "story-too-long": "test_story_safety.py::"
        "test_a_story_longer_than_the_limit_is_an_error_and_a_shorter_one_is_parsed",
}

# kis import's codes (about an office's spreadsheet): one case each in that test.
TRIGGERED_ELSEWHERE.update(
    {c: "test_spreadsheet_import.py::test_each_import_message_has_a_case" for c in CATALOGUE
     if c.startswith("import-")}
)
# kis raport's codes (a year or voivodeship the report cannot cover): one case each there.
TRIGGERED_ELSEWHERE.update(
    {c: "test_yearly_report.py::test_every_report_message_has_a_case" for c in CATALOGUE
     if c.startswith("report-")}
)
# kis linki's codes (an address that stopped working): tests/test_links.py has each of them.
TRIGGERED_ELSEWHERE.update(
    {c: "test_links.py::test_every_link_code_is_produced" for c in CATALOGUE
     if c.startswith("link-")}
)
# The issue form's codes (kis zgloszenie): tests/test_zgloszenie.py triggers each of them.
TRIGGERED_ELSEWHERE.update(
    {c: "test_zgloszenie.py::test_every_form_code_is_triggered" for c in CATALOGUE
     if c.startswith("form-")}
)


def test_every_message_code_is_triggered_by_a_test() -> None:
    triggered = {w["code"] for n in fixture_names() for w in load_fixture(n)["oczekiwane"]}
    assert set(CATALOGUE) - triggered - set(TRIGGERED_ELSEWHERE) == set()
    tests = Path(__file__).resolve().parent
    for code, test in TRIGGERED_ELSEWHERE.items():
        module, name = test.split("::")
        assert f"def {name}(" in (tests / module).read_text(encoding="utf-8"), code
