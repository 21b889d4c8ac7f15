"""The pull-request check validates the register once: ``kis diff --walidacja`` takes the head's
problems from the report ``kis build --wynik-walidacji`` wrote instead of validating it again."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.officers import git_revisions as gitrev
from generator.problems import problem
from generator.validation import report as report_format
from generator.validation import validate as validation
from tests.registers import add_rows, club, commit_all, commit_applicant, init_repo

AS_OF = date(2026, 1, 31)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository: commit 1 with one club, commit 2 adds a club with a placeholder."""
    repo = tmp_path / "repo"
    init_repo(repo)
    register = commit_applicant(repo)
    add_rows(register, "pomorskie", "kluby", [club("sopot", adres="do uzupełnienia")])
    commit_all(repo, "head")
    return repo


def counted(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every register ``check_raw`` validates from now on, by its root."""
    seen: list[Path] = []
    real = validation.check_raw

    def check_raw(raw, *args, **kwargs):
        seen.append(raw.root)
        return real(raw, *args, **kwargs)

    monkeypatch.setattr(validation, "check_raw", check_raw)
    return seen


def build_report(repo: Path, capsys: pytest.CaptureFixture[str], out: Path) -> str:
    """The JSON report of the head, as the check's build step writes it (kis validate's)."""
    code = main(["validate", str(repo / "register"), "--format", "json",
                 "--as-of", AS_OF.isoformat()])
    text = capsys.readouterr().out
    assert code == 0
    out.write_text(text, encoding="utf-8")
    return text


def test_report_reads_back_to_the_same_problems() -> None:
    found = [problem("value-placeholder", "register/x.csv", 3, 9, "adres", value="brak",
                     optional=""),
             problem("cell-date-ambiguous", "register/y.csv", 4, 2, "data", label="data",
                     value="03/04/2025", detail="d", fix="f", proposal="2025-04-03")]
    text = report_format.format_problems(found, "json", AS_OF, clubs=0)
    as_of, back = report_format.read_json(text)
    assert as_of == AS_OF
    assert back == found  # place, code, message, hint, field and severity
    assert [p.proposal for p in back] == [None, "2025-04-03"]
    assert report_format.format_problems(back, "json", AS_OF, clubs=0) == text


def test_a_broken_report_is_a_polish_error() -> None:
    with pytest.raises(report_format.ReportError, match="nie jest wynik walidacji"):
        report_format.read_json('{"problemy": []}')


def test_diff_with_the_report_validates_only_the_base(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = tmp_path / "walidacja.json"
    build_report(repo, capsys, report)
    seen = counted(monkeypatch)
    code = main(["diff", "HEAD~1", "HEAD", "--register", str(repo / "register"),
                 "--walidacja", str(report)])
    with_report = capsys.readouterr().out
    assert code == 0
    assert len(seen) == 1 and seen[0].name == "register" and "base" in str(seen[0])
    seen.clear()
    assert main(["diff", "HEAD~1", "HEAD", "--register", str(repo / "register"),
                 "--as-of", AS_OF.isoformat()]) == 0
    without = capsys.readouterr().out
    assert len(seen) == 2  # without the report: the base and the head
    # the same summary, but for where the warnings are: the report names the checked-out
    # files, a validation of the head revision its temporary copy
    assert "🔎 Do sprawdzenia przed scaleniem (1 uwaga; nie blokuje zmiany):" in with_report
    assert "register/wojewodztwa/pomorskie/kluby.csv:3:" in with_report
    strip = [line for line in with_report.splitlines() if "kluby.csv:3:" not in line]
    assert strip == [line for line in without.splitlines() if "kluby.csv:3:" not in line]


def test_the_reports_problems_are_what_the_summary_counts(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    report = tmp_path / "walidacja.json"
    data = json.loads(build_report(repo, capsys, report))
    error = problem("cell-required", "register/wojewodztwa/pomorskie/kluby.csv", 3, 2, "nazwa",
                    label="nazwa", description="nazwa klubu")
    data["problemy"].append(error.as_dict())
    report.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code = main(["diff", "HEAD~1", "HEAD", "--register", str(repo / "register"),
                 "--walidacja", str(report)])
    out = capsys.readouterr().out
    assert code == 0
    assert "❌ Rejestr po zmianie ma 1 problem." in out  # from the report: not validated again


def test_report_of_another_day_or_unreadable_is_a_usage_error(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    report = tmp_path / "walidacja.json"
    build_report(repo, capsys, report)
    args = ["diff", "HEAD~1", "HEAD", "--register", str(repo / "register"), "--walidacja"]
    assert main([*args, str(report), "--as-of", "2026-02-01"]) == 2
    assert "wynik walidacji jest liczony na dzień 2026-01-31" in capsys.readouterr().err
    assert main([*args, str(tmp_path / "brak.json")]) == 2
    assert "nie można odczytać wyniku walidacji" in capsys.readouterr().err
    report.write_text("nie JSON", encoding="utf-8")
    assert main([*args, str(report)]) == 2
    assert "to nie jest wynik walidacji" in capsys.readouterr().err


def test_summary_takes_the_heads_problems(repo: Path) -> None:
    text = gitrev.summary(repo / "register", "HEAD~1", "HEAD", AS_OF, head_problems=[])
    assert "✅ Rejestr po zmianie jest poprawny." in text
    assert "Do sprawdzenia" not in text  # the given (empty) result, not a fresh validation
