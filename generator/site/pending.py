"""Pending files: files of the site whose content is still being made when their part returns.

A part that starts slow work (the documents' and reports' PDFs, rendered by worker processes)
returns, among its other files, a :class:`Pending` value for each file that work will give. The
engine checks its path with every other file's before mkdocs runs, and writes it in the one patch
pass after mkdocs (:func:`generator.site.build.patch_site`): a finished file is hard-linked (the
PDF cache), bytes are written. A page may show the size of a pending file before it exists: the
part writes :func:`size_mark` into the page and lists the page in the value's ``shown_on``; the
patch pass puts the size in the mark's place. :func:`completed` does the same in memory.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from generator.polish import file_size

# Private-use characters: never in a page's own text, kept as they are by Markdown and mkdocs.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
MARK = re.compile(f"{MARK_OPEN}([^{MARK_CLOSE}]+){MARK_CLOSE}")


@dataclass(frozen=True, eq=False)
class Pending:
    """A file still being made by work its part started: ``wait()`` gives its content once the
    work is done — bytes, or a finished file to hard-link — and ``cancel()`` stops the work and
    frees what it holds. The engine calls ``cancel`` of every pending value when the build ends,
    failed or not; values made by one piece of work share its ``cancel`` (called once)."""

    wait: Callable[[], bytes | Path]
    cancel: Callable[[], None]
    shown_on: tuple[str, ...] = ()  # docs paths of the pages showing its size (size_mark)
    part: str = ""  # the part that returned it (set by the engine, named when it fails)


def size_mark(path: str) -> str:
    """Stands, in a page, for the size of the pending file at site path ``path``."""
    return f"{MARK_OPEN}{path}{MARK_CLOSE}"


def owned(files: Mapping[str, object], part: str) -> dict[str, object]:
    """``files`` with each pending value marked as returned by ``part``."""
    return {path: replace(content, part=part) if isinstance(content, Pending) else content
            for path, content in files.items()}


def pending_in(files: Mapping[str, object]) -> dict[str, Pending]:
    """The pending values among ``files``, by path."""
    return {path: content for path, content in files.items() if isinstance(content, Pending)}


def cancel_all(pending: Iterable[object]) -> None:
    """Stop the work of every pending value in ``pending`` (other values are skipped); each
    piece of work once."""
    stops = dict.fromkeys(p.cancel for p in pending if isinstance(p, Pending))
    for stop in stops:
        stop()


def write(pending: Pending, target: Path) -> int:
    """Write the file ``pending`` gives (waiting for it) at ``target``; its size in bytes."""
    content = pending.wait()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    if isinstance(content, Path):
        link_or_copy(content, target)
    else:
        target.write_bytes(content)
    return target.stat().st_size


def link_or_copy(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source``, or a copy where no link can be made."""
    try:
        os.link(source, target)
    except OSError:  # another device, or a file system without links
        shutil.copyfile(source, target)


def shown_sizes(text: str, sizes: Mapping[str, int]) -> str:
    """``text`` with every :func:`size_mark` replaced by the file's size, in Polish."""
    return MARK.sub(lambda m: file_size(sizes[m.group(1)]), text)


def completed(files: Mapping[str, object]) -> dict[str, object]:
    """``files`` complete in memory: every pending file's bytes (waited for) in its place, and
    the pages showing their sizes with the sizes in; the work is cancelled then."""
    pending = pending_in(files)
    try:
        done: dict[str, object] = {
            path: _content(value) for path, value in pending.items()}
    finally:
        cancel_all(pending.values())
    sizes = {path: len(data) for path, data in done.items()}  # type: ignore[arg-type]
    shown = {page for value in pending.values() for page in value.shown_on}
    for path, content in files.items():
        if path in shown:
            done[path] = shown_sizes(str(content), sizes)
        elif path not in done:
            done[path] = content
    return dict(sorted(done.items()))


def _content(pending: Pending) -> bytes:
    content = pending.wait()
    return content.read_bytes() if isinstance(content, Path) else content
