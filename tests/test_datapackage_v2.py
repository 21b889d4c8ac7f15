"""The register declares Data Package v2 and uses its features; upstream frictionless agrees."""

from __future__ import annotations

from pathlib import Path

import yaml
from frictionless import Package

from tests.registers import REGISTER, make_base
from tests.test_upstream import upstream

V2_PACKAGE = "https://datapackage.org/profiles/2.0/datapackage.json"
V2_SCHEMA = "https://datapackage.org/profiles/2.0/tableschema.json"


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_descriptor_and_every_table_schema_declare_v2() -> None:
    descriptor = _yaml(REGISTER / "datapackage.yaml")
    assert descriptor["$schema"] == V2_PACKAGE
    assert Package.effective_datapackage_version(descriptor, None) == "v2"
    for path in sorted((REGISTER / "schematy").glob("*.yaml")):
        assert _yaml(path)["$schema"] == V2_SCHEMA, path.name


def test_access_codes_are_v2_categories_with_labels_and_optional_columns_match_by_name() -> None:
    kluby = _yaml(REGISTER / "schematy" / "kluby.yaml")
    fields = {f["name"]: f for f in kluby["fields"]}
    assert [c["value"] for c in fields["dostepnosc"]["categories"]] == ["tak", "częściowo", "nie"]
    assert all(c["label"] for c in fields["dostepnosc"]["categories"])
    optional = [n for n, f in fields.items() if f.get("kolumna_opcjonalna")]
    assert optional == ["godziny_otwarcia", "dostepnosc", "dostepnosc_opis"]
    assert kluby["fieldsMatch"] == "superset"  # a file may lack them; required columns stay


def test_upstream_still_rejects_a_missing_required_column(tmp_path: Path) -> None:
    root = make_base(tmp_path / "r")
    kluby = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    lines = kluby.read_text(encoding="utf-8").splitlines()
    kluby.write_text("\n".join(",".join(line.split(",")[:-1]) for line in lines) + "\n",
                     encoding="utf-8")  # numer_wpisu dropped: optional, accepted
    assert upstream(root).returncode == 0
    text = kluby.read_text(encoding="utf-8").replace("klub_id,", "id,", 1)
    kluby.write_text(text, encoding="utf-8")  # the primary key's column renamed: rejected
    result = upstream(root)
    assert result.returncode != 0 and "klub_id" in result.stdout
