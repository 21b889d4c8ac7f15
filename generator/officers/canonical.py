"""``kis popraw``: write the register's CSV files back in the register's own form.

A file saved from a spreadsheet (semicolons, Windows-1250, BOM, CRLF, 05.03.2026, decimal commas,
codes without leading zeros…) is read by :mod:`generator.register.spreadsheet` to canonical values;
this module writes that canonical text: UTF-8 without BOM, LF, commas, ISO dates, minimal quoting.
Nothing else changes: no row is reordered, added or removed, and a file that needs nothing is not
touched. Each file is replaced atomically (a temporary file in the same folder, then a rename).
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.polish import plural
from generator.problems import Problem
from generator.register import spreadsheet as ss
from generator.register.load import DESCRIPTOR, Table, load_register

# What was done, per shape the loader names.
DONE = {
    ";": "średniki → przecinki",
    "\t": "tabulatory → przecinki",
    ss.SHAPE_CP1250: "Windows-1250 → UTF-8",
    ss.SHAPE_UTF16: "UTF-16 → UTF-8",
    ss.SHAPE_BOM: "usunięto znak BOM z początku pliku",
    ss.SHAPE_CRLF: "końce wierszy z systemu Windows → jak w rejestrze",
    ss.SHAPE_CR: "końce wierszy ze starego systemu Mac OS → jak w rejestrze",
    ss.SHAPE_NO_FINAL_NEWLINE: "dopisano koniec wiersza na końcu pliku",
    ss.SHAPE_QUOTES: "usunięto zbędne cudzysłowy",
    ss.SHAPE_DATE: "daty → RRRR-MM-DD",
    ss.SHAPE_DECIMAL: "przecinki dziesiętne → kropki",
    ss.SHAPE_ZEROS: "przywrócono zera na początku kodów",
    ss.SHAPE_CASE: "małe litery → wielkie",
}
UNREADABLE = ("file-encoding-unknown", "file-utf8-invalid-byte", "file-delimiter", "file-binary",
              "file-symlink")


@dataclass(frozen=True)
class Repair:
    """One file to be (or that was) rewritten."""

    table: Table
    text: str  # the canonical text
    done: tuple[str, ...]  # Polish: what changed

    def line(self) -> str:
        return f"{self.table.display}: {', '.join(self.done)}"


@dataclass
class Outcome:
    repairs: list[Repair] = field(default_factory=list)
    untouched: int = 0
    refused: list[Problem] = field(default_factory=list)  # files that cannot be read safely


def plan(target: Path) -> Outcome:
    """What ``kis popraw`` would do to ``target``: a register folder or one of its CSV files."""
    root, only = _root_of(target)
    raw = load_register(root)
    outcome = Outcome()
    if not raw.tables:
        outcome.refused = [p for p in raw.problems if p.blocking]
        return outcome
    for table in raw.tables.values():
        if only is not None and table.path.resolve() != only:
            continue
        sheet = table.sheet
        if sheet is None or sheet.error:  # undecodable, or broken CSV: nothing safe to write
            codes = UNREADABLE if sheet is None else None
            outcome.refused += [
                p
                for p in raw.problems
                if p.path == table.display
                and p.blocking
                and (p.code in codes if codes else p.code.startswith("file-"))
            ]
            continue
        if sheet.text.encode("utf-8") == table.path.read_bytes():
            outcome.untouched += 1
            continue
        outcome.repairs.append(Repair(table, sheet.text, _done(sheet)))
    return outcome


def repair(target: Path) -> Outcome:
    """Rewrite every file of ``target`` that is not in canonical form; return what was done."""
    outcome = plan(target)
    for item in outcome.repairs:
        write_atomic(item.table.path, item.text)
    return outcome


def _root_of(target: Path) -> tuple[Path, Path | None]:
    """The register folder of ``target`` and, when ``target`` is a file, that file."""
    if target.is_dir() or not target.exists():
        return target, None
    for parent in target.resolve().parents:
        if (parent / DESCRIPTOR).is_file():
            return parent, target.resolve()
    return target.parent, target.resolve()


def _done(sheet: ss.Sheet) -> tuple[str, ...]:
    decoded = sheet.decoded
    done = [DONE[decoded.delimiter]] if decoded.delimiter != "," else []
    done += [DONE.get(s, s) for s in decoded.shapes if s not in ss.DELIMITERS.values()]
    done += [DONE[ss.SHAPE_QUOTES]] if sheet.quoted else []
    cells = Counter(c.shape for c in sheet.changes)
    for shape, n in cells.items():
        done.append(f"{DONE.get(shape, shape)} ({n} {plural(n, 'komórka', 'komórki', 'komórek')})")
    return tuple(done)


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, as given) without a half-written state."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def describe(outcome: Outcome, written: bool = True) -> str:
    """The Polish report printed by ``kis popraw`` (``written=False``: what it would do)."""
    lines = [item.line() for item in outcome.repairs]
    lines += [str(p) for p in outcome.refused]
    n = len(outcome.repairs)
    if n:
        verb = "Poprawiono" if written else "Do poprawienia:"
        lines.append(
            f"{verb} {n} {plural(n, 'plik', 'pliki', 'plików')}; pozostałe "
            f"({outcome.untouched}) nie wymagają zmian."
            + ("" if written else " Uruchom „kis popraw” bez --check.")
        )
    elif not outcome.refused and not outcome.untouched:
        lines.append("Nie znaleziono żadnego pliku CSV rejestru: podaj folder z plikiem "
                     "datapackage.yaml albo jeden z plików CSV, które opisuje.")
    elif not outcome.refused:
        lines.append(
            "Plik jest zapisany jak w rejestrze; nic nie zmieniono."
            if outcome.untouched == 1
            else f"Wszystkie pliki ({outcome.untouched}) są zapisane jak w rejestrze; "
            "nic nie zmieniono."
        )
    if outcome.refused:
        lines.append(
            "Plików z problemami powyżej nie zmieniono: popraw je i uruchom polecenie ponownie."
        )
    return "\n".join(lines)
