"""Something slow to make (a built site, a written register) made once per test run.

pytest's session scope ends at the process: under pytest-xdist every worker would build the demo
site again. :func:`once` keeps what it made in the temporary folder the whole run shares (under
xdist, the workers' common parent folder) behind a file lock: the first process to ask makes it,
the others wait for it and reuse it. Without xdist it is simply once per session. A failed attempt
leaves its partial folder, which the next process to ask removes before it tries again (and fails
the same way: under xdist every worker that needs it repeats a failing build).
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from generator.site.file_lock import locked


def run_folder(factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of the whole test run: under xdist, the parent of every worker's."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(factory: pytest.TempPathFactory, key: str, make: Callable[[Path], object]) -> Path:
    """``folder/key``, made by ``make(folder/key)`` only the first time any process of this
    test run asks for ``key``; callers must only read it."""
    folder = run_folder(factory) / "once"
    folder.mkdir(exist_ok=True)
    target, done = folder / key, folder / f"{key}.done"
    with locked(folder / f"{key}.lock"):
        if not done.exists():
            shutil.rmtree(target, ignore_errors=True)  # what a failed attempt left
            make(target)
            done.touch()
    return target


def once_each(factory: pytest.TempPathFactory, keys: Sequence[str],
              make: Callable[[str, Path], object]) -> dict[str, Path]:
    """:func:`once` for each of ``keys`` (``make(key, folder/key)``), shared out: this process
    first makes each thing no other process is making at the moment, then waits for the rest
    (or makes what a failed attempt left undone). Two workers asking for the same two keys at
    the same time make one each."""
    folder = run_folder(factory) / "once"
    folder.mkdir(exist_ok=True)
    for key in keys:
        with (folder / f"{key}.lock").open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # another process is making it: wait for it below
            try:
                if not (folder / f"{key}.done").exists():
                    shutil.rmtree(folder / key, ignore_errors=True)
                    make(key, folder / key)
                    (folder / f"{key}.done").touch()
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
    return {key: once(factory, key, lambda target, key=key: make(key, target)) for key in keys}
