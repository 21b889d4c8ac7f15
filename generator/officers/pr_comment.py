"""The one comment on a pull request that changes the register: the validation result, the
Polish change summary (kis diff) and the link to the preview of the site.

Two halves, in two workflows. :func:`compose` runs in the pull request's own check without any
write token (``sprawdzenie-zmian.yml``) and writes the comment and the pull request's number
and commit into a folder that is uploaded as an artifact. :func:`publish` runs in
``komentarz-zmian.yml`` (``workflow_run``, holding ``pull-requests: write``) from the default
branch with the standard library only: the artifact is untrusted data (it may come from a fork),
so the number must name an open pull request whose head is the commit the check ran on, and the
body is bounded and must start with :data:`MARKER`; the comment is updated, never repeated.

Run ``python -m generator.officers.pr_comment`` to compose (see :func:`main`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any, Protocol

from generator.polish import plural

MARKER = "<!-- kis-sprawdzenie-zmian -->"
BODY_FILE = "komentarz.md"
PR_FILE = "pr.json"
MAX_BODY = 60_000  # GitHub takes 65,536 characters a comment
MAX_PR_FILE = 1_000
MAX_LISTED = 30  # problems listed in the comment; the rest are in the run's annotations
SHA = re.compile(r"^[0-9a-f]{40}$")
LEVEL_ICON = {"błąd": "❌", "ostrzeżenie": "⚠️", "uwaga": "ℹ️"}


def _validation(result: dict[str, Any] | None) -> list[str]:
    if result is None:
        return ["❌ **Rejestru nie udało się sprawdzić** (błąd programu albo instalacji). "
                "Szczegóły są w przebiegu sprawdzenia (link na dole).", ""]
    groups = [g for g in result.get("grupy") or [] if isinstance(g, dict)]
    errors = [g for g in groups if g.get("poziom") == "błąd"]
    n = sum(int(g.get("liczba", 1)) for g in errors)
    if n:
        lines = [f"❌ **Rejestr ma {n} {plural(n, 'błąd', 'błędy', 'błędów')}.** Popraw "
                 f"{'go' if n == 1 else 'je'} w tej gałęzi; sprawdzenie powtórzy się samo."]
    else:
        lines = ["✅ **Rejestr jest poprawny.**"]
    others = len(groups) - len(errors)
    if others:
        noun = plural(others, "uwaga nie blokuje", "uwagi nie blokują", "uwag nie blokuje")
        lines[0] += f" {others} {noun} zmiany – warto je przejrzeć."
    lines.append("")
    for g in groups[:MAX_LISTED]:
        where = f"`{g.get('plik', '')}`"
        count = int(g.get("liczba", 1))
        if count > 1:
            where += f", wiersze {g.get('zakres', '')}"
        elif g.get("wiersz"):
            where += f", wiersz {g.get('wiersz')}"
        if g.get("pole"):
            where += f", kolumna „{g.get('pole')}”"
        icon = LEVEL_ICON.get(str(g.get("poziom")), "ℹ️")
        lines.append(f"- {icon} {where}: {g.get('komunikat', '')} — {g.get('wskazowka', '')}")
    if len(groups) > MAX_LISTED:
        rest = len(groups) - MAX_LISTED
        lines.append(f"- … i {rest} {plural(rest, 'kolejny', 'kolejne', 'kolejnych')} – "
                     "wszystkie są przy zmienionych wierszach w zakładce „Files changed”.")
    if groups:
        lines.append("")
    return lines


def compose(
    validation: dict[str, Any] | None,
    changes: str | None,
    preview_url: str | None,
    run_url: str,
    sha: str,
) -> str:
    """The comment's Markdown, starting with :data:`MARKER`."""
    lines = [MARKER, "## Sprawdzenie zmian w rejestrze", ""]
    lines += _validation(validation)
    summary = (changes or "").strip()
    budget = MAX_BODY // 2
    if len(summary) > budget:
        summary = summary[:budget].rsplit("\n", 1)[0] + (
            "\n\n… podsumowanie jest dłuższe – całe jest w przebiegu sprawdzenia (link na dole).")
    if changes is None:
        summary = "Nie udało się przygotować podsumowania zmian (szczegóły w przebiegu)."
    if summary.startswith("#"):  # kis diff's own headings, one level below this comment's
        lines += [re.sub(r"^(#{2,5}) ", r"#\1 ", summary, flags=re.MULTILINE), ""]
    else:
        lines += ["### Zmiany w rejestrze KIS", "",
                  summary or "Ten pull request nie zmienia danych rejestru.", ""]
    lines += ["### Podgląd strony", ""]
    if preview_url:
        lines.append(f"[Pobierz zbudowaną stronę]({preview_url}) (archiwum ZIP), rozpakuj je "
                     "i otwórz plik index.html w przeglądarce.")
    elif validation is not None and validation.get("poprawny"):
        lines.append("Strony nie udało się zbudować mimo poprawnego rejestru – to błąd programu; "
                     "szczegóły są w przebiegu sprawdzenia (link na dole).")
    else:
        lines.append("Strona nie została zbudowana – najpierw trzeba poprawić błędy.")
    lines += ["", f"<sub>Komentarz aktualizuje się po każdym sprawdzeniu. Ostatnie: commit "
                  f"{sha[:7]}, [przebieg sprawdzenia]({run_url}).</sub>", ""]
    return "\n".join(lines)


def write(folder: Path, body: str, number: int, sha: str) -> None:
    """The artifact: the comment and the pull request it is for."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / BODY_FILE).write_text(body, encoding="utf-8")
    (folder / PR_FILE).write_text(json.dumps({"numer": number, "sha": sha}) + "\n",
                                  encoding="utf-8")


# --- the write half: untrusted artifact in, one comment out --------------------------------


class Untrusted(ValueError):
    """The artifact does not hold what the check writes."""


def _regular(path: Path, limit: int) -> str:
    if path.is_symlink() or not path.is_file():
        raise Untrusted(f"{path.name} is missing or not a regular file")
    if path.stat().st_size > limit * 4:
        raise Untrusted(f"{path.name} is too large")
    text = path.read_bytes().decode("utf-8")
    if len(text) > limit:
        raise Untrusted(f"{path.name} is too long")
    return text


def read_artifact(folder: Path) -> tuple[int, str, str]:
    """(pull request number, head commit, body) from the downloaded artifact, checked."""
    try:
        data = json.loads(_regular(folder / PR_FILE, MAX_PR_FILE))
        body = _regular(folder / BODY_FILE, MAX_BODY)
    except (UnicodeDecodeError, ValueError) as err:
        raise Untrusted(str(err)) from None
    if not isinstance(data, dict):
        raise Untrusted("pr.json is not an object")
    number, sha = data.get("numer"), data.get("sha")
    if type(number) is not int or not 0 < number < 10**9:
        raise Untrusted("the pull request number is not a number")
    if not isinstance(sha, str) or not SHA.match(sha):
        raise Untrusted("the commit is not a SHA")
    if not body.startswith(MARKER + "\n"):
        raise Untrusted("the comment does not start with its marker")
    return number, sha, body


class Repository(Protocol):
    repo: str

    def call(self, method: str, path: str, body: dict[str, Any] | None = None,
             ok: tuple[int, ...] = ()) -> tuple[int, Any]: ...


def publish(gh: Repository, folder: Path, head_sha: str, head_repo: str,
            upsert: Any) -> int | None:
    """Post or update the comment; the pull request's number, or None when the pull request
    has moved on (a newer check will comment) or is closed. ``head_sha`` and ``head_repo`` come
    from the ``workflow_run`` event, never from the artifact."""
    number, sha, body = read_artifact(folder)
    if sha != head_sha:
        raise Untrusted("the artifact is for another commit than the check ran on")
    _, pull = gh.call("GET", f"/repos/{gh.repo}/pulls/{number}")
    head = (pull or {}).get("head") or {}
    if (head.get("repo") or {}).get("full_name") != head_repo:
        raise Untrusted("the pull request comes from another repository than the check")
    if pull.get("state") != "open" or head.get("sha") != head_sha:
        return None
    upsert(gh, number, body, MARKER)
    return number


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.officers.pr_comment",
        description="Przygotuj komentarz do pull requestu ze sprawdzenia zmian.")
    parser.add_argument("--walidacja", type=Path, required=True,
                        help="wynik walidacji (JSON, kis build --wynik-walidacji)")
    parser.add_argument("--zmiany", type=Path, required=True, help="podsumowanie zmian (kis diff)")
    parser.add_argument("--podglad", default="", help="adres archiwum z podglądem strony")
    parser.add_argument("--przebieg", required=True, help="adres przebiegu sprawdzenia")
    parser.add_argument("--numer", type=int, required=True, help="numer pull requestu")
    parser.add_argument("--sha", required=True, help="commit, który sprawdzono")
    parser.add_argument("--wynik", type=Path, required=True, help="folder na komentarz")
    args = parser.parse_args(argv)
    try:
        validation = json.loads(args.walidacja.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        validation = None
    try:
        changes = args.zmiany.read_text(encoding="utf-8")
    except OSError:
        changes = None
    body = compose(validation, changes, args.podglad or None, args.przebieg, args.sha)
    write(args.wynik, body, args.numer, args.sha)
    return 0


if __name__ == "__main__":
    sys.exit(main())
