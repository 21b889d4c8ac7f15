"""The JSON API: a file per club, a published JSON Schema for every JSON file the site serves,
``schema_version`` in each, and the changelog page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from generator.parts.opendata.api_page import CHANGES
from generator.parts.opendata.common import SCHEMA_VERSION
from generator.parts.opendata.json_schemas import DRAFT, SCHEMAS, schema_for
from tests.site_support import page_of


@pytest.fixture(scope="module")
def site(demo_site: Path) -> Path:
    return demo_site


def _served(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.json"))


def test_every_served_json_validates_against_its_published_schema(site: Path) -> None:
    served = _served(site)
    assert "dane/rejestr.json" in served and "dane/pomorskie.json" in served
    unmapped = [path for path in served if schema_for(path) is None]
    assert not unmapped, f"JSON files without a schema: {unmapped}"
    validators: dict[str, Draft202012Validator] = {}
    for path in served:
        schema_path = schema_for(path)
        assert schema_path is not None
        if schema_path == DRAFT:  # a published schema: valid against the meta-schema
            Draft202012Validator.check_schema(json.loads((site / path).read_text("utf-8")))
            continue
        if schema_path not in validators:
            schema = json.loads((site / schema_path).read_text(encoding="utf-8"))
            Draft202012Validator.check_schema(schema)
            validators[schema_path] = Draft202012Validator(schema)
        data = json.loads((site / path).read_text(encoding="utf-8"))
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validators[schema_path].iter_errors(data)]
        assert not errors, f"{path}: {errors[:5]}"
    assert set(validators) == set(SCHEMAS)  # every published schema is used


def test_a_schema_rejects_what_the_file_must_not_contain(site: Path) -> None:
    schema = json.loads((site / "dane/schematy/klub.schema.json").read_text(encoding="utf-8"))
    data = json.loads((site / "dane/kluby/kolbudy.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    assert not list(validator.iter_errors(data))
    data["klub"]["dostepnosc"] = "w części"  # not one of the categories
    data["klub"]["nieznane_pole"] = 1
    messages = " ".join(e.message for e in validator.iter_errors(data))
    assert "w części" in messages and "nieznane_pole" in messages


def test_every_club_has_its_own_file_with_the_schema_version(site: Path) -> None:
    register = json.loads((site / "dane/rejestr.json").read_text(encoding="utf-8"))
    assert register["schema_version"] == SCHEMA_VERSION
    assert register["schemat"].endswith("/dane/schematy/rejestr.schema.json")
    for club in register["kluby"]:
        own = json.loads((site / f"dane/kluby/{club['klub_id']}.json").read_text(encoding="utf-8"))
        assert own["schema_version"] == SCHEMA_VERSION
        assert own["klub"] == club
        assert own["wojewodztwo"]["teryt"] == club["wojewodztwo"]
    files = {p.stem for p in (site / "dane/kluby").glob("*.json")}
    assert files == {c["klub_id"] for c in register["kluby"]}


def test_opening_hours_and_access_are_in_the_json(site: Path) -> None:
    club = json.loads((site / "dane/kluby/gdansk-przymorze.json").read_text(encoding="utf-8"))
    klub = club["klub"]
    assert klub["godziny_otwarcia"] == "pn–pt 8:00–16:00; śr do 18:00"
    assert klub["dostepnosc"] == "tak"
    assert {"dzien": "śr", "od": "08:00", "do": "18:00"} in klub["wyliczone"]["godziny_otwarcia"]
    assert klub["wyliczone"]["dostepnosc_nazwa"].startswith("lokal przystosowany")
    other = json.loads((site / "dane/kluby/slupsk.json").read_text(encoding="utf-8"))["klub"]
    assert other["godziny_otwarcia"] is None and other["wyliczone"]["godziny_otwarcia"] == []


def test_the_changelog_starts_with_the_current_version_and_is_published(site: Path) -> None:
    assert CHANGES[0].version == SCHEMA_VERSION
    assert len({c.version for c in CHANGES}) == len(CHANGES)
    page = page_of(site, "dane/api/")
    text = page.text
    assert f"Wersja {SCHEMA_VERSION}" in text and "Historia zmian" in text
    hrefs = {a.attrs.get("href") for a in page.find("a")}
    assert "../schematy/klub.schema.json" in hrefs and "../rejestr.json" in hrefs


def test_club_page_json_ld_has_opening_hours_and_access_on_the_place(site: Path) -> None:
    page = page_of(site, "kluby/gdansk-przymorze/")
    ld = next(json.loads(text) for attrs, text in page.scripts
              if attrs.get("type") == "application/ld+json")
    place = ld["location"]
    assert place["@type"] == "Place"
    wednesday = [s for s in place["openingHoursSpecification"]
                 if s["dayOfWeek"] == ["https://schema.org/Wednesday"]]
    assert wednesday == [{"@type": "OpeningHoursSpecification", "dayOfWeek":
                          ["https://schema.org/Wednesday"], "opens": "08:00", "closes": "18:00"}]
    assert place["amenityFeature"][0]["value"] is True
    assert "Godziny otwarcia" in page.text and "środa: 8:00–18:00" in page.text
    assert "Lokal przystosowany dla osób z niepełnosprawnościami" in page.text
