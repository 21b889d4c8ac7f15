"""A pull request's CSV files in the register's own form, prepared for the format-repair workflow.

Runs in a job without write permissions, on the base branch's code; the pull request's files are
data only: just the voivodeship tables the base register describes, regular files (no links),
read into a copy of the base register, which ``kis popraw`` (:mod:`generator.officers.canonical`)
plans to rewrite::

    python -m generator.officers.format_repair --baza kod/register --pr pr/register --wynik wynik

``wynik/`` then holds the canonical files, ``plan.json`` and the two comments (same repository:
what was committed; fork: how to do it). :func:`generator.officers.github.publish_repair` commits
them with the write token.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from generator.officers import canonical
from generator.register.load import load_register

MARKER = "<!-- kis-popraw -->"
TABLES = ("kluby", "zdarzenia", "uslugi")
MAX_BYTES = 20 * 1024 * 1024
SHOWN_CHARS = 60_000  # a fork's comment shows files up to this size
TITLE = "Zapis plików rejestru jak w rejestrze (kis popraw)"


def _regular(root: Path, relative: str) -> Path | None:
    """``root/relative`` when it is a regular file reached without links, else None."""
    if root.is_symlink():
        return None
    path = root
    for part in Path(relative).parts:
        path = path / part
        if path.is_symlink():
            return None
    if not path.is_file() or path.stat().st_size > MAX_BYTES:
        return None
    if not path.resolve().is_relative_to(root.resolve()):
        return None
    return path


def changed_tables(base: Path, pr: Path) -> list[str]:
    """Voivodeship tables (relative to the register) whose bytes differ in the pull request."""
    raw = load_register(base)
    changed = []
    for table in raw.tables.values():
        if table.kind not in TABLES or not table.voivodeship:
            continue
        relative = table.path.relative_to(base).as_posix()
        theirs = _regular(pr, relative)
        if theirs is not None and theirs.read_bytes() != table.path.read_bytes():
            changed.append(relative)
    return sorted(changed)


def fence(text: str) -> str:
    """A Markdown code fence longer than every run of backticks in ``text`` (three at least)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _comment(repairs: list[tuple[str, canonical.Repair]], fork: bool) -> str:
    items = [f"- `register/{rel}`: {', '.join(r.done)}" for rel, r in repairs]
    if not fork:
        return (
            "\n".join(
                [
                    MARKER,
                    "### 🔧 Program zapisał pliki tak jak rejestr",
                    "",
                    "Pliki zapisane w arkuszu kalkulacyjnym program przepisał do zapisu rejestru "
                    "(polecenie `kis popraw`) i dodał je do tego pull requestu. Wartości się nie "
                    "zmieniły, zmienił się tylko zapis:",
                    "",
                    *items,
                    "",
                    "Nic nie musisz robić. Sprawdzenie rejestru uruchomi się ponownie samo. Jeśli "
                    "chcesz dalej edytować plik, otwórz jego najnowszą wersję.",
                ]
            )
            + "\n"
        )
    out = [
        MARKER,
        "### 🔧 Pliki wymagają zapisu jak w rejestrze",
        "",
        "Pliki zapisano w arkuszu kalkulacyjnym. Program nie może zmienić gałęzi w innym "
        "repozytorium (fork), więc poniżej jest ich treść w zapisie rejestru. Wartości są te "
        "same, zmienia się tylko zapis:",
        "",
        *items,
        "",
        "Skopiuj treść pliku i wklej ją w miejsce całej treści pliku w swojej gałęzi (ikona "
        "ołówka → zaznacz wszystko → wklej), albo uruchom u siebie `kis popraw`.",
    ]
    for rel, repair in repairs:
        if len(repair.text) > SHOWN_CHARS:
            out += [
                "",
                f"Plik `register/{rel}` jest za duży, by go tu pokazać: uruchom `kis popraw`.",
            ]
            continue
        fence_ = fence(repair.text)
        out += [
            "",
            f"<details><summary><code>register/{rel}</code></summary>",
            "",
            f"{fence_}csv",
            repair.text.rstrip("\n"),
            fence_,
            "",
            "</details>",
        ]
    return "\n".join(out) + "\n"


def prepare(base: Path, pr: Path, out: Path, base_ref: str = "main") -> list[str]:
    """Write the canonical versions of the pull request's changed tables into ``out``;
    the repository paths of the files that need it."""
    changed = changed_tables(base, pr)
    repairs: list[tuple[str, canonical.Repair]] = []
    with tempfile.TemporaryDirectory(prefix="kis-popraw-") as tmp:
        work = Path(tmp) / "register"
        shutil.copytree(base, work)
        for relative in changed:
            source = _regular(pr, relative)
            assert source is not None
            (work / relative).write_bytes(source.read_bytes())
        outcome = canonical.plan(work)
        for repair in outcome.repairs:
            relative = repair.table.path.relative_to(work).as_posix()
            if relative in changed:
                repairs.append((relative, repair))
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for relative, repair in repairs:
        target = out / "pliki" / "register" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(repair.text.encode("utf-8"))
        files.append(f"register/{relative}")
    plan: dict[str, Any] = {"files": files, "title": TITLE, "marker": MARKER, "base": base_ref}
    (out / "plan.json").write_text(json.dumps(plan, ensure_ascii=False, indent=2), encoding="utf-8")
    (out / "komentarz.md").write_text(_comment(repairs, fork=False), encoding="utf-8")
    (out / "komentarz-fork.md").write_text(_comment(repairs, fork=True), encoding="utf-8")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.officers.format_repair")
    parser.add_argument("--baza", type=Path, required=True, help="rejestr gałęzi docelowej")
    parser.add_argument("--pr", type=Path, required=True, help="rejestr z pull requestu (dane)")
    parser.add_argument("--wynik", type=Path, required=True, help="folder na poprawione pliki")
    args = parser.parse_args(argv)
    files = prepare(args.baza, args.pr, args.wynik, os.environ.get("BASE_REF", "main"))
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as f:
            f.write(f"zmiany={'tak' if files else 'nie'}\n")
    print("\n".join(files) if files else "Pliki pull requestu nie wymagają poprawy zapisu.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
