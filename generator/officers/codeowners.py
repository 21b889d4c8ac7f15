"""Who owns a voivodeship's folder: the team named for it in ``.github/CODEOWNERS`` (pure)."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

PATH = Path(".github") / "CODEOWNERS"


def rules(text: str) -> list[tuple[str, list[str]]]:
    """(pattern, owners) for every rule, in file order."""
    found = []
    for line in text.splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 2:
            found.append((parts[0], parts[1:]))
    return found


def _matches(pattern: str, path: str) -> bool:
    """The subset of CODEOWNERS patterns the repository uses: ``*``, ``/folder/``, globs."""
    if pattern == "*":
        return True
    anchored = pattern.startswith("/")
    pattern = pattern.lstrip("/")
    if pattern.endswith("/"):
        return path.startswith(pattern) if anchored else f"/{pattern}" in f"/{path}"
    return fnmatch(path, pattern) or path.startswith(pattern.rstrip("/") + "/")


def owners(text: str, path: str) -> list[str]:
    """Owners of ``path`` (repository-relative): the last matching rule wins."""
    found: list[str] = []
    for pattern, who in rules(text):
        if _matches(pattern, path):
            found = who
    return found


def team_for(text: str, voivodeship: str) -> str:
    """``org/team`` that owns ``register/wojewodztwa/<voivodeship>/``, or '' when none does."""
    for owner in owners(text, f"register/wojewodztwa/{voivodeship}/kluby.csv"):
        if owner.startswith("@") and "/" in owner:
            return owner[1:]
    return ""


def teams(text: str) -> list[str]:
    """Every ``org/team`` named as an owner, in file order, each once."""
    found = [
        owner[1:]
        for _, who in rules(text)
        for owner in who
        if owner.startswith("@") and "/" in owner
    ]
    return list(dict.fromkeys(found))
