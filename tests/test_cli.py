"""The kis command: exit codes, output formats, Polish usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.registers import make_bad

KIS = [sys.executable, "-m", "generator.cli"]


def run(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KIS, *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(Path(__file__).resolve().parent.parent),
                               "PATH": "/usr/bin:/bin"})


def test_valid_register_exits_0(base_register: Path) -> None:
    result = run(["validate", str(base_register), "--as-of", "2026-11-22"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Rejestr jest poprawny: 3 kluby (stan na 2026-11-22)." in result.stdout


def test_invalid_register_exits_1_with_located_message(tmp_path: Path) -> None:
    root = make_bad(tmp_path / "register", "postal-code-no-dash")
    result = run(["validate", "register", "--as-of", "2026-11-22"], cwd=tmp_path)
    assert result.returncode == 1
    assert ("register/wojewodztwa/pomorskie/kluby.csv:2:10: Kod pocztowy „80394” ma "
            "niepoprawny format — wpisz NN-NNN, np. 80-225") in result.stdout
    assert "Znaleziono 1 problem w 1 pliku" in result.stdout
    assert root.is_dir()


def test_github_format_annotates_file_and_line(tmp_path: Path) -> None:
    make_bad(tmp_path / "register", "postal-code-no-dash")
    result = run(["validate", "register", "--format", "github", "--as-of", "2026-11-22"],
                 cwd=tmp_path)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=register/wojewodztwa/pomorskie/kluby.csv,line=2,col=10,")
    assert "title=Rejestr KIS%3A cell-pattern::" in first


def test_json_format(tmp_path: Path) -> None:
    make_bad(tmp_path / "register", "nip-bad-checksum")
    result = run(["validate", "register", "--format", "json", "--as-of", "2026-11-22"],
                 cwd=tmp_path)
    data = json.loads(result.stdout)
    assert data["poprawny"] is False
    assert data["problemy"][0]["kod"] == "nip-checksum"
    assert data["problemy"][0]["wiersz"] == 2


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["validate", "--as-of", "2026-02-30"], "nie jest datą w postaci RRRR-MM-DD"),
        (["validate", "--format", "xml"], "niepoprawny wybór"),
        (["frobnicate"], "niepoprawny wybór"),
        ([], "brakuje wymaganych argumentów"),
    ],
)
def test_usage_errors_exit_2_in_polish(args: list[str], expected: str) -> None:
    result = run(args)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "użycie: kis" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_register_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    assert main(["validate", str(tmp_path / "nie-ma"), "--as-of", "2026-11-22"]) == 1
    assert "brak pliku opisu pakietu danych" in capsys.readouterr().out


def test_as_of_defaults_to_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.cli import default_as_of

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    assert default_as_of().isoformat() == "2026-01-01"


def test_every_command_has_polish_help() -> None:
    from generator.cli import make_parser

    parser = make_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():
        assert command.description, name
        assert any(ch in command.format_help() for ch in "ąćęłńóśźż"), name


def test_import_runs_end_to_end_and_usage_errors_exit_2(base_register: Path,
                                                        tmp_path: Path) -> None:
    sheet = tmp_path / "wykaz.csv"
    sheet.write_bytes("Rejestr KIS\r\n\r\nNazwa klubu;Podmiot prowadzący;Adres;Kod pocztowy;"
                      "Miejscowość;Data wpisu\r\nKlub „Most”;Gmina Żukowo;ul. Gdańska 52;83330;"
                      "Żukowo;10.01.2020\r\n".encode("cp1250"))
    common = ["--register", str(base_register), "--as-of", "2026-11-22"]
    result = run(["import", str(sheet), "--wojewodztwo", "pomorskie", *common])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "wiersz 4 → zukowo: Klub „Most”" in result.stdout
    assert "zukowo,Klub „Most”,22,Gmina Żukowo,gmina,,,,ul. Gdańska 52,83-330,Żukowo," \
        in (base_register / "wojewodztwa/pomorskie/kluby.csv").read_text(encoding="utf-8")
    result = run(["import", str(sheet), *common])
    assert result.returncode == 2 and "--wojewodztwo" in result.stderr
    result = run(["import", str(sheet), "--wojewodztwo", "pomorze", *common])
    assert result.returncode == 2
    assert "nie ma województwa „pomorze”" in result.stderr and "np. pomorskie" in result.stderr
    result = run(["import", str(tmp_path / "brak.xlsx"), "--wojewodztwo", "pomorskie", *common])
    assert result.returncode == 2 and "nie ma takiego pliku" in result.stderr
