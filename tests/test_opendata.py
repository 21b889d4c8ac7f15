"""Open-data exports: JSON, CSV, Atom, iCalendar, the package zip, the /dane/ page, JSON-LD."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from frictionless import Package

from generator.api import read_register
from generator.parts.opendata import json_ld_for_club, json_schemas, site_files
from generator.parts.opendata.atom import MAX_ENTRIES
from generator.parts.opendata.csv_export import columns
from generator.parts.opendata.ical import escape_text, fold
from generator.parts.opendata.json_export import NESTED, TOP_LEVEL
from generator.parts.opendata.package_zip import package_zip
from generator.parts.opendata.records import DERIVED
from generator.parts.statistics import csv_files
from generator.parts.statistics.site import all_figures
from generator.register import model as m
from generator.register.formula_cells import neutralise
from generator.register.status import standing
from generator.site.context import SiteContext
from tests.registers import (
    REGISTER,
    model_club,
    model_event,
    model_history,
    reference_rows,
    register_model,
    schema_fields,
)

BASE = "https://rejestr-kis.example.gov.pl/"
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = "<script>alert(1)</script> & „Klub”"
AS_OF = date(2024, 11, 22)


# --- a small register built from the model ------------------------------------------------------


def demo_register() -> m.Register:
    kolbudy = model_club(
        "kolbudy",
        "22",
        events=model_history("kolbudy", "2024-03-01", "KIS-22-2024-003"),
        services=(
            m.ClubService("poradnictwo_prawne", "raz w tygodniu"),
            m.ClubService("grupa_wsparcia"),
        ),
    )
    hostile = model_club(
        "gdansk-hostile",
        "22",
        HOSTILE,
        operator_name="Fundacja; „Przystań”, Gdańsk \\ Oliwa",
        events=(
            *model_history("gdansk-hostile", "2024-06-01", "KIS-22-2024-007"),
            model_event(
                "gdansk-hostile",
                "2024-08-01",
                "zgloszenie_przedluzenia",
                note=f"zmiana adresu {HOSTILE}",
            ),
        ),
    )
    formula = model_club(
        "warszawa-formula",
        "14",
        '=HYPERLINK("https://zly.example","klik")',
        operator_name="@SUM(1)",
        events=model_history("warszawa-formula", "2023-05-10", "KIS-14-2023-001"),
    )
    withdrawn = model_club(
        "krakow-cofniety",
        "12",
        events=(
            *model_history("krakow-cofniety", "2022-01-10", "KIS-12-2022-001"),
            model_event(
                "krakow-cofniety",
                "2024-08-01",
                "certyfikat_cofniety",
                note="klub zawiesił prowadzenie zajęć",
            ),
        ),
    )
    refused = model_club(
        "lublin-odmowa",
        "06",
        events=(
            model_event("lublin-odmowa", "2024-01-10", "wniosek_zlozony"),
            model_event("lublin-odmowa", "2024-02-01", "wniosek_dopuszczony"),
            model_event("lublin-odmowa", "2024-02-20", "odmowa_certyfikatu"),
        ),
    )
    pending = model_club(
        "opole-nowy", "16", events=(model_event("opole-nowy", "2024-10-01", "wniosek_zlozony"),)
    )
    return register_model((kolbudy, hostile, formula, withdrawn, refused, pending))


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A snapshot of the shipped register, so nothing else changes it during the tests."""
    copy = tmp_path_factory.mktemp("opendata") / "register"
    shutil.copytree(REGISTER, copy)
    return copy


def ctx_on(day: date, root: Path) -> SiteContext:
    return SiteContext(as_of=day, register_root=root, cache_dir=Path("/nonexistent"), base_url=BASE)


@pytest.fixture(scope="module")
def files(root: Path) -> dict[str, str | bytes]:
    return site_files(demo_register(), ctx_on(AS_OF, root))


def text(files: dict[str, str | bytes], path: str) -> str:
    content = files[path]
    assert isinstance(content, str)
    return content


# --- the set of files --------------------------------------------------------------------------


def test_every_expected_path_and_only_under_dane(files):
    slugs = [r["slug"] for r in reference_rows("wojewodztwa")]
    expected = {
        "dane/rejestr.json",
        "dane/rejestr.csv",
        "dane/certyfikaty.atom",
        "dane/wygasanie-certyfikatow.ics",
        "dane/rejestr-kis-datapackage.zip",
        "dane/index.md",
    }
    expected |= {f"dane/{s}.{e}" for s in slugs for e in ("json", "csv", "xlsx", "atom", "ics")}
    expected |= {"dane/formularz-7.csv"} | {f"dane/formularz-7-{s}.xlsx" for s in slugs}
    clubs = json.loads(text(files, "dane/rejestr.json"))["kluby"]
    expected |= {f"dane/kluby/{c['klub_id']}.json" for c in clubs}  # one JSON file a club
    expected |= {"dane/api/index.md", "dane/katalog-dcat.rdf", *json_schemas.SCHEMAS}
    assert set(files) == expected


def test_two_builds_are_identical(files, root):
    assert site_files(demo_register(), ctx_on(AS_OF, root)) == files


# --- JSON ----------------------------------------------------------------------------------------


def test_json_structure_and_schema_version(files):
    raw = text(files, "dane/rejestr.json")
    data = json.loads(raw)
    assert raw == json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
    assert data["schema_version"] == "1.1"
    assert data["stan_na"] == "2024-11-22"
    assert data["dane_przykladowe"] is True
    assert set(data) == {f.name for f in TOP_LEVEL}
    assert data["licencja"]["nazwa"] == "CC-BY-4.0"
    assert len(data["wojewodztwa"]) == 16
    assert set(data["wojewodztwa"][0]) == set(schema_fields("wojewodztwa"))
    assert set(data["jednostka_odwolawcza"]) == set(schema_fields("jednostka_odwolawcza"))
    assert set(data["slowniki"]["statusy"][0]) == set(schema_fields("statusy"))
    assert [c["klub_id"] for c in data["kluby"]] == [
        "lublin-odmowa",
        "krakow-cofniety",
        "warszawa-formula",
        "opole-nowy",
        "gdansk-hostile",
        "kolbudy",
    ]
    club = next(c for c in data["kluby"] if c["klub_id"] == "kolbudy")
    assert set(club) == set(schema_fields("kluby")) | {f.name for f in NESTED}
    assert set(club["wyliczone"]) == {d.name for d in DERIVED} | {"godziny_otwarcia"}
    assert set(club["zdarzenia"][0]) == set(schema_fields("zdarzenia")) - {"klub_id"}
    assert set(club["uslugi"][0]) == set(schema_fields("uslugi")) - {"klub_id"}
    assert [s["usluga"] for s in club["uslugi"]] == ["grupa_wsparcia", "poradnictwo_prawne"]
    assert club["wyliczone"] == {
        "status": "certyfikowany",
        "status_nazwa": "certyfikowany",
        "certyfikowany": True,
        "numer_certyfikatu": "KIS-22-2024-003",
        "data_wydania": "2024-03-01",
        "wazny_do": "2027-02-28",
        "wojewodztwo_nazwa": "pomorskie",
        "podmiot_typ_nazwa": "ośrodek pomocy społecznej",
        "dostepnosc_nazwa": None,
        "strona_klubu": BASE + "kluby/kolbudy/",
        "karta_procesu_pdf": BASE + "kluby/kolbudy/karta-procesu-kolbudy.pdf",
        "certyfikat_strona": BASE + "certyfikaty/KIS-22-2024-003/",
        "certyfikat_pdf": BASE + "certyfikaty/KIS-22-2024-003/certyfikat-KIS-22-2024-003.pdf",
        "godziny_otwarcia": [],
    }
    assert club["szerokosc"] == 54.381
    assert club["krs"] is None


def test_voivodeship_json_holds_its_clubs_and_units(files):
    data = json.loads(text(files, "dane/pomorskie.json"))
    assert [v["teryt"] for v in data["wojewodztwa"]] == ["22"]
    assert data["wojewodztwa"][0]["jednostka_audytu"].startswith("Regionalny Ośrodek")
    assert {c["klub_id"] for c in data["kluby"]} == {"kolbudy", "gdansk-hostile"}
    assert json.loads(text(files, "dane/podlaskie.json"))["kluby"] == []


def test_json_keeps_hostile_text_exact(files):
    data = json.loads(text(files, "dane/rejestr.json"))
    club = next(c for c in data["kluby"] if c["klub_id"] == "gdansk-hostile")
    assert club["nazwa"] == HOSTILE
    assert club["zdarzenia"][-1]["uwagi"] == f"zmiana adresu {HOSTILE}"
    assert "„Klub”" in text(files, "dane/rejestr.json")  # real letters, not \u escapes


def test_json_leaves_out_events_after_as_of(root):
    files = site_files(demo_register(), ctx_on(date(2024, 7, 1), root))
    club = next(
        c
        for c in json.loads(text(files, "dane/rejestr.json"))["kluby"]
        if c["klub_id"] == "gdansk-hostile"
    )
    assert [e["typ"] for e in club["zdarzenia"]][-1] == "certyfikat_wydany"


# --- CSV -----------------------------------------------------------------------------------------


def read_csv(files, path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text(files, path), newline="")))


def test_csv_header_encoding_and_line_ends(files):
    raw = text(files, "dane/rejestr.csv")
    assert not raw.startswith("\ufeff")
    assert raw.split("\r\n")[0].split(",") == list(columns())
    assert raw.endswith("\r\n")
    assert "\n" not in raw.replace("\r\n", "")
    assert all(c in schema_fields("kluby") or c.startswith("wyliczone_") for c in columns())


def test_csv_neutralises_formulas(files):
    rows = {r["klub_id"]: r for r in read_csv(files, "dane/rejestr.csv")}
    row = rows["warszawa-formula"]
    assert row["nazwa"] == '\'=HYPERLINK("https://zly.example","klik")'
    assert row["podmiot_nazwa"] == "'@SUM(1)"
    assert row["nazwa"][1:] == '=HYPERLINK("https://zly.example","klik")'
    assert row["wyliczone_status"] == "certyfikowany"
    assert row["wyliczone_wazny_do"] == "2026-05-09"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        # a phone or a number starts like a formula but calls nothing: published as typed
        ("+48 58 123 45 67", "+48 58 123 45 67"),
        ("-5", "-5"),
        ("+48 (58) 123-45-67", "+48 (58) 123-45-67"),
        ("+A1", "'+A1"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("+1+SUM(1)", "'+1+SUM(1)"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Klub =1", "Klub =1"),
        ("", ""),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_round_trips_hostile_text_and_form_7_columns(files):
    rows = read_csv(files, "dane/pomorskie.csv")
    assert [r["klub_id"] for r in rows] == ["gdansk-hostile", "kolbudy"]
    hostile, kolbudy = rows
    assert hostile["nazwa"] == HOSTILE
    assert hostile["podmiot_nazwa"] == "Fundacja; „Przystań”, Gdańsk \\ Oliwa"
    assert kolbudy["wyliczone_numer_certyfikatu"] == "KIS-22-2024-003"
    assert kolbudy["wyliczone_data_wydania"] == "2024-03-01"
    assert kolbudy["wyliczone_status_nazwa"] == "certyfikowany"
    assert kolbudy["numer_wpisu"] == "KIS/22/014"
    # the filled documents (#20): the process card and the latest certificate, page and PDF
    card = BASE + "kluby/kolbudy/karta-procesu-kolbudy.pdf"
    assert kolbudy["wyliczone_karta_procesu_pdf"] == card
    assert kolbudy["wyliczone_certyfikat_strona"] == BASE + "certyfikaty/KIS-22-2024-003/"
    assert kolbudy["wyliczone_certyfikat_pdf"] == (
        BASE + "certyfikaty/KIS-22-2024-003/certyfikat-KIS-22-2024-003.pdf")


# --- Atom ----------------------------------------------------------------------------------------


def parse_feed(files, path: str) -> ET.Element:
    content = files[path]
    assert isinstance(content, str) and content.startswith('<?xml version="1.0"')
    return ET.fromstring(content.encode("utf-8"))


def test_atom_is_well_formed_and_newest_first(files):
    feed = parse_feed(files, "dane/certyfikaty.atom")
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == updated[0] == "2024-08-01T00:00:00Z"
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(
        i.startswith("tag:rejestr-kis.example.gov.pl,") for i in ids
    )
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert (
        titles[0]
        == "Cofnięto certyfikat KIS-12-2022-001 – Klub Integracji Społecznej krakow-cofniety"
    )
    assert "Wydano certyfikat KIS-22-2024-003 – Klub Integracji Społecznej kolbudy" in titles
    assert "Odmowa wydania certyfikatu – Klub Integracji Społecznej lublin-odmowa" in titles
    assert not any("opole-nowy" in t or "zgłoszenie" in t for t in titles)
    kolbudy = entries[
        titles.index("Wydano certyfikat KIS-22-2024-003 – Klub Integracji Społecznej kolbudy")
    ]
    assert kolbudy.find(f"{ATOM}link").get("href") == BASE + "kluby/kolbudy/"
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == BASE + "dane/certyfikaty.atom"


def test_atom_escapes_hostile_text(files):
    raw = text(files, "dane/pomorskie.atom")
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    entries = parse_feed(files, "dane/pomorskie.atom").findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert f"Wydano certyfikat KIS-22-2024-007 – {HOSTILE}" in titles
    assert {e.find(f"{ATOM}link").get("href") for e in entries} == {
        BASE + "kluby/gdansk-hostile/",
        BASE + "kluby/kolbudy/",
    }


def test_atom_keeps_at_most_the_newest_entries(root):
    clubs = tuple(
        model_club(
            f"klub-{i:03d}",
            "22",
            events=(
                model_event(
                    f"klub-{i:03d}",
                    f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "certyfikat_wydany",
                    f"KIS-22-2024-{i:03d}",
                ),
            ),
        )
        for i in range(MAX_ENTRIES + 20)
    )
    files = site_files(register_model(clubs), ctx_on(AS_OF, root))
    entries = parse_feed(files, "dane/certyfikaty.atom").findall(f"{ATOM}entry")
    assert len(entries) == MAX_ENTRIES
    kept = {e.findtext(f"{ATOM}updated") for e in entries}
    every = sorted((e.date for c in clubs for e in c.events if e.date <= AS_OF), reverse=True)
    assert min(kept) == f"{every[MAX_ENTRIES - 1].isoformat()}T00:00:00Z"


def test_atom_titles_of_extension_and_its_refusal(root):
    extended = model_club(
        "poznan-jezyce",
        "30",
        events=(
            *model_history("poznan-jezyce", "2021-01-10", "KIS-30-2021-001"),
            model_event("poznan-jezyce", "2023-10-01", "zgloszenie_przedluzenia"),
            model_event("poznan-jezyce", "2023-11-01", "audyt_przedluzajacy"),
            model_event("poznan-jezyce", "2023-12-20", "certyfikat_przedluzony", "KIS-30-2023-005"),
            model_event("poznan-jezyce", "2024-05-01", "zgloszenie_przedluzenia"),
            model_event("poznan-jezyce", "2024-06-01", "audyt_przedluzajacy"),
            model_event("poznan-jezyce", "2024-07-01", "odmowa_przedluzenia", note="brak lokalu"),
        ),
    )
    files = site_files(register_model((extended,)), ctx_on(AS_OF, root))
    feed = parse_feed(files, "dane/wielkopolskie.atom")
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    club = " – Klub Integracji Społecznej poznan-jezyce"
    assert titles == [
        "Odmowa przedłużenia certyfikatu KIS-30-2023-005" + club,
        "Przedłużono certyfikat (nowy numer KIS-30-2023-005)" + club,
        "Wydano certyfikat KIS-30-2021-001" + club,
    ]
    assert vevents(text(files, "dane/wielkopolskie.ics"))[0]["DTSTART;VALUE=DATE"] == "20261219"


# --- iCalendar -----------------------------------------------------------------------------------


def unfold(raw: str) -> list[str]:
    return raw.replace("\r\n ", "").split("\r\n")[:-1]


def vevents(raw: str) -> list[dict[str, str]]:
    events: list[dict[str, str]] = []
    for line in unfold(raw):
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and line != "END:VEVENT" and not line.startswith(("BEGIN:", "END:")):
            name, _, value = line.partition(":")
            events[-1][name] = value
    return events


def test_ics_lines_are_crlf_and_at_most_75_octets(files):
    raw = text(files, "dane/wygasanie-certyfikatow.ics")
    assert raw.startswith("BEGIN:VCALENDAR\r\n") and raw.endswith("END:VCALENDAR\r\n")
    assert "\n" not in raw.replace("\r\n", "") and "\r" not in raw.replace("\r\n", "")
    lines = raw.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)  # something was folded


def test_ics_one_event_per_valid_certificate(files):
    events = vevents(text(files, "dane/wygasanie-certyfikatow.ics"))
    assert [e["DTSTART;VALUE=DATE"] for e in events] == ["20260509", "20270228", "20270531"]
    kolbudy = events[1]
    assert kolbudy["DTEND;VALUE=DATE"] == "20270301"
    assert kolbudy["UID"] == "wygasniecie-KIS-22-2024-003@rejestr-kis.example.gov.pl"
    assert kolbudy["DTSTAMP"] == "20241122T000000Z"
    assert (
        kolbudy["SUMMARY"]
        == "Wygasa certyfikat KIS-22-2024-003 – Klub Integracji Społecznej kolbudy"
    )
    assert kolbudy["URL"] == BASE + "kluby/kolbudy/"
    assert [e["UID"] for e in vevents(text(files, "dane/pomorskie.ics"))] == [
        "wygasniecie-KIS-22-2024-003@rejestr-kis.example.gov.pl",
        "wygasniecie-KIS-22-2024-007@rejestr-kis.example.gov.pl",
    ]


def test_ics_escapes_hostile_text(files):
    hostile = vevents(text(files, "dane/pomorskie.ics"))[1]
    assert hostile["SUMMARY"] == f"Wygasa certyfikat KIS-22-2024-007 – {HOSTILE}"
    assert "Fundacja\\; „Przystań”\\, Gdańsk \\\\ Oliwa" in hostile["DESCRIPTION"]
    assert hostile["LOCATION"] == "ul. Kołobrzeska 41\\, 80-225 Gdańsk"


def test_escape_text_and_fold():
    assert escape_text("a,b;c\\d\ne\r\nf\x07") == "a\\,b\\;c\\\\d\\ne\\nf"
    line = "SUMMARY:" + "Żółć gęślą jaźń, " * 12
    folded = fold(line).split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in folded)
    assert all(part.startswith(" ") for part in folded[1:])
    assert "".join(part[1:] if i else part for i, part in enumerate(folded)) == line


@pytest.mark.parametrize(
    ("day", "in_ics", "in_atom"),
    [
        (date(2024, 2, 1), False, False),  # before the certificate was issued
        (date(2024, 6, 1), True, True),  # valid
        (date(2027, 2, 28), True, True),  # last day of validity
        (date(2027, 3, 1), False, True),
    ],  # expired: gone from the calendar, still in the feed
)
def test_as_of_date_changes_feeds_and_calendars(day, in_ics, in_atom, root):
    files = site_files(demo_register(), ctx_on(day, root))
    uids = [e["UID"] for e in vevents(text(files, "dane/pomorskie.ics"))]
    assert ("wygasniecie-KIS-22-2024-003@rejestr-kis.example.gov.pl" in uids) is in_ics
    titles = [
        e.findtext(f"{ATOM}title")
        for e in parse_feed(files, "dane/pomorskie.atom").iter(f"{ATOM}entry")
    ]
    assert any("KIS-22-2024-003" in t for t in titles) is in_atom


def test_withdrawal_removes_the_event_and_heads_the_feed(root):
    before = site_files(demo_register(), ctx_on(date(2024, 7, 31), root))
    after = site_files(demo_register(), ctx_on(date(2024, 8, 1), root))
    assert len(vevents(text(before, "dane/malopolskie.ics"))) == 1
    assert vevents(text(after, "dane/malopolskie.ics")) == []
    first = parse_feed(after, "dane/malopolskie.atom").find(f"{ATOM}entry")
    assert first.findtext(f"{ATOM}title").startswith("Cofnięto certyfikat KIS-12-2022-001")
    assert "klub zawiesił prowadzenie zajęć" in first.findtext(f"{ATOM}summary")
    entries = parse_feed(before, "dane/malopolskie.atom").findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title")[:17] for e in entries] == ["Wydano certyfikat"]


# --- the data package zip ------------------------------------------------------------------------


def test_zip_is_byte_identical_and_holds_the_package(files, root):
    again = site_files(demo_register(), ctx_on(date(2025, 1, 1), root))
    assert again["dane/rejestr-kis-datapackage.zip"] == files["dane/rejestr-kis-datapackage.zip"]
    content = files["dane/rejestr-kis-datapackage.zip"]
    assert isinstance(content, bytes)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {
            "datapackage.yaml",
            "datapackage.json",
            "schematy/kluby.yaml",
            "slowniki/statusy.csv",
            "granice/wojewodztwa.geojson",
        } <= set(names)
        assert archive.read("datapackage.yaml") == (root / "datapackage.yaml").read_bytes()
        for info in archive.infolist():
            assert info.date_time == (1980, 1, 1, 0, 0, 0)
            assert info.external_attr >> 16 == 0o100644
            assert info.compress_type == zipfile.ZIP_DEFLATED


def _write_package(root: Path, order: list[str]) -> None:
    contents = {
        "datapackage.yaml": "name: test\nresources:\n- {name: a, path: slowniki/a.csv}\n"
        "- {name: b, path: slowniki/b.csv}\n- {name: k, path: wojewodztwa/pomorskie/kluby.csv}\n",
        "slowniki/a.csv": "kod\nx\n",
        "slowniki/b.csv": "kod\ny\n",
        "wojewodztwa/pomorskie/kluby.csv": "klub_id\nkolbudy\n",
        "slowniki/.hidden": "secret",
        "poza-pakietem.txt": "not part of the package",
    }
    for name in order:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(contents[name], encoding="utf-8")


def test_zip_ignores_creation_order_and_stray_files(tmp_path):
    names = [
        "datapackage.yaml",
        "slowniki/a.csv",
        "slowniki/b.csv",
        "wojewodztwa/pomorskie/kluby.csv",
        "slowniki/.hidden",
        "poza-pakietem.txt",
    ]
    _write_package(tmp_path / "one", names)
    _write_package(tmp_path / "two", list(reversed(names)))
    (tmp_path / "two" / "slowniki" / "a.csv").chmod(0o600)
    first, second = package_zip(tmp_path / "one"), package_zip(tmp_path / "two")
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == [
            "datapackage.json",
            "datapackage.yaml",
            "slowniki/a.csv",
            "slowniki/b.csv",
            "wojewodztwa/pomorskie/kluby.csv",
        ]
        assert json.loads(archive.read("datapackage.json"))["name"] == "test"


# --- the /dane/ page -----------------------------------------------------------------------------


def test_every_link_on_the_page_exists(files):
    page = text(files, "dane/index.md")
    hrefs = re.findall(r'href="([^"]+)"', page)
    local = [h for h in hrefs if not h.startswith(("https://", "http://", "#", "mailto:"))]
    register = demo_register()
    statistics = [f.path.removeprefix("dane/") for f in csv_files.FILES]
    zip_name = "rejestr-kis-datapackage.zip"
    expected = [
        # the national table and the data package below it
        "rejestr.json", "rejestr.csv", "formularz-7.csv", "certyfikaty.atom",
        "wygasanie-certyfikatow.ics", zip_name,
        # one row a voivodeship: its register, spreadsheet, feeds and form 7 workbook
        *(name.format(v.slug) for v in register.voivodeships for name in (
            "{}.json", "{}.csv", "{}.xlsx", "{}.atom", "{}.ics", "formularz-7-{}.xlsx")),
        # the statistics section: its page and one CSV file a table
        "../statystyki/", *statistics,
        # form 7's own paragraph, the JSON API page, the DCAT-AP catalogue, the package section
        "formularz-7.csv", "api/", "katalog-dcat.rdf", zip_name,
    ]  # fmt: skip
    assert local == expected
    written = {**files, **csv_files.site_files(register, all_figures(register, AS_OF))}
    for href in local:
        if href.endswith("/"):  # a page of the open data
            assert f"dane/{href}index.md" in files or href.startswith("../"), href
            continue
        assert f"dane/{href}" in written, href


def test_page_documents_every_field(files):
    page = text(files, "dane/index.md")
    assert page.startswith("---\n") and "title: Otwarte dane" in page
    for name in (
        *columns(),
        *schema_fields("kluby"),
        *schema_fields("zdarzenia"),
        *schema_fields("wojewodztwa"),
        *(d.name for d in DERIVED),
        *(f.name for f in TOP_LEVEL),
    ):
        assert f"<code>{name}</code>" in page, name
    assert "Kod pocztowy w postaci NN-NNN." in page  # straight from schematy/kluby.yaml
    assert "Creative Commons Uznanie autorstwa 4.0" in page
    assert "UTF-8 bez znacznika BOM" in page
    assert "dane przykładowe" in page
    assert BASE + "dane/wygasanie-certyfikatow.ics" in page
    assert "\n\n" not in page.split("---\n\n", 1)[1]  # one raw HTML block


# --- JSON-LD -------------------------------------------------------------------------------------


def test_json_ld_is_safe_and_complete(root):
    register = demo_register()
    club = register.club("gdansk-hostile")
    club = replace(club, name="</script><!--" + HOSTILE)
    out = json_ld_for_club(club, register, ctx_on(AS_OF, root))
    assert "</" not in out and "<!--" not in out
    data = json.loads(out)
    assert data["@type"] == "Organization"
    assert data["name"] == "</script><!--" + HOSTILE
    assert data["url"] == BASE + "kluby/gdansk-hostile/"
    assert data["address"]["postalCode"] == "80-225"
    assert data["address"]["addressRegion"] == "województwo pomorskie"
    assert data["location"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 54.381,
        "longitude": 18.6125,
    }
    assert data["parentOrganization"]["name"] == "Fundacja; „Przystań”, Gdańsk \\ Oliwa"
    no_geo = replace(club, lat=None, lon=None)
    assert "location" not in json.loads(json_ld_for_club(no_geo, register, ctx_on(AS_OF, root)))


# --- the shipped demo register -------------------------------------------------------------------

DEMO_AS_OF = date(2026, 11, 22)


@pytest.fixture(scope="module")
def shipped(root: Path) -> tuple[m.Register, dict[str, str | bytes]]:
    register = read_register(root, DEMO_AS_OF)
    return register, site_files(register, ctx_on(DEMO_AS_OF, root))


def test_shipped_register_exports_agree(shipped):
    register, files = shipped
    certified = {c.id for c in register.clubs if standing(c.events, DEMO_AS_OF).is_certified}
    assert certified
    rows = read_csv(files, "dane/rejestr.csv")
    assert [r["klub_id"] for r in rows] == [c.id for c in register.clubs]
    assert {r["klub_id"] for r in rows if r["wyliczone_status"] in ("certyfikowany", "wygasa")} == (
        certified
    )
    data = json.loads(text(files, "dane/rejestr.json"))
    assert len(data["kluby"]) == len(register.clubs)
    urls = {e["URL"] for e in vevents(text(files, "dane/wygasanie-certyfikatow.ics"))}
    assert urls == {f"{BASE}kluby/{club_id}/" for club_id in certified}
    regional = sum(len(vevents(text(files, f"dane/{v.slug}.ics"))) for v in register.voivodeships)
    assert regional == len(certified)
    feed = parse_feed(files, "dane/certyfikaty.atom")
    links = {e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")}
    assert links <= {f"{BASE}kluby/{c.id}/" for c in register.clubs}


def test_shipped_package_zip_is_a_valid_frictionless_package(shipped, tmp_path):
    _, files = shipped
    path = tmp_path / "rejestr-kis-datapackage.zip"
    content = files["dane/rejestr-kis-datapackage.zip"]
    assert isinstance(content, bytes)
    path.write_bytes(content)
    package = Package(str(path))
    assert package.name == "rejestr-kis"
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
