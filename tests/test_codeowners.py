""".github/CODEOWNERS: every voivodeship folder has its team; national files are the ministry's."""

from __future__ import annotations

import csv
import fnmatch
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
CODEOWNERS = PROJECT / ".github" / "CODEOWNERS"
MINISTRY = "@rejestr-kis/ministerstwo"


def rules() -> list[tuple[str, list[str]]]:
    out = []
    for line in CODEOWNERS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            out.append((pattern, owners))
    return out


def matches(pattern: str, path: str) -> bool:
    """The subset of CODEOWNERS patterns this file uses: ``*``, ``/dir/`` and ``/file``."""
    if pattern == "*":
        return True
    if pattern.startswith("/") and pattern.endswith("/"):
        return path.startswith(pattern[1:])
    if pattern.startswith("/"):
        return fnmatch.fnmatchcase(path, pattern[1:])
    raise AssertionError(f"pattern {pattern!r} is not supported by this test")


def owners(path: str) -> list[str]:
    """GitHub's rule: the last matching line wins."""
    found: list[str] = []
    for pattern, names in rules():
        if matches(pattern, path):
            found = names
    return found


def voivodeships() -> list[str]:
    with (PROJECT / "register" / "slowniki" / "wojewodztwa.csv").open(encoding="utf-8") as f:
        return [row["slug"] for row in csv.DictReader(f)]


def test_every_voivodeship_folder_has_its_own_team() -> None:
    patterns = {pattern: names for pattern, names in rules()}
    for slug in voivodeships():
        assert patterns.get(f"/register/wojewodztwa/{slug}/") == [f"@rejestr-kis/kis-{slug}"]
        for kind in ("kluby", "zdarzenia", "uslugi"):
            assert owners(f"register/wojewodztwa/{slug}/{kind}.csv") == [f"@rejestr-kis/kis-{slug}"]


def test_no_folder_of_an_unknown_voivodeship() -> None:
    known = set(voivodeships())
    listed = {p.split("/")[3] for p, _ in rules() if p.startswith("/register/wojewodztwa/")}
    assert listed == known


@pytest.mark.parametrize(
    "path",
    [
        "register/slowniki/wojewodztwa.csv",
        "register/slowniki/typy_zdarzen.csv",
        "register/schematy/kluby.yaml",
        "register/datapackage.yaml",
        "register/granice/wojewodztwa.geojson",
        "generator/cli.py",
        "generator/checks/events.py",
        ".github/workflows/publikacja.yml",
        ".github/CODEOWNERS",
        "Makefile",
        "pyproject.toml",
    ],
)
def test_ministry_owns_national_files_code_and_workflows(path: str) -> None:
    assert owners(path) == [MINISTRY]


def test_every_owner_is_a_team() -> None:
    for _, names in rules():
        assert names, "a line without an owner removes ownership"
        assert all(n.startswith("@rejestr-kis/") for n in names)
