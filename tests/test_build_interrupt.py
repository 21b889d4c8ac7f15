"""`kis build` stopped by a signal cleans up; an output folder it must not replace is refused.

Issue 17: killing a build left PDF worker processes and /tmp/kis-pdf-* folders behind, SIGINT
printed a traceback, and a read-only or `/` output folder gave a traceback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import website
from generator.cli import main
from generator.site import build as build_module
from generator.site import tidy
from generator.site.signals import Interrupted
from generator.website import BuildFailed, build_site
from tests.conftest import AS_OF
from tests.registers import PROJECT, make_base
from tests.site_support import build_own

WORKER = b"generator.parts.documents.pdf_worker"


def _workers(tmp: Path) -> list[int]:
    """PDF worker processes whose batch file lies in ``tmp`` (this test's own)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if WORKER in args and any(str(tmp).encode() in a for a in args):
            found.append(int(entry.name))
    return found


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_the_build_and_leaves_nothing_behind(
    tmp_path: Path, signum: int, code: int
) -> None:
    register = make_base(tmp_path / "register")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "site"
    env = dict(os.environ, TMPDIR=str(tmp), KIS_CACHE_DIR=str(tmp_path / "cache"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build", "--register", str(register),
         "--out", str(out), "--as-of", AS_OF.isoformat()],
        cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 300
        while not _workers(tmp):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "no PDF worker started"
            time.sleep(0.05)
        proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = stderr.decode("utf-8")
    assert proc.returncode == code, text
    assert "Traceback" not in text
    assert text.strip().splitlines() == [
        f"Przerwano budowę strony; poprzednia zawartość {out}/ pozostała bez zmian."
    ]
    assert _workers(tmp) == []
    assert not list(tmp.glob("kis-pdf-*"))
    assert not out.exists() and not list(tmp_path.glob(".site.build-*"))


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    return make_base(tmp_path / "project" / "register")


@pytest.mark.parametrize("where", ["/", "home", "register", "inside", "above"])
def test_folders_that_must_not_be_replaced_are_refused(register: Path, where: str) -> None:
    out = {
        "/": Path("/"),
        "home": Path.home(),
        "register": register,
        "inside": register / "wojewodztwa",
        "above": register.parent,
    }[where]
    with pytest.raises(BuildFailed) as caught:
        build_site(register, out, AS_OF)
    (found,) = caught.value.problems
    assert found.code == "build-out-forbidden"
    assert found.message.startswith("folderem wyjściowym nie może być ")


def test_an_unwritable_output_folder_is_refused_in_polish(register: Path) -> None:
    with pytest.raises(BuildFailed) as caught:
        build_site(register, Path("/proc/kis-nie-ma/site"), AS_OF)
    (found,) = caught.value.problems
    assert found.code == "build-out-not-writable"
    assert "(folderu nie ma i nie można go utworzyć)" in found.message


def test_the_cli_says_it_in_one_message_without_a_traceback(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--register", str(register), "--out", "/",
                 "--as-of", AS_OF.isoformat()]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "katalog główny systemu plików" in err


def test_a_stop_while_tidying_after_the_swap_leaves_the_new_site(
    register: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    build_own(register, out, AS_OF)
    (out / "stary.txt").write_text("z poprzedniej budowy")

    def stopped(*_: object) -> int:
        raise Interrupted(signal.SIGINT)

    monkeypatch.setattr(tidy, "remove_counting", stopped)
    with pytest.raises(Interrupted) as caught:
        build_own(register, out, AS_OF)
    assert caught.value.site_replaced
    assert (out / "index.html").is_file() and not (out / "stary.txt").exists()
    assert (tmp_path / ".site.old" / "stary.txt").is_file()  # left for the next build
    monkeypatch.undo()
    build_own(register, out, AS_OF)
    assert not (tmp_path / ".site.old").exists()


def test_a_failure_between_the_swaps_renames_puts_the_old_site_back(register: Path,
                                                                    tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("stara")
    with pytest.raises(FileNotFoundError):
        build_module._swap(tmp_path / "nie-ma", out)  # the second rename fails
    assert (out / "index.html").read_text() == "stara"
    assert not (tmp_path / ".site.old").exists()


@pytest.mark.parametrize("replaced", [False, True])
def test_the_cli_says_whether_the_new_site_is_in_place(
    replaced: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    def stopped(*_: object, **__: object) -> None:
        err = Interrupted(signal.SIGINT)
        err.site_replaced = replaced
        raise err

    monkeypatch.setattr(website, "build_site", stopped)
    out = tmp_path / "site"
    assert main(["build", "--register", str(PROJECT / "register"), "--out", str(out),
                 "--as-of", AS_OF.isoformat()]) == 130
    said = capsys.readouterr().err.strip().splitlines()[-1]
    assert said == (
        f"Przerwano porządkowanie po budowie: nowa strona jest już w folderze {out}/; resztki "
        "poprzedniej strony usunie następna budowa." if replaced else
        f"Przerwano budowę strony; poprzednia zawartość {out}/ pozostała bez zmian.")


def test_a_stop_right_after_the_swaps_rename_says_the_new_site_is_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Path.rename is Python code: a signal can arrive after os.rename has moved the folder."""
    out, site = tmp_path / "site", tmp_path / "nowa"
    out.mkdir()
    (out / "index.html").write_text("stara")
    site.mkdir()
    (site / "index.html").write_text("nowa")
    rename = Path.rename

    def renamed_then_stopped(self: Path, target: Path) -> Path:
        done = rename(self, target)
        if self == site:
            raise Interrupted(signal.SIGINT)
        return done

    monkeypatch.setattr(Path, "rename", renamed_then_stopped)
    with pytest.raises(Interrupted) as caught:
        build_module._swap(site, out)
    assert caught.value.site_replaced
    assert (out / "index.html").read_text() == "nowa"
