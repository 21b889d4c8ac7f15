"""The voivodeship workbooks (dane/<województwo>.xlsx): read back with python-calamine."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from python_calamine import CalamineWorkbook

from generator.parts.opendata import site_files
from generator.parts.opendata.xlsx_export import SHEETS
from generator.parts.pages import voivodeship_downloads
from tests.registers import REGISTER, model_club, model_event, model_history, register_model
from tests.test_opendata import ctx_on

AS_OF = date(2024, 11, 22)


def register():
    zeros = model_club(
        "wroclaw-zera",
        "02",
        "=SUM(1;2)",
        krs="0000123456",
        regon="012345675",
        nip="0123456789",
        postal_code="09-402",
        phone="+48 71 123 45 67",
        lat=51.1,
        lon=17.03,
        events=(
            *model_history("wroclaw-zera", "2024-03-01", "KIS-02-2024-001"),
            model_event("wroclaw-zera", "2025-01-10", "zgloszenie_przedluzenia"),  # after as-of
        ),
    )
    bare = model_club("bielawa-bez", "02", krs=None, regon=None, nip=None, phone=None,
                      email=None, www=None, lat=None, lon=None, entry_number=None,
                      events=(model_event("bielawa-bez", "2024-10-01", "wniosek_zlozony"),))
    other = model_club("kolbudy", "22",
                       events=model_history("kolbudy", "2024-03-01", "KIS-22-2024-003"))
    return register_model((zeros, bare, other))


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("xlsx") / "register"
    shutil.copytree(REGISTER, copy)
    return copy


@pytest.fixture(scope="module")
def files(root: Path) -> dict[str, str | bytes]:
    return site_files(register(), ctx_on(AS_OF, root))


def rows(data: bytes, sheet: str) -> list[list[object]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return book.get_sheet_by_name(sheet).to_python()


def titles(schema: str) -> list[str]:
    data = yaml.safe_load((REGISTER / "schematy" / f"{schema}.yaml").read_text(encoding="utf-8"))
    return [f["title"] for f in data["fields"]]


def test_every_voivodeship_has_a_workbook_and_the_country_none(files):
    slugs = [v.slug for v in register().voivodeships]
    assert len(slugs) == 16
    # each voivodeship: its register workbook and its form 7 (registration table) workbook
    expected = [f"dane/{s}.xlsx" for s in slugs] + [f"dane/formularz-7-{s}.xlsx" for s in slugs]
    assert sorted(p for p in files if p.endswith(".xlsx")) == sorted(expected)
    assert "dane/rejestr.xlsx" not in files and "dane/formularz-7.xlsx" not in files
    book = CalamineWorkbook.from_filelike(io.BytesIO(files["dane/dolnoslaskie.xlsx"]))
    assert book.sheet_names == list(SHEETS)


def test_clubs_sheet_keeps_codes_as_text_and_dates_as_dates(files):
    header, *data = rows(files["dane/dolnoslaskie.xlsx"], "Kluby")
    assert header[: len(titles("kluby"))] == titles("kluby")
    assert header[-7:] == ["Województwo", "Rodzaj instytucji tworzącej (nazwa)",
                           "Status certyfikatu", "Numer certyfikatu", "Data wydania certyfikatu",
                           "Certyfikat ważny do", "Strona klubu w rejestrze"]
    assert [r[0] for r in data] == ["bielawa-bez", "wroclaw-zera"]
    club = dict(zip(header, data[1], strict=True))
    assert club["Nazwa klubu"] == "=SUM(1;2)"  # a string, never a formula
    assert club["Województwo (kod TERYT)"] == "02"
    assert club["Numer KRS"] == "0000123456"
    assert club["REGON"] == "012345675"
    assert club["NIP"] == "0123456789"
    assert club["Kod pocztowy"] == "09-402"
    assert club["Telefon"] == "+48 71 123 45 67"
    assert club["Szerokość geograficzna"] == 51.1
    assert club["Data wpisu do rejestru wojewody"] == date(2021, 3, 15)
    assert club["Data wydania certyfikatu"] == date(2024, 3, 1)
    assert club["Certyfikat ważny do"] == date(2027, 2, 28)
    assert club["Status certyfikatu"] == "certyfikowany"
    assert club["Numer certyfikatu"] == "KIS-02-2024-001"
    empty = dict(zip(header, data[0], strict=True))
    assert empty["Numer KRS"] == "" and empty["Szerokość geograficzna"] == ""


def test_events_and_services_sheets(files):
    header, *events = rows(files["dane/dolnoslaskie.xlsx"], "Zdarzenia")
    assert header[:5] == titles("zdarzenia")
    assert events[0] == ["bielawa-bez", date(2024, 10, 1), "wniosek_zlozony", "", "",
                         "złożenie wniosku o certyfikat"]
    assert [e[1] for e in events if e[0] == "wroclaw-zera"][-1] == date(2024, 3, 1)  # not 2025
    header, *services = rows(files["dane/pomorskie.xlsx"], "Usługi")
    assert header[:3] == titles("uslugi")
    assert services == []  # the club has none; the sheet still has its header


def test_header_row_is_frozen_and_cells_are_text_formatted(files):
    with zipfile.ZipFile(io.BytesIO(files["dane/dolnoslaskie.xlsx"])) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        styles = archive.read("xl/styles.xml").decode("utf-8")
        core = archive.read("docProps/core.xml").decode("utf-8")
        stamps = {info.date_time for info in archive.infolist()}
    assert 'state="frozen"' in sheet and 'topLeftCell="A2"' in sheet
    assert "<f>" not in sheet  # no formulas anywhere
    assert 'formatCode="@"' in styles  # the text number format
    assert "2024-11-22T00:00:00Z" in core  # the as-of date, not the build time
    assert stamps == {(1980, 1, 1, 0, 0, 0)}


def test_same_register_and_date_give_the_same_bytes(files, root):
    again = site_files(register(), ctx_on(AS_OF, root))
    assert {p: again[p] for p in files if p.endswith(".xlsx")} == {
        p: files[p] for p in files if p.endswith(".xlsx")
    }
    later = site_files(register(), ctx_on(date(2024, 11, 23), root))
    assert later["dane/dolnoslaskie.xlsx"] != files["dane/dolnoslaskie.xlsx"]


def test_voivodeship_page_and_data_page_link_the_workbook(files):
    assert "dane/pomorskie.xlsx" in [d.path for d in voivodeship_downloads("pomorskie")]
    page = files["dane/index.md"]
    assert isinstance(page, str)
    assert 'href="pomorskie.xlsx"' in page and 'id="xlsx"' in page
