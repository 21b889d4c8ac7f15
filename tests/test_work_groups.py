"""How ``make test`` shares the tests among pytest-xdist's workers (tests/work_groups.py) and
makes a slow thing once for all of them (tests/once.py)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.once import once, once_each, run_folder
from tests.work_groups import site_of, work_group


def test_a_module_runs_on_one_worker_and_the_gate_by_site() -> None:
    assert work_group("tests/test_status.py::test_withdrawn_and_struck_off") == (
        "tests/test_status.py")
    assert work_group("tests/test_fold.py::test_fold[Łódź-lodz]") == "tests/test_fold.py"
    assert work_group("tests/quality/test_reflow.py::test_no_page_scrolls[synthetic-1000]") == (
        "quality-synthetic-1000")
    assert work_group("tests/quality/test_reflow.py::test_no_page_scrolls[demo]") == (
        "quality-demo")
    # the demo site's gate is split in two: the HTML checker, links, print and keyboard apart
    assert work_group("tests/quality/test_links.py::test_every_link_resolves[demo]") == (
        "quality-demo-2")
    assert work_group("tests/quality/test_links.py::test_every_link_resolves[synthetic-1000]") == (
        "quality-synthetic-1000")
    assert site_of("quality-demo-2") == site_of("quality-demo") == "demo"
    assert site_of("tests/test_fold.py") is None
    # the gate's tests of no site (the checkers checked) join the demo site's group
    assert work_group("tests/quality/test_privacy.py::test_the_guard_stops_a_request") == (
        "quality-demo")
    # another parameter beside the site: the site is one component of the id
    assert work_group("tests/quality/test_reflow.py::test_x[synthetic-1000-320]") == (
        "quality-synthetic-1000")
    assert work_group("tests/quality/test_reflow.py::test_x[320-demo]") == "quality-demo"


def test_once_makes_a_thing_once_for_every_caller(tmp_path_factory: pytest.TempPathFactory,
                                                   tmp_path: Path) -> None:
    made: list[Path] = []

    def make(target: Path) -> None:
        made.append(target)
        target.mkdir()
        (target / "done").write_text("tak", encoding="utf-8")

    key = f"test-once-{os.getpid()}-{tmp_path.name}"
    results: list[Path] = []
    callers = [threading.Thread(target=lambda: results.append(once(tmp_path_factory, key, make)))
               for _ in range(4)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    assert len(made) == 1 and len(set(results)) == 1 and len(results) == 4
    assert (results[0] / "done").read_text(encoding="utf-8") == "tak"
    assert results[0].parent.parent == run_folder(tmp_path_factory)


def test_a_failed_attempt_is_made_again(tmp_path_factory: pytest.TempPathFactory,
                                        tmp_path: Path) -> None:
    key = f"test-once-failing-{os.getpid()}-{tmp_path.name}"

    def fail(target: Path) -> None:
        target.mkdir()
        raise RuntimeError("nie wyszło")

    with pytest.raises(RuntimeError):
        once(tmp_path_factory, key, fail)
    made = once(tmp_path_factory, key, lambda target: target.mkdir())
    assert made.is_dir() and not any(made.iterdir())


def test_two_callers_of_once_each_make_one_half_each(tmp_path_factory: pytest.TempPathFactory,
                                                    tmp_path: Path) -> None:
    """Two processes asking for the same keys at once make one each, then read the other's."""
    keys = [f"test-once-each-{os.getpid()}-{tmp_path.name}-{n}" for n in range(2)]
    both_started = threading.Barrier(2)
    made: list[tuple[str, str]] = []

    def make(caller: str) -> Callable[[str, Path], None]:
        def making(key: str, target: Path) -> None:
            made.append((caller, key))
            both_started.wait(timeout=10)  # neither finishes before the other has begun
            target.mkdir()
            (target / "by").write_text(caller, encoding="utf-8")
        return making

    results: dict[str, dict[str, Path]] = {}
    callers = [threading.Thread(target=lambda c=c: results.update({c: once_each(
        tmp_path_factory, keys, make(c))})) for c in ("a", "b")]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()
    assert sorted(key for _, key in made) == keys  # each made once
    assert {caller for caller, _ in made} == {"a", "b"}  # by both callers
    assert results["a"] == results["b"]
    assert {(results["a"][k] / "by").read_text(encoding="utf-8") for k in keys} == {"a", "b"}
