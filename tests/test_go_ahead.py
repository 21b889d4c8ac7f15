"""The forked copy can ask, without waiting, whether the parent has said go (generator.parallel):
the build's second process stops rendering pages ahead once the shells are there."""

from __future__ import annotations

import time
from pathlib import Path

from generator import parallel


def _polls(asked: Path, wait: parallel.GoAhead) -> tuple[bool, bool, bool]:
    before = wait.ready()
    asked.write_text("asked")  # the parent says go only after this
    deadline = time.monotonic() + 60
    while not wait.ready() and time.monotonic() < deadline:
        time.sleep(0.01)
    return before, wait.ready(), wait()


def test_ready_says_whether_go_came_without_waiting(tmp_path: Path) -> None:
    asked = tmp_path / "asked"
    forked = parallel.Forked(lambda wait: _polls(asked, wait))  # type: ignore[arg-type]
    deadline = time.monotonic() + 60
    while not asked.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    forked.go()
    assert forked.result() == (False, True, True)


def test_ready_when_the_parent_gives_up(tmp_path: Path) -> None:
    forked = parallel.Forked(lambda wait: _polls(tmp_path / "asked", wait))  # type: ignore[arg-type]
    _, after, went = forked.result()  # never says go: the copy sees the end, not a word
    assert after is True
    assert went is False
