"""A build on two processes (issue #19) makes the very site one process makes, fails the same way,
and leaves no process behind."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator import parallel, website
from generator.site import build
from generator.site.context import Part
from generator.site.markdown_page import LazyPage, page
from generator.site.pending import Pending
from tests.registers import SMALL_AS_OF, make_register
from tests.site_support import DEMO, DEMO_AS_OF, OWN_PARTS, hashes

OWN = [part for part in website.PARTS if part.name in OWN_PARTS]


def test_two_processes_build_the_demo_site_byte_for_byte_as_one(tmp_path: Path) -> None:
    one = website.build_site(DEMO, tmp_path / "one", DEMO_AS_OF, processes=1)
    two = website.build_site(DEMO, tmp_path / "two", DEMO_AS_OF, processes=2)
    first, second = hashes(one.out), hashes(two.out)
    assert len(first) > 500  # the whole site: pages in shells, open data, forms, PDFs
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []


def test_parts_marked_apart_are_made_in_the_second_process(tmp_path: Path) -> None:
    register = make_register(tmp_path / "register")
    made_in = tmp_path / "made-in"
    made_in.mkdir()

    def where(model: object, ctx: object) -> dict[str, object]:
        (made_in / str(os.getpid())).touch()
        return {"gdzie/dane.txt": "tekst", "gdzie/index.md": page("Gdzie", "<h1>Gdzie</h1>")}

    parts = [*OWN, Part("gdzie", where, apart=True)]
    build.build_site(register, tmp_path / "two", SMALL_AS_OF, parts=parts, processes=2)
    assert [p.name for p in made_in.iterdir()] != [str(os.getpid())]
    assert (tmp_path / "two" / "gdzie" / "dane.txt").read_text(encoding="utf-8") == "tekst"
    for p in made_in.iterdir():
        p.unlink()
    build.build_site(register, tmp_path / "one", SMALL_AS_OF, parts=parts, processes=1)
    assert [p.name for p in made_in.iterdir()] == [str(os.getpid())]
    assert hashes(tmp_path / "one") == hashes(tmp_path / "two")


def _fails(message: str) -> object:
    def site_files(model: object, ctx: object) -> dict[str, object]:
        raise ValueError(message)

    return site_files


@pytest.mark.parametrize("processes", [1, 2])
def test_the_first_failing_part_in_the_list_is_named(tmp_path: Path, processes: int) -> None:
    register = make_register(tmp_path / "register")
    parts = [*OWN, Part("pierwsza", _fails("zepsuta"), apart=True),  # type: ignore[arg-type]
             Part("druga", _fails("też zepsuta"))]  # type: ignore[arg-type]
    with pytest.raises(build.BuildFailed) as err:
        build.build_site(register, tmp_path / "out", SMALL_AS_OF, parts=parts,
                         processes=processes)
    (found,) = err.value.problems
    assert found.code == "build-failed"
    assert "pierwsza" in found.path and "ValueError: zepsuta" in found.message
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.build-")] == []


@pytest.mark.parametrize("processes", [1, 2])
def test_a_grouped_page_without_its_heading_fails_the_build(tmp_path: Path, processes: int
                                                            ) -> None:
    register = make_register(tmp_path / "register")

    def headless(model: object, ctx: object) -> dict[str, object]:
        return {f"bez/{n}/index.md": LazyPage({"title": n}, lambda: "<p>bez nagłówka</p>")
                for n in ("a", "b")}

    with pytest.raises(build.BuildFailed) as err:
        build.build_site(register, tmp_path / "out", SMALL_AS_OF,
                         parts=[*OWN, Part("bez", headless)], processes=processes)
    assert "bez/a/index.md has no <h1> of its own" in err.value.problems[0].message


@pytest.mark.parametrize("processes", [1, 2])
def test_a_part_made_apart_may_not_return_pending_files(tmp_path: Path, processes: int) -> None:
    """Work a part starts must belong to the build's own process: the engine refuses pending
    files from a part marked ``apart``, however many processes build, and stops their work."""
    register = make_register(tmp_path / "register")
    stopped = tmp_path / "stopped"

    def with_work(model: object, ctx: object) -> dict[str, object]:
        return {"praca/plik.pdf": Pending(lambda: b"%PDF", stopped.touch)}

    with pytest.raises(build.BuildFailed) as err:
        build.build_site(register, tmp_path / "out", SMALL_AS_OF, processes=processes,
                         parts=[*OWN, Part("praca", with_work, apart=True)])
    (found,) = err.value.problems
    assert found.path == "część strony „praca”" and "praca/plik.pdf" in found.message
    assert "w głównym procesie" in found.message
    assert stopped.exists()  # its work was stopped where it was started
    assert not (tmp_path / "out").exists()


def test_the_second_process_sends_its_value_or_its_error() -> None:
    pid, told = parallel.Forked(lambda wait: (os.getpid(), wait())).result()
    assert pid != os.getpid() and told is False  # asked for its value without go()
    forked = parallel.Forked(lambda wait: wait())
    forked.go()
    assert forked.result() is True
    with pytest.raises(build.BuildFailed) as err:
        parallel.Forked(lambda wait: (_ for _ in ()).throw(
            build.BuildFailed([build._failure("x", part="p")]))).result()
    assert err.value.problems[0].path == "część strony „p”"


def test_a_cancelled_second_process_is_stopped_and_reaped() -> None:
    forked = parallel.Forked(lambda wait: time.sleep(60))
    pid = forked.pid
    assert pid is not None
    forked.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped already: no zombie, no orphan
