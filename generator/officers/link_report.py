"""What `kis linki` found, for officers: problems at file, row and column, and one issue a
voivodeship (title and Markdown body) that the weekly workflow keeps up to date.

The issues themselves are created, updated and closed by
:func:`generator.officers.github.sync_marked_issues` from the file :func:`write_issues` writes.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from generator.officers.link_check import Finding, Voivodeship
from generator.polish import long_date, plural
from generator.problems import Problem, problem

MARKER = "<!-- kis-linki:{slug} -->"
ISSUES_FILE = "zgloszenia-linki.json"
# what needs an officer: a dead address or a site that moved (a refusal alone does not)
ACTIONABLE = "warning"
_MARKDOWN = re.compile(r"([\\`*\[\]<>|])")


def problems(findings: list[Finding], timeout: float) -> list[Problem]:
    """A problem at the cell for every finding that is not plainly fine."""
    found: list[Problem] = []
    for f in findings:
        if f.kind == "ok":
            continue
        t = f.target
        found.append(
            problem(
                f"link-{f.kind}",
                t.path,
                t.line,
                t.position,
                t.column,
                value=t.value,
                status=f.status,
                detail=f.detail,
                seconds=f"{timeout:g}",
            )
        )
    return found


def text(found: list[Problem], checked: int) -> str:
    """The terminal's report: one line a problem, then a summary."""
    lines = [f"{p.location()}: {p.message} — {p.hint}\n" for p in found]
    dead = sum(p.severity == ACTIONABLE for p in found)
    lines.append(
        f"Sprawdzono {checked} {plural(checked, 'adres', 'adresy', 'adresów')}: "
        + (
            f"{dead} {plural(dead, 'nie działa', 'nie działają', 'nie działa')}."
            if dead
            else "wszystkie działają."
        )
        + (f" Do sprawdzenia: {len(found) - dead}." if len(found) > dead else "")
        + "\n"
    )
    return "".join(lines)


def _md(value: str) -> str:
    return _MARKDOWN.sub(r"\\\1", value)


def _item(p: Problem, names: dict[tuple[str, int], str]) -> str:
    club = names.get((p.path, p.line), "")
    who = f"**{_md(club)}**, " if club else ""
    return (
        f"- {who}`{p.path}`, wiersz {p.line}, kolumna „{p.field}”: {_md(p.message)}. "
        f"Co zrobić: {_md(p.hint)}."
    )


def issue(
    v: Voivodeship, found: list[Problem], names: dict[tuple[str, int], str], checked: int,
    day: date,
) -> tuple[str, str, bool]:
    """(title, body, open?) of the voivodeship's issue; open when something needs an officer."""
    dead = [p for p in found if p.severity == ACTIONABLE]
    moved = [p for p in found if p.code == "link-moved"]
    other = [p for p in found if p.severity != ACTIONABLE]
    title = f"Niedziałające adresy klubów – województwo {v.name}"
    n, m = len(dead), len(moved)
    head = (
        f"Cotygodniowe sprawdzenie adresów stron i e-maili klubów ({long_date(day)}) "
        f"w województwie {v.locative}: sprawdzono {checked} "
        f"{plural(checked, 'adres', 'adresy', 'adresów')}"
    )
    if n or m:
        parts = []
        if n:
            parts.append(f"{n} {plural(n, 'nie działa', 'nie działają', 'nie działa')}")
        if m:
            moved_sites = plural(m, "strona przeniosła", "strony przeniosły", "stron przeniosło")
            parts.append(f"{m} {moved_sites} się pod inny adres")
        head += ", " + " i ".join(parts) + "."
    else:
        head += "; wszystkie działają."
    body = [MARKER.format(slug=v.slug), "", head, ""]
    if dead:
        body += ["### Nie działają", ""] + [_item(p, names) for p in dead] + [""]
    if other:
        body += ["### Do sprawdzenia", ""] + [_item(p, names) for p in other] + [""]
    body += [
        "---",
        "Poprawione adresy wpisz w pliku kluby.csv województwa (pull request albo formularz "
        "„Zmiana w rejestrze”). Program sprawdza adresy co tydzień, aktualizuje to zgłoszenie "
        "i zamyka je, gdy wszystkie adresy działają. To samo sprawdzenie na swoim komputerze: "
        f"`kis linki --wojewodztwo {v.slug}`.",
        "",
    ]
    return title, "\n".join(body), bool(dead or moved)


def closing_comment(day: date) -> str:
    return (
        f"Sprawdzenie z {long_date(day)}: wszystkie adresy stron i e-maili klubów działają. "
        "Program zamyka to zgłoszenie.\n"
    )


def write_issues(
    folder: Path,
    voivodeships: list[Voivodeship],
    findings: list[Finding],
    timeout: float,
    day: date,
) -> Path:
    """The issues of every voivodeship checked, as the workflow's write job reads them."""
    found = problems(findings, timeout)
    names = {(f.target.path, f.target.line): f.target.name for f in findings}
    items = []
    for v in voivodeships:
        mine = [f for f in findings if f.target.voivodeship == v.slug]
        paths = {f.target.path for f in mine}
        here = [p for p in found if p.path in paths]
        title, body, is_open = issue(v, here, names, len(mine), day)
        items.append({
            "znacznik": MARKER.format(slug=v.slug),
            "tytul": title,
            "tresc": body,
            "otwarte": is_open,
            "komentarz_zamkniecia": closing_comment(day),
        })
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / ISSUES_FILE
    out.write_text(json.dumps({"zgloszenia": items}, ensure_ascii=False, indent=1) + "\n",
                   encoding="utf-8")
    return out
