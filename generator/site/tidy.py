"""Removing a build's leftovers: the previous site and the build's temporary folder.

Removing thousands of files and folders is almost all system calls (``unlink``, ``rmdir``),
during which Python lets other threads run: a few threads share the top-level folders of both
between them, while the calling thread counts the new site's files.
"""

from __future__ import annotations

import os
import queue
import shutil
import threading
from pathlib import Path

THREADS = 3  # removing; the kernel's work on different folders goes on side by side


def remove_counting(site: Path, old: Path | None, scratch: Path) -> int:
    """The number of files in ``site``, counted while ``old`` (the previous site, if any) and
    ``scratch`` (the build's temporary folder) are removed.

    ``old`` that cannot be removed raises its first :class:`OSError` once all is done (the
    caller warns; the next build moves what is left aside); ``scratch`` is removed as far as it
    can be, its docs tree (``scratch/docs``, which the build leaves to this) shared out between
    the threads with the old site's folders.
    """
    jobs: queue.SimpleQueue[tuple[str, bool]] = queue.SimpleQueue()
    for folder, strict in ((old, True), (scratch / "docs", False)):
        for path in _entries(folder):  # shared out between the threads, folders first
            jobs.put((path, strict))
    jobs.put((str(scratch), False))  # what is left of it, once its docs tree is taken
    errors: list[OSError] = []
    threads = [threading.Thread(target=_remove, args=(jobs, errors), name="remove")
               for _ in range(min(THREADS, jobs.qsize()))]
    for thread in threads:
        thread.start()
    try:
        count = count_files(site)
    finally:
        for thread in threads:
            thread.join()
    shutil.rmtree(str(scratch), ignore_errors=True)  # emptied meanwhile by other threads
    if old is not None:
        try:
            os.rmdir(old)
        except OSError as err:
            errors.append(err)
    if errors:
        raise errors[0]
    return count


def _entries(folder: Path | None) -> list[str]:
    """The paths in ``folder`` (none if it is missing), folders first: the largest jobs."""
    if folder is None:
        return []
    try:
        with os.scandir(folder) as entries:
            found = sorted(entries, key=lambda e: not e.is_dir(follow_symlinks=False))
    except FileNotFoundError:
        return []
    return [entry.path for entry in found]


def _remove(jobs: queue.SimpleQueue[tuple[str, bool]], errors: list[OSError]) -> None:
    """Remove the paths in ``jobs`` until none is left; errors of strict ones into ``errors``."""
    while True:
        try:
            path, strict = jobs.get_nowait()
        except queue.Empty:
            return
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=not strict)
            else:
                os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError as err:
            if strict:
                errors.append(err)


def count_files(site: Path) -> int:
    """The number of files under ``site`` (names only: no ``stat`` of each)."""
    return sum(len(names) for _, _, names in os.walk(site))
