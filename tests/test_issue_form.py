"""The issue form "Zmiana w rejestrze": generated from the register, valid, and parseable."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import yaml

from generator.officers import issue_form
from generator.officers import submission as zgloszenie
from generator.register.load import load_register

PROJECT = Path(__file__).resolve().parent.parent
FORM = PROJECT / issue_form.FORM_PATH
BIN = Path(sys.executable).parent


def committed() -> dict:
    return yaml.safe_load(FORM.read_text(encoding="utf-8"))


def element(form: dict, ident: str) -> dict:
    return next(e for e in form["body"] if e.get("id") == ident)


def test_committed_form_is_up_to_date() -> None:
    expected = issue_form.form_yaml(load_register(PROJECT / "register"))
    assert FORM.read_text(encoding="utf-8") == expected, (
        "regenerate: .venv/bin/python -m generator.officers.issue_form register > " + str(FORM)
    )


def test_voivodeship_options_match_the_reference_table() -> None:
    with (PROJECT / "register" / "slowniki" / "wojewodztwa.csv").open(encoding="utf-8") as f:
        names = [row["nazwa"] for row in sorted(csv.DictReader(f), key=lambda r: r["teryt"])]
    assert len(names) == 16
    assert element(committed(), "wojewodztwo")["attributes"]["options"] == names


def test_dropdowns_list_the_reference_tables() -> None:
    form = committed()
    for ident, table, column in (
        ("kluby_podmiot_typ", "typy_podmiotow", "nazwa"),
        ("uslugi_usluga", "katalog_uslug", "nazwa"),
    ):
        with (PROJECT / "register" / "slowniki" / f"{table}.csv").open(encoding="utf-8") as f:
            names = [row[column] for row in csv.DictReader(f)]
        options = element(form, ident)["attributes"]["options"]
        assert options == names
        assert len(set(options)) == len(options)
        assert not any("," in o for o in options), "answers of a multi-select are comma-separated"


def test_fields_with_schema_categories_are_dropdowns_of_those_values() -> None:
    form = committed()
    found = 0
    for kind in ("kluby", "uslugi"):
        schema = yaml.safe_load((PROJECT / "register" / "schematy" / f"{kind}.yaml").read_text(
            encoding="utf-8"))
        for spec in schema["fields"]:
            values = [str(c["value"]) for c in spec.get("categories", ())]
            if values and any(e.get("id") == f"{kind}_{spec['name']}" for e in form["body"]):
                found += 1
                field = element(form, f"{kind}_{spec['name']}")
                assert field["type"] == "dropdown"
                assert field["attributes"]["options"] == values
    assert found, "the access field (dostepnosc) lists its categories in the schema"


def test_form_passes_the_github_issue_forms_schema() -> None:
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", str(FORM)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_labels_and_ids_are_unique_and_every_kind_is_offered() -> None:
    fields = issue_form.fields(load_register(PROJECT / "register"))
    labels = [f.label for f in fields]
    ids = [f.id for f in fields]
    assert len(set(labels)) == len(labels)
    assert len(set(ids)) == len(ids)
    assert element(committed(), "rodzaj")["attributes"]["options"] == list(
        issue_form.KINDS.values()
    )


def test_every_change_kind_is_handled() -> None:
    assert set(zgloszenie.ALLOWED) == set(issue_form.KINDS)


def test_leading_dropdowns_do_not_preselect_an_answer() -> None:
    """GitHub pre-selects the first option of a required dropdown; the parser checks instead."""
    form = committed()
    for ident in ("rodzaj", "wojewodztwo"):
        assert "validations" not in element(form, ident)
        assert "Wymagane." in element(form, ident)["attributes"]["description"]
    assert element(form, "klub_id")["validations"] == {"required": True}


def test_events_are_one_text_area_whose_help_lists_every_event_name() -> None:
    form = committed()
    events = element(form, "zdarzenia")
    assert events["type"] == "textarea"
    assert events["attributes"]["label"] == issue_form.EVENTS_LABEL
    assert "średnik" in events["attributes"]["description"]
    example = events["attributes"]["placeholder"]
    assert "KIS-22-2024-001" in example and "05.03.2024" in example
    section = next(
        e["attributes"]["value"]
        for e in form["body"]
        if e["type"] == "markdown" and "Zdarzenia w procesie" in e["attributes"]["value"]
    )
    with (PROJECT / "register" / "slowniki" / "typy_zdarzen.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            assert f"- {row['nazwa']}\n" in section + "\n", row["kod"]
            assert row["kod"] not in section


def test_the_placeholder_example_is_read_by_the_parser() -> None:
    from generator.officers import event_lines

    raw = load_register(PROJECT / "register")
    types = event_lines.EventTypes(issue_form.event_names(raw))
    read, errors = event_lines.read(issue_form.EVENTS_PLACEHOLDER, types)
    assert errors == []
    assert [(e.day, e.kind, e.number) for e in read] == [
        ("2024-01-10", "wniosek_zlozony", ""),
        ("2024-03-05", "certyfikat_wydany", "KIS-22-2024-001"),
        ("2025-06-30", "klub_wykreslony", ""),
    ]
