"""Render a list of problems for people (text), machines (json) or GitHub Actions (github)."""

from __future__ import annotations

import json
from datetime import date

from generator.plural import plural
from generator.problems import Problem


def render(problems: list[Problem], fmt: str, as_of: date, clubs: int) -> str:
    if fmt == "json":
        return _json(problems, as_of)
    if fmt == "github":
        return _github(problems) + _summary(problems, as_of, clubs)
    return "".join(f"{p}\n" for p in problems) + _summary(problems, as_of, clubs)


def _summary(problems: list[Problem], as_of: date, clubs: int) -> str:
    if not problems:
        return (f"Rejestr jest poprawny: {clubs} {plural(clubs, 'klub', 'kluby', 'klubów')} "
                f"(stan na {as_of.isoformat()}).\n")
    n = len(problems)
    files = len({p.path for p in problems})
    return (f"Znaleziono {n} {plural(n, 'problem', 'problemy', 'problemów')} w {files} "
            f"{plural(files, 'pliku', 'plikach', 'plikach')} (stan na {as_of.isoformat()}). "
            "Popraw je i uruchom sprawdzenie ponownie.\n")


def _json(problems: list[Problem], as_of: date) -> str:
    data = {
        "poprawny": not problems,
        "stan_na": as_of.isoformat(),
        "liczba_problemow": len(problems),
        "problemy": [p.as_dict() for p in problems],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(problems: list[Problem]) -> str:
    """Workflow commands that annotate the file and line in the pull request."""
    lines = []
    for p in problems:
        props = [f"file={_escape_property(p.path)}"]
        if p.line:
            props.append(f"line={p.line}")
        if p.column:
            props.append(f"col={p.column}")
        props.append(f"title={_escape_property('Rejestr KIS: ' + p.code)}")
        lines.append(f"::error {','.join(props)}::{_escape_data(p.message + ' — ' + p.hint)}\n")
    return "".join(lines)
