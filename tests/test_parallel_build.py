"""A build on two processes (issue #19) makes the very site one process makes, fails the same way,
and leaves no process behind."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
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


def _no_build_folders(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".out.build-")]


def test_a_killed_second_process_fails_the_build_naming_its_part(tmp_path: Path) -> None:
    """E.g. the OOM killer: one Polish error at the part, with the signal, and nothing left."""
    register = make_register(tmp_path / "register")

    def killed(model: object, ctx: object) -> dict[str, object]:
        os.kill(os.getpid(), signal.SIGKILL)
        return {}

    parts = [*OWN, Part("zabita", killed, apart=True)]
    started = time.monotonic()
    with pytest.raises(build.BuildFailed) as err:
        build.build_site(register, tmp_path / "out", SMALL_AS_OF, parts=parts, processes=2)
    assert time.monotonic() - started < 120  # no hang
    (found,) = err.value.problems
    assert found.code == "build-second-process-died"
    apart = [f"część strony „{part.name}”" for part in parts if part.apart]  # all it made
    assert found.path == ", ".join(apart) and apart[-1] == "część strony „zabita”"
    assert f"przygotowywał {', '.join(apart)}, zakończył" in found.message
    assert "zatrzymany sygnałem 9, SIGKILL" in found.message
    assert "pamięci" in found.hint
    assert not (tmp_path / "out").exists() and _no_build_folders(tmp_path) == []


def test_the_second_process_tells_its_exit_code_or_its_signal() -> None:
    with pytest.raises(parallel.ForkedFailed) as exited:
        parallel.Forked(lambda wait: os._exit(3)).result()
    assert exited.value.code == 3
    with pytest.raises(parallel.ForkedFailed) as killed:
        parallel.Forked(lambda wait: os.kill(os.getpid(), signal.SIGTERM)).result()
    assert killed.value.code == -signal.SIGTERM
    died = build._second_process_failed(exited.value, ["część strony „a”", "część strony „b”"])
    (found,) = died.problems
    assert found.path == "część strony „a”, część strony „b”"
    assert "przygotowywał część strony „a”, część strony „b”" in found.message
    assert "(kod wyjścia 3)" in found.message


class _TwoArguments(Exception):
    """Pickles (as its ``args``) but does not unpickle: ``__init__`` wants two arguments."""

    def __init__(self, first: str, second: str) -> None:
        super().__init__(f"{first} {second}")


def test_an_error_that_does_not_unpickle_arrives_as_its_text() -> None:
    def fails(wait: object) -> None:
        raise _TwoArguments("nie", "przechodzi")

    with pytest.raises(parallel.ForkedFailed) as err:
        parallel.Forked(fails).result()
    assert "_TwoArguments: nie przechodzi" in str(err.value) and err.value.code is None
    with pytest.raises(parallel.ForkedFailed, match="nie daje się przesłać") as unsent:
        parallel.Forked(lambda wait: lambda: "funkcja lokalna").result()
    assert unsent.value.code is None


def test_a_grouped_page_failing_in_the_second_process_names_its_folder(tmp_path: Path) -> None:
    register = make_register(tmp_path / "register")
    parent = os.getpid()

    def render() -> str:
        if os.getpid() != parent:  # the second process renders ahead while mkdocs runs
            raise _TwoArguments("zła", "strona")
        return "<h1>Strona</h1>"

    def grouped(model: object, ctx: object) -> dict[str, object]:
        return {f"grupa/{n}/index.md": LazyPage({"title": n}, render) for n in ("a", "b")}

    with pytest.raises(build.BuildFailed) as err:
        build.build_site(register, tmp_path / "out", SMALL_AS_OF, processes=2,
                         parts=[*OWN, Part("grupa", grouped)])
    (found,) = err.value.problems
    assert "strony w folderze „grupa/”" in found.path.split(", ")  # all the copy wrote
    assert "_TwoArguments: zła strona" in found.message
    assert not (tmp_path / "out").exists() and _no_build_folders(tmp_path) == []


def _not_pickling(text: str) -> str:
    class Local(str):  # a local class does not pickle
        pass

    return Local(text)


@pytest.mark.parametrize(("how", "said"), [
    (_not_pickling, "nie dają się przesłać z drugiego procesu"),  # fails in the copy
    (lambda text: _OneWay(text), "ValueError: nie odtworzę"),  # pickles, fails in the build
], ids=["does not pickle", "does not unpickle"])
def test_a_part_value_that_does_not_travel_fails_naming_the_part(
    tmp_path: Path, how: object, said: str
) -> None:
    register = make_register(tmp_path / "register")

    def unsendable(model: object, ctx: object) -> dict[str, object]:
        return {"obca/index.md": how(page("Obca", "<h1>Obca</h1>"))}  # type: ignore[operator]

    with pytest.raises(build.BuildFailed) as err:
        build.build_site(register, tmp_path / "out", SMALL_AS_OF, processes=2,
                         parts=[*OWN, Part("obca", unsendable, apart=True)])
    (found,) = err.value.problems
    assert found.path == "część strony „obca”"
    assert "nie dają się przesłać z drugiego procesu" in found.message
    assert said in found.message
    assert not (tmp_path / "out").exists() and _no_build_folders(tmp_path) == []


class _Counted(str):
    """A page's text that notes in a file each time it is pickled (in whichever process)."""

    log: Path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        with open(self.log, "a", encoding="utf-8") as noted:
            noted.write("pickled\n")
        return str, (str(self),)


def _refuse(text: str) -> str:
    raise ValueError(f"nie odtworzę {text}")


class _OneWay(str):
    """Pickles, but does not unpickle: what it pickles to raises when loaded."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return _refuse, (str(self),)


def test_a_part_made_apart_is_pickled_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    register = make_register(tmp_path / "register")
    log = tmp_path / "pickled.log"
    monkeypatch.setattr(_Counted, "log", log, raising=False)

    def counted(model: object, ctx: object) -> dict[str, object]:
        return {"liczona/index.md": _Counted(page("Liczona", "<h1>Liczona</h1>"))}

    result = build.build_site(register, tmp_path / "out", SMALL_AS_OF, processes=2,
                              parts=[*OWN, Part("liczona", counted, apart=True)])
    assert log.read_text(encoding="utf-8") == "pickled\n"  # sent once, not checked first
    assert "<h1>Liczona</h1>" in (result.out / "liczona" / "index.html").read_text("utf-8")


def test_the_grouped_pages_are_written_by_the_second_process_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fails if the second fork silently stops happening (the site would still be right)."""
    register = make_register(tmp_path / "register")
    made_in = tmp_path / "made-in"
    made_in.mkdir()
    original = build._write_groups_apart

    def noted(*args: object) -> None:
        (made_in / str(os.getpid())).touch()
        original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "_write_groups_apart", noted)
    build.build_site(register, tmp_path / "out", SMALL_AS_OF, parts=OWN, processes=2)
    assert [p.name for p in made_in.iterdir()] not in ([], [str(os.getpid())])


def test_a_failing_part_in_the_parent_does_not_wait_for_the_second_process(
        tmp_path: Path) -> None:
    register = make_register(tmp_path / "register")

    def slow(model: object, ctx: object) -> dict[str, object]:
        time.sleep(60)
        return {}

    parts = [Part("zepsuta", _fails("od razu")), *OWN,  # type: ignore[arg-type]
             Part("powolna", slow, apart=True)]
    started = time.monotonic()
    with pytest.raises(build.BuildFailed) as err:
        build.build_site(register, tmp_path / "out", SMALL_AS_OF, parts=parts, processes=2)
    assert time.monotonic() - started < 30
    assert err.value.problems[0].path == "część strony „zepsuta”"


def test_claims_are_bounded_by_one_constant() -> None:
    with pytest.raises(ValueError):
        parallel.Claims(parallel.Claims.MAX + 1)
    claims = parallel.Claims(parallel.Claims.MAX)
    try:
        assert [claims.next() for _ in range(3)] == [0, 1, 2]
    finally:
        claims.close()


def test_a_pipe_too_small_for_the_claims_fails_at_once_instead_of_hanging(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Linux gives small pipes to a user over fs.pipe-user-pages-soft; the only reader of the
    claims would be the writer itself, so a blocking write would hang the build for ever."""
    pipe = os.pipe

    def small_pipe() -> tuple[int, int]:
        read, write = pipe()
        fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)
        return read, write

    monkeypatch.setattr(parallel.os, "pipe", small_pipe)
    before = set(os.listdir("/proc/self/fd"))
    with pytest.raises(OSError, match="4096 bytes"):
        parallel.Claims(2000)  # 8,000 bytes
    assert set(os.listdir("/proc/self/fd")) == before  # both ends closed
    claims = parallel.Claims(1000)  # 4,000 bytes fit
    try:
        assert claims.next() == 0
    finally:
        claims.close()


def test_interrupts_are_held_only_while_forking() -> None:
    """SIGINT/SIGTERM are blocked around the fork (else Ctrl-C there would run the parent's
    clean-up in the copy), and unblocked again on both sides."""
    before = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    assert signal.SIGINT not in before and signal.SIGTERM not in before
    in_copy = parallel.Forked(lambda wait: signal.pthread_sigmask(signal.SIG_BLOCK, [])).result()
    assert in_copy == before
    assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == before


def test_a_thread_started_during_the_build_keeps_the_grouped_pages_in_one_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """can_fork is asked again right before the second fork (threads may have started)."""
    register = make_register(tmp_path / "register")
    build.build_site(register, tmp_path / "two", SMALL_AS_OF, parts=OWN, processes=2)
    asked: list[str] = []

    def can_fork() -> bool:
        asked.append("?")
        return len(asked) < 3  # the build's start, gather's fork; not the grouped pages'

    def never(*args: object) -> None:
        raise AssertionError("forked for the grouped pages")

    monkeypatch.setattr(build, "can_fork", can_fork)
    monkeypatch.setattr(build, "_write_groups_apart", never)
    build.build_site(register, tmp_path / "one", SMALL_AS_OF, parts=OWN, processes=2)
    assert len(asked) == 3
    assert hashes(tmp_path / "one") == hashes(tmp_path / "two")


def test_a_second_process_dies_with_a_killed_build(tmp_path: Path) -> None:
    """A build killed outright (SIGKILL, no clean-up) takes its forked copy with it."""
    pid_file, copy = tmp_path / "copy.pid", 0
    script = (
        "import os, sys, time\n"
        "from generator.parallel import Forked\n"
        "def work(wait):\n"
        f"    open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "    time.sleep(120)\n"
        "Forked(work)\n"
        "time.sleep(120)\n"
    )
    build = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while not pid_file.is_file() or not pid_file.read_text():
            assert time.monotonic() < deadline and build.poll() is None
            time.sleep(0.05)
        copy = int(pid_file.read_text())
        assert Path(f"/proc/{copy}").exists()
        build.kill()
        build.wait()
        deadline = time.monotonic() + 30
        while _alive(copy):  # reaped by init once killed
            assert time.monotonic() < deadline, "the copy outlived the killed build"
            time.sleep(0.05)
    finally:
        build.kill()
        build.wait()
        if copy and _alive(copy):  # the test failed: the copy does not sleep on after it
            os.kill(copy, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state != "Z"
