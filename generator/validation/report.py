"""Render a list of problems for people (text), machines (json) or GitHub Actions (github).

What people read (text, GitHub annotations) names a problem repeated in one column once, with its
rows (see :mod:`generator.validation.grouping`); the JSON output lists every problem and the groups.
"""

from __future__ import annotations

import json
from datetime import date

from generator.polish import plural
from generator.problems import LEVELS, Problem, blocking, terminal_safe
from generator.validation.grouping import Group, group


def format_problems(problems: list[Problem], fmt: str, as_of: date, clubs: int) -> str:
    if fmt == "json":
        return _json(problems, as_of)
    if fmt == "github":  # the Actions log is a terminal too: no escape sequences get through
        return terminal_safe(_github(problems) + _summary(problems, as_of, clubs))
    return problem_lines(problems) + terminal_safe(_summary(problems, as_of, clubs))


def problem_lines(problems: list[Problem]) -> str:
    """One line a problem (grouped), without the register's summary: e.g. a build's warnings."""
    return terminal_safe("".join(_line(g) for g in group(problems)))


def _line(g: Group) -> str:
    p = g.first
    level = "" if p.blocking else f"{LEVELS[p.severity]}: "
    return f"{p.location()}: {level}{g.text()}\n"


def _summary(problems: list[Problem], as_of: date, clubs: int) -> str:
    errors = blocking(problems)
    others = len(problems) - len(errors)
    if not errors:
        note = (f" Przejrzyj {others} {plural(others, 'uwagę', 'uwagi', 'uwag')} powyżej; "
                "nie blokują one zmiany." if others else "")
        return (f"Rejestr jest poprawny: {clubs} {plural(clubs, 'klub', 'kluby', 'klubów')} "
                f"(stan na {as_of.isoformat()}).{note}\n")
    n = len(errors)
    files = len({p.path for p in errors})
    grouped = ("; ten sam problem w kilku wierszach jednej kolumny opisano jednym komunikatem"
               if len(group(errors)) < n else "")
    return (f"Znaleziono {n} {plural(n, 'problem', 'problemy', 'problemów')} w {files} "
            f"{plural(files, 'pliku', 'plikach', 'plikach')} (stan na {as_of.isoformat()})"
            f"{grouped}. Popraw {'go' if n == 1 else 'je'} i uruchom sprawdzenie ponownie.\n")


def _json(problems: list[Problem], as_of: date) -> str:
    data = {
        "poprawny": not blocking(problems),
        "stan_na": as_of.isoformat(),
        "liczba_problemow": len(problems),
        "problemy": [p.as_dict() for p in problems],
        "grupy": [g.as_dict() for g in group(problems)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class ReportError(ValueError):
    """A JSON report that cannot be read back; the message is Polish."""


def read_json(text: str) -> tuple[date, list[Problem]]:
    """(as-of date, problems) of a report written by :func:`render` with ``fmt="json"``.

    What the report keeps is read back: place, code, message, hint, severity and the proposed
    value (a problem's other parameters are not in it).
    """
    severities = {name: level for level, name in LEVELS.items()}
    try:
        data = json.loads(text)
        as_of = date.fromisoformat(data["stan_na"])
        problems = [
            Problem(path=str(p["plik"]), line=int(p["wiersz"]), column=int(p["kolumna"]),
                    code=str(p["kod"]), message=str(p["komunikat"]), hint=str(p["wskazowka"]),
                    field=str(p["pole"]), severity=severities[p["poziom"]],
                    params={"proposal": str(p["propozycja"])} if "propozycja" in p else {})
            for p in data["problemy"]
        ]
    except (ValueError, KeyError, TypeError) as err:
        raise ReportError(f"to nie jest wynik walidacji w postaci JSON ({err})") from None
    return as_of, problems


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(problems: list[Problem]) -> str:
    """Workflow commands that annotate the file and line in the pull request."""
    lines = []
    for g in group(problems):
        p = g.first
        props = [f"file={_escape_property(p.path)}"]
        if p.line:
            props.append(f"line={p.line}")
        if p.column:
            props.append(f"col={p.column}")
        props.append(f"title={_escape_property('Rejestr KIS: ' + p.code)}")
        kind = {"error": "error", "warning": "warning"}.get(p.severity, "notice")
        lines.append(f"::{kind} {','.join(props)}::{_escape_data(g.text())}\n")
    return "".join(lines)
