"""The officers' guide (site page and CONTRIBUTING.md) agrees with the code and the register."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import yaml

from generator.officers import issue_form

PROJECT = Path(__file__).resolve().parent.parent
GUIDE = PROJECT / "site_templates" / "content" / "zglaszanie-zmian" / "index.md"
CONTRIBUTING = PROJECT / "CONTRIBUTING.md"
TEMPLATE = PROJECT / ".github" / "pull_request_template.md"
CHECK_WORKFLOW = PROJECT / ".github" / "workflows" / "sprawdzenie-zmian.yml"
ROW = re.compile(r"^\s*\| `([a-z_]+)` \| (.+?) \| (.+?) \|$", re.MULTILINE)


def guide() -> tuple[dict, str]:
    _, front, body = GUIDE.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body


def table_rows(body: str, heading: str) -> list[tuple[str, str, str]]:
    """Rows of the first three-column code table after ``heading``."""
    section = body.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return ROW.findall(section)


def reference(name: str) -> list[dict[str, str]]:
    with (PROJECT / "register" / "slowniki" / f"{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_page_has_a_title_and_no_links() -> None:
    front, body = guide()
    assert front["title"] == "Zgłaszanie zmian"
    assert front["description"]
    assert body.lstrip().split("\n")[0] and not body.lstrip().startswith("#")
    assert "](" not in body, "mkdocs runs in strict mode: keep the page free of links"
    assert "<" not in re.sub(r"`[^`]*`", "", body), "no raw HTML outside code"


def test_contributing_repeats_the_guide_word_for_word() -> None:
    _, body = guide()
    assert body.strip("\n") in CONTRIBUTING.read_text(encoding="utf-8")


def test_every_change_kind_is_explained() -> None:
    _, body = guide()
    for label in issue_form.KINDS.values():
        assert f"## {label}\n" in body or label in body
    for kind in (
        "Nowy klub",
        "Zmiana danych klubu",
        "Nowe zdarzenie w procesie certyfikacji",
        "Nowa usługa klubu",
        "Wykreślenie klubu z rejestru",
    ):
        assert f"\n## {kind}\n" in body
    assert "kis zgloszenie" in body
    assert "**nie wpisuj danych osobowych**" in body


def test_event_table_lists_every_event_type() -> None:
    _, body = guide()
    expected = [
        (r["kod"], r["nazwa"], "wymagany" if r["wymaga_numeru"] == "tak" else "–")
        for r in reference("typy_zdarzen")
    ]
    rows = [r for r in table_rows(body, "Nowe zdarzenie w procesie certyfikacji")]
    assert rows == expected


def test_service_table_lists_the_catalogue() -> None:
    _, body = guide()
    section = body.split("\n## Nowa usługa klubu\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_]+)` \| (.+?) \|$", section, re.MULTILINE)
    assert rows == [(r["kod"], r["nazwa"]) for r in reference("katalog_uslug")]


def test_club_table_follows_the_schema() -> None:
    _, body = guide()
    schema = yaml.safe_load(
        (PROJECT / "register" / "schematy" / "kluby.yaml").read_text(encoding="utf-8")
    )
    # a column added later (kolumna_opcjonalna) is marked "nie*": the file may lack it altogether
    expected = [
        (
            f["name"],
            "tak" if f.get("constraints", {}).get("required")
            else "nie*" if f.get("kolumna_opcjonalna") else "nie",
        )
        for f in schema["fields"]
    ]
    rows = [(code, required) for code, _, required in table_rows(body, "Nowy klub")]
    assert rows == expected
    later = sum(1 for f in schema["fields"] if f.get("kolumna_opcjonalna"))
    assert later == 3, "the note below the table says the last three columns"
    assert "\\* Trzech ostatnich kolumn plik może w ogóle nie mieć" in body
    assert [code for code, _ in expected[-later:]] == [
        f["name"] for f in schema["fields"] if f.get("kolumna_opcjonalna")
    ], "the columns added later come last, as the note says"
    operators = ", ".join(f"`{r['kod']}`" for r in reference("typy_podmiotow"))
    assert operators.replace(", `inny`", " albo `inny`") in body


def test_names_in_the_guide_match_the_workflow() -> None:
    workflow = yaml.safe_load(CHECK_WORKFLOW.read_text(encoding="utf-8"))
    check = workflow["jobs"]["sprawdzenie"]["name"]
    _, body = guide()
    for text in (
        body,
        TEMPLATE.read_text(encoding="utf-8"),
        (PROJECT / ".github" / "CODEOWNERS").read_text(encoding="utf-8"),
    ):
        assert f"„{check}”" in " ".join(text.split())
    assert "Pobierz zbudowaną stronę" in CHECK_WORKFLOW.read_text(encoding="utf-8")
    assert "Pobierz zbudowaną stronę" in body


def test_pull_request_template_checklist() -> None:
    text = TEMPLATE.read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] ", text, re.MULTILINE)
    assert len(items) >= 6
    assert "danych osobowych" in text
    assert "klub_wykreslony" in text
