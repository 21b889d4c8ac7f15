"""Peak memory of a process tree: the build, its forked copy and its PDF workers, summed.

``wait4``'s ``ru_maxrss`` gives the largest of a process's children, not their sum, and a forked
copy shares most of its pages with its parent. So a thread samples, every ``interval`` seconds,
the proportional set size (PSS: a shared page counted once over the processes sharing it) of
this process and every descendant, from ``/proc/PID/smaps_rollup``, and keeps the largest sum.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PROC = Path("/proc")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # ended meanwhile
                continue
            parent = int(stat.rpartition(")")[2].split()[1])
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _pss_kb(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_mb(root: int) -> float:
    """The PSS of ``root`` and all its descendants now, in MB."""
    tree, todo, total = _children(), [root], 0
    while todo:
        pid = todo.pop()
        total += _pss_kb(pid)
        todo += tree.get(pid, [])
    return total / 1024


class TreePeak:
    """``with TreePeak() as peak: …`` then ``peak.mb``: the largest summed PSS seen."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        root = os.getpid()
        while True:
            self.mb = max(self.mb, tree_pss_mb(root))
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> TreePeak:
        if PROC.joinpath("self", "smaps_rollup").exists():
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
