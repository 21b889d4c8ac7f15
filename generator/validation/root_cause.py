"""One root cause, one message: what follows from a problem already reported is not reported again.

The checks run in stages: the loader reads the file, the Table Schema checks each value's form,
the reference checks look codes up, and the business rules compare values with each other. A rule
assumes well-formed values, so when a place already has a problem of an earlier stage, later
stages' problems about the same place are consequences and are dropped:

- a cell: latitude 60.4 is out of range; that it also lies outside the voivodeship is not news;
  a cell too long to be a value is only that (not also a wrong pattern or a trailing space);
- a whole row (column 0): a duplicated row is not also a wrong step in the club's events;
- a folder: a missing voivodeship folder covers the files that should be in it;
- a resource: a table the descriptor no longer lists is that one problem, not also its file
  reported as unexpected in the register folder;
- a misspelt key: an unknown key close to a missing one is one typo, not an unknown key plus a
  missing one;
- swapped values: two values of a row out of range, each in the other's range (latitude and
  longitude typed in each other's column), are one swap.

Whole files are handled where they are read: a file that cannot be read whole is one problem, and
the checks that need its rows skip it (``Table.complete``, ``rules.complete``).
"""

from __future__ import annotations

import difflib
from pathlib import PurePosixPath

from generator.problems import Problem, blocking, problem

# Codes of the Table Schema stage that do not check a value's own form: they look it up.
LOOKUP_CODES = {"cell-reference", "cell-reference-close", "reference-unknown-code", "club-unknown",
                "club-other-voivodeship"}
FORM_PREFIXES = ("file-", "header-", "row-", "cell-", "key-", "text-")
FOLDER_CODES = {"voivodeship-folder-missing"}  # problems whose path is a folder
LAST = 2
# unknown-key code -> (missing-key code, typo code): pairs that are one misspelt key
TYPOS = {"descriptor-unknown-key": ("descriptor-missing-key", "descriptor-key-typo"),
         "story-unknown-key": ("story-missing-key", "story-key-typo")}


def stage(code: str) -> int:
    """0: the value's form (loader, schema, text hygiene); 1: look-ups; 2: business rules."""
    if code in LOOKUP_CODES:
        return 1
    if code.startswith(FORM_PREFIXES):
        return 0
    return LAST


def first_causes(problems: list[Problem]) -> list[Problem]:
    """``problems`` without the consequences of another problem (see the module docstring)."""
    problems = swaps(typos(undeclared(problems)))
    cells: dict[tuple[str, int, int], int] = {}
    rows: dict[tuple[str, int], int] = {}
    for p in blocking(problems):  # a warning or notice is a cause of nothing
        if p.line and p.column:
            key = (p.path, p.line, p.column)
            cells[key] = min(cells.get(key, LAST), stage(p.code))
        elif p.line:
            rows[(p.path, p.line)] = min(rows.get((p.path, p.line), LAST), stage(p.code))
    in_cells = {(p.path, p.line, p.code) for p in problems if p.line and p.column}
    # a cell longer than any value: nothing else is said about it (its text is not a value)
    too_long = {(p.path, p.line, p.column) for p in problems if p.code == "cell-too-long"}
    folders = tuple(p.path.rstrip("/") + "/" for p in blocking(problems) if p.code in FOLDER_CODES)

    def kept(p: Problem) -> bool:
        if p.path.startswith(folders):
            return False
        if not p.line:
            return True
        own = stage(p.code)
        if p.column and own > cells.get((p.path, p.line, p.column), LAST):
            return False
        if (p.path, p.line, p.column) in too_long and p.code != "cell-too-long":
            return False
        if not p.column and (p.path, p.line, p.code) in in_cells:
            return False  # said of the row and of its cell (a key that is also unique): once
        return own <= rows.get((p.path, p.line), LAST)

    return [p for p in problems if kept(p)]


def resource_name(path: str) -> str:
    """The resource name the project gives a table file: ``…/wojewodztwa/opolskie/uslugi.csv``
    → ``uslugi-opolskie``, ``…/slowniki/jednostka_odwolawcza.csv`` → ``jednostka-odwolawcza``."""
    parts = PurePosixPath(path.replace("\\", "/")).parts
    if len(parts) >= 3 and parts[-3] == "wojewodztwa":
        return f"{PurePosixPath(parts[-1]).stem}-{parts[-2]}"
    return PurePosixPath(parts[-1]).stem.replace("_", "-") if parts else ""


def undeclared(problems: list[Problem]) -> list[Problem]:
    """Without the file of a resource the descriptor does not list (the missing resource says)."""
    missing = {p.params.get("resource") for p in problems
               if p.code == "descriptor-resource-missing"}
    return [p for p in problems
            if not (p.code == "file-unexpected" and resource_name(p.path) in missing)]


def typos(problems: list[Problem]) -> list[Problem]:
    """An unknown key next to a missing key of a similar name becomes one typo problem."""
    replaced: dict[int, Problem] = {}
    dropped: set[int] = set()
    for i, p in enumerate(problems):
        if p.code not in TYPOS:
            continue
        missing_code, typo_code = TYPOS[p.code]
        candidates = {q.params.get("key", ""): j for j, q in enumerate(problems)
                      if q.code == missing_code and q.path == p.path and j not in dropped
                      and q.params.get("where") == p.params.get("where")}
        close = difflib.get_close_matches(p.params.get("key", ""), list(candidates), 1, 0.75)
        if close:
            dropped.add(candidates[close[0]])
            replaced[i] = problem(typo_code, p.path, p.line, p.column, p.field,
                                  key=p.params["key"], expected=close[0],
                                  where=p.params.get("where", ""))
    return [replaced.get(i, p) for i, p in enumerate(problems) if i not in dropped]


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _fits(value: float, p: Problem) -> bool:
    low, high = _number(p.params.get("minimum", "")), _number(p.params.get("maximum", ""))
    return low is not None and high is not None and low <= value <= high


def swaps(problems: list[Problem]) -> list[Problem]:
    """Two out-of-range values of one row that fit each other's range become one swap."""
    ranges = [p for p in problems if p.code == "cell-range"]
    replaced: dict[Problem, Problem] = {}
    dropped: set[Problem] = set()
    for a in ranges:
        for b in ranges:
            if (a.path, a.line) != (b.path, b.line) or a.column >= b.column or a in dropped:
                continue
            va, vb = _number(a.params.get("value", "")), _number(b.params.get("value", ""))
            if va is not None and vb is not None and _fits(va, b) and _fits(vb, a):
                replaced[a] = problem("cell-values-swapped", a.path, a.line, a.column, a.field,
                                      value=a.params["value"], other_field=b.field,
                                      other_value=b.params["value"])  # two cells: no proposal
                dropped.add(b)
    return [replaced.get(p, p) for p in problems if p not in dropped]
