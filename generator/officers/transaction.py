"""Edit the register all or nothing: copy it, make the edits, validate before and after, write.

Shared by ``kis import`` and ``kis zgloszenie``. :func:`edited_texts` makes the edits on each
file's canonical text, as the loader read it (a spreadsheet's save — Windows-1250, semicolons,
05.03.2026 — is rewritten in the register's own form, like ``kis popraw`` does, so the new rows
match the rest). :func:`check` validates a temporary copy with the new texts and keeps only the
problems the register did not have before, with the copy's folder replaced by the register's in
every path and message. :func:`write_all` prepares every file (temporary file beside it, fsync,
mode kept) before replacing any of them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from generator.officers import csv_edit
from generator.officers.csv_edit import Edit
from generator.problems import Problem, problem
from generator.register.load import RawRegister, Table, display_path
from generator.validation.validate import Report, validate

Identity = Callable[[Problem, RawRegister, Path], Any]


def same_problem(p: Problem, raw: RawRegister, root: Path) -> tuple[Any, ...]:
    """A problem as compared before and after the edits: its file relative to ``root``."""
    try:
        where = Path(p.path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        where = p.path
    return (where, p.line, p.column, p.code, p.message)


def current_text(table: Table) -> str | Problem:
    """The file's canonical text as the loader read it, or why it cannot be edited safely."""
    sheet = table.sheet
    if sheet is None:
        return problem("edit-file-unreadable", table.display, detail="nie da się go odczytać")
    if sheet.error:
        line = int(getattr(sheet.error, "start", 0))
        quote = getattr(sheet.error, "unclosed_quote", False)
        detail = (f"w wierszu {line} jest błąd składni CSV"
                  + (" (cudzysłów otwarty i niezamknięty)" if quote else ""))
        return problem("edit-file-unreadable", table.display, line, detail=detail)
    return sheet.text


def edited_texts(
    raw: RawRegister, edits: dict[Path, list[Edit]]
) -> tuple[dict[Path, str], list[Problem]]:
    """The new canonical text of every edited file, or the problems of files not safe to edit."""
    tables = {t.path: t for t in raw.tables.values()}
    texts: dict[Path, str] = {}
    found: list[Problem] = []
    for path, file_edits in edits.items():
        text = current_text(tables[path])
        if isinstance(text, Problem):
            found.append(text)
        else:
            texts[path] = _apply(tables[path], text, file_edits)
    return texts, found


def _apply(table: Table, text: str, edits: list[Edit]) -> str:
    """Records are made with every field of the schema; a file lacking optional columns gets
    them only when an edit fills one (else the records are cut to the file's columns)."""
    names, columns = table.field_names, table.columns
    if columns == names:
        return csv_edit.apply(text, edits)
    absent = [i for i, n in enumerate(names) if n not in columns]
    if any(e.values[i] for e in edits for i in absent):
        return csv_edit.apply(csv_edit.widen(text, columns, names), edits)
    return csv_edit.apply(text, [csv_edit.narrow(e, names, columns) for e in edits])


@dataclass(frozen=True)
class Trial:
    """The register validated with the new texts."""

    report: Report  # of the copy (its paths are the copy's: use :meth:`relocate` on problems)
    new: list[Problem]  # problems the edits bring, still located in the copy
    register: Path
    copy: Path  # the copy's folder (already removed)

    def relocate(self, p: Problem) -> Problem:
        """``p`` with the copy's folder replaced by the register's in its path, texts, params."""
        real = display_path(self.register)
        temporary = dict.fromkeys(
            (str(self.copy.resolve()), str(self.copy), display_path(self.copy)))
        def real_text(value: str) -> str:
            for name in temporary:
                value = value.replace(name, real)
            return value

        params = {k: real_text(v) for k, v in p.params.items()}
        return replace(p, path=real_text(p.path), message=real_text(p.message),
                       hint=real_text(p.hint), params=params)

    def where(self, p: Problem) -> str | None:
        """The file of ``p`` relative to the register, None when outside it."""
        try:
            return Path(p.path).resolve().relative_to(self.copy.resolve()).as_posix()
        except ValueError:
            return None


def check(
    register: Path, texts: dict[Path, str], as_of: date, identity: Identity = same_problem
) -> Trial:
    """Validate a copy of ``register`` with ``texts``; keep the problems it did not have."""
    with tempfile.TemporaryDirectory(prefix="kis-") as tmp:
        copy = Path(tmp) / "register"
        shutil.copytree(register, copy, symlinks=True)  # a link is copied, never followed
        for path, text in texts.items():
            target = copy / path.relative_to(register)
            if target.is_symlink():  # written as a file, never through the link
                target.unlink()
            target.write_bytes(text.encode("utf-8"))
        report = validate(copy, as_of)
        before: set[Any] = set()
        if report.problems:
            old = validate(register, as_of)
            before = {identity(p, old.raw, register) for p in old.problems}
        new = [p for p in report.problems if identity(p, report.raw, copy) not in before]
    return Trial(report, new, register, copy)


def write_all(texts: dict[Path, str]) -> None:
    """Write every file or none: all temporary files are written and synced before any replace."""
    prepared: list[tuple[str, Path]] = []
    try:
        for path, text in texts.items():
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            prepared.append((tmp, path))
            with os.fdopen(fd, "wb") as out:
                out.write(text.encode("utf-8"))
                out.flush()
                os.fsync(out.fileno())
            os.chmod(tmp, mode)
        for tmp, path in prepared:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in prepared:
            Path(tmp).unlink(missing_ok=True)
        raise
