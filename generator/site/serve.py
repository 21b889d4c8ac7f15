"""``kis serve``: a local preview that follows the register and the content as they are edited.

The site is built into a temporary folder and served on 127.0.0.1 only. Ten times a second the
watched folders are compared with the last snapshot (paths, sizes, modification times); a change
is acted on once the folders stop changing (an editor's save may take several writes).

- An edit to rows of voivodeship tables (``wojewodztwa/<folder>/*.csv``): only those files are
  read and checked again (:mod:`generator.validation.incremental`, the same problems as a full
  validation), only those folders' clubs are read into the model again
  (:func:`~generator.register.build_model.with_folders`), and only the pages of the clubs whose
  data changed are made (``quick``) and written into the served site at once
  (:mod:`generator.site.refresh`); then the whole site is built in a background process and
  swapped in when done — the same bytes as ``kis build``. A further edit stops that build and
  starts over.
- Any other change (a dictionary, a schema, the descriptor, a story, a template, a form, an
  asset, a file added or removed): the whole site is built at once.

A register with errors prints its problems and keeps the last good site online.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from itertools import count as numbers
from pathlib import Path
from typing import Any

from generator.api import model_of
from generator.polish import count
from generator.register.build_model import build_register, with_folders
from generator.register.load import RawRegister
from generator.register.model import Register
from generator.resources import FORMS
from generator.site import refresh
from generator.site.build import CONFIG, BuildFailed, BuildResult
from generator.site.context import SiteContext, default_cache_dir
from generator.site.signals import stopping_on_signals
from generator.site.templating import TEMPLATES
from generator.validation import incremental
from generator.validation import report as report_format
from generator.validation.validate import Report

POLL_SECONDS = 0.1
SETTLE_SECONDS = 0.05  # the folders must stay unchanged this long before a change is acted on
Snapshot = tuple[tuple[str, int, int], ...]
Build = Callable[..., BuildResult]  # (register, out, as_of, *, report=...) -> BuildResult
# (model, context, club ids) -> the docs tree's pages of those clubs, as the build makes them
Quick = Callable[[Register, SiteContext, Collection[str]], Mapping[str, object]]


def snapshot(roots: tuple[Path, ...]) -> Snapshot:
    """(path, size, mtime in ns) of every file under ``roots`` (not in linked folders), sorted.

    Taken ten times a second: plain ``os`` calls, a third of what ``Path.rglob`` costs."""
    entries = []
    for root in roots:
        names = ([str(root)] if root.is_file() else
                 [os.path.join(folder, name) for folder, _, files in os.walk(root)
                  for name in files])
        for name in names:
            try:
                found = os.stat(name)
            except (FileNotFoundError, NotADirectoryError):  # deleted or replaced meanwhile
                continue
            if stat.S_ISREG(found.st_mode):
                entries.append((name, found.st_size, found.st_mtime_ns))
    return tuple(sorted(entries))


def changed_files(before: Snapshot, after: Snapshot) -> list[Path] | None:
    """The files whose size or time changed; None when a file was added or removed."""
    old = {path: rest for path, *rest in before}
    new = {path: rest for path, *rest in after}
    if old.keys() != new.keys():
        return None
    return [Path(path) for path, rest in new.items() if old[path] != rest]


@dataclass(frozen=True)
class Shown:
    """The last good site: the register read and its model."""

    raw: RawRegister
    model: Register


@dataclass
class Finishing:
    """The full build that follows a quick update, in a child process, into ``staging``."""

    process: multiprocessing.process.BaseProcess
    staging: Path
    started: float

    def stop(self) -> None:
        """Ask the build to stop (it cleans up after itself, see :mod:`..signals`)."""
        if self.process.is_alive() and self.process.pid:
            os.kill(self.process.pid, signal.SIGTERM)


@dataclass
class Preview:
    """Builds ``register`` into ``out`` and updates it when a watched file changes.

    ``quick``: makes the pages of edited clubs, which are rewritten at once; without it every
    change waits for the full build.
    """

    register: Path
    out: Path
    as_of: date
    build: Build
    roots: tuple[Path, ...] = ()
    quick: Quick | None = None
    last: Snapshot = field(default=(), init=False)
    checked: incremental.Validated | None = field(default=None, init=False)  # good or not
    shown: Shown | None = field(default=None, init=False)
    finishing: Finishing | None = field(default=None, init=False)
    stopped: list[Finishing] = field(default_factory=list, init=False)
    _runs: Iterator[int] = field(default_factory=numbers, init=False)

    def __post_init__(self) -> None:
        if not self.roots:
            self.roots = (self.register, TEMPLATES, CONFIG, FORMS)

    # --- what changed ---------------------------------------------------------------------

    def poll(self) -> bool:
        """Act on a change since the last look; True when an update was attempted."""
        self.collect()
        now = snapshot(self.roots)
        if now == self.last:
            return False
        while True:  # an editor's save in progress: wait until it is done
            time.sleep(SETTLE_SECONDS)
            settled = snapshot(self.roots)
            if settled == now:
                break
            now = settled
        changed = changed_files(self.last, now)
        self.last = now
        resources = None
        if changed is not None and self.checked is not None and self.quick:
            resources = incremental.voivodeship_resources(self.checked, changed)
        if resources is None:
            self.rebuild(look=False)
        else:
            self.update(resources)
        return True

    # --- a full build ---------------------------------------------------------------------

    def rebuild(self, look: bool = True) -> bool:
        """Validate and build the whole site now; print the outcome. True when it was built."""
        self._stop_finishing()
        if look:
            self.last = snapshot(self.roots)
        self.checked = incremental.start(self.register, self.as_of)
        report = self.checked.report
        if not report.valid:
            self._refused(report.problems)
            return False
        try:
            result = self.build(self.register, self.out, self.as_of, report=report)
        except BuildFailed as err:
            self._refused(err.problems)
            return False
        self.shown = Shown(report.raw, model_of(report))
        print(
            f"Zbudowano stronę: {count(result.clubs, 'klub')}, stan na {self.as_of.isoformat()}.",
            flush=True,
        )
        return True

    # --- an edit to rows --------------------------------------------------------------------

    def update(self, resources: set[str]) -> bool:
        """Check the changed tables again, show the edited clubs' pages, then build the rest in
        the background. True when the register is valid."""
        started = time.perf_counter()
        self._stop_finishing()
        assert self.checked is not None
        self.checked = incremental.update(self.checked, resources)
        report = self.checked.report
        if not report.valid:
            self._refused(report.problems)
            return False
        if self.shown is None:  # no good site yet
            return self.rebuild(look=False)
        model, among = self._model(report.raw)
        done: list[str] = []
        if self.quick is not None:
            edited = edited_clubs(self.shown.model, model, among)
            ctx = SiteContext(as_of=self.as_of, register_root=self.register,
                              cache_dir=default_cache_dir())
            before, after = (self.quick(self.shown.model, ctx, edited),
                             self.quick(model, ctx, edited))
            done = refresh.refresh(self.out, before, after, sorted(after))
        self.shown = Shown(report.raw, model)
        took = _seconds(time.perf_counter() - started)
        shown = f"strony klubów: {len(done)}" if done else "dane (bez stron klubów)"
        print(f"Zaktualizowano {shown} w {took}; reszta strony buduje się w tle.", flush=True)
        self._finish_in_background(report)
        return True

    def _model(self, raw: RawRegister) -> tuple[Register, set[str] | None]:
        """The model of the valid ``raw`` and the ids of the clubs it may have changed: those of
        the voivodeship folders whose tables differ from the shown site's (None: more than those
        differ, and the model is made anew)."""
        assert self.shown is not None
        was = self.shown.raw
        changed = {t.voivodeship for name, t in raw.tables.items()
                   if t is not was.tables.get(name)}
        if (raw.tables.keys() != was.tables.keys() or None in changed
                or raw.stories is not was.stories or raw.descriptor is not was.descriptor):
            return build_register(raw), None  # read anew since: a rebuild was refused
        folders = {f for f in changed if f is not None}
        among = {row["klub_id"] for f in folders for read in (was, raw)
                 if (clubs := read.table(f"kluby-{f}")) for row in clubs.rows}
        return with_folders(self.shown.model, was, raw, folders), among

    # --- the full build after a quick update ----------------------------------------------

    def _finish_in_background(self, report: Report) -> None:
        staging = self.out.with_name(f"{self.out.name}.next-{next(self._runs)}")
        process = multiprocessing.get_context("fork").Process(
            target=_build_child, args=(self.build, self.register, staging, self.as_of, report),
            daemon=False,
        )
        process.start()
        self.finishing = Finishing(process, staging, time.perf_counter())

    def collect(self) -> bool:
        """Swap in the background build if it has finished; True when it was swapped in."""
        self._reap()
        finishing = self.finishing
        if finishing is None or finishing.process.is_alive():
            return False
        finishing.process.join()
        self.finishing = None
        if finishing.process.exitcode != 0 or not finishing.staging.is_dir():
            shutil.rmtree(finishing.staging, ignore_errors=True)
            sys.stderr.write("Nie udało się zbudować całej strony; podgląd pokazuje "
                             "zaktualizowane strony klubów i poprzednią wersję reszty.\n")
            return False
        _swap(finishing.staging, self.out)
        took = _seconds(time.perf_counter() - finishing.started)
        print(f"Zbudowano całą stronę w {took}.", flush=True)
        return True

    def wait(self) -> bool:
        """Wait for the background build and swap it in (for tests and the benchmark)."""
        if self.finishing is not None:
            self.finishing.process.join()
        return self.collect()

    def close(self) -> None:
        """Stop the background build and wait for every stopped one to clean up."""
        self._stop_finishing()
        for finishing in self.stopped:
            finishing.process.join()
        self._reap()

    def _stop_finishing(self) -> None:
        if self.finishing is not None:
            self.finishing.stop()
            self.stopped.append(self.finishing)
            self.finishing = None

    def _reap(self) -> None:
        """Forget stopped builds that have ended (and remove what they left)."""
        running = []
        for finishing in self.stopped:
            if finishing.process.is_alive():
                running.append(finishing)
                continue
            finishing.process.join()
            shutil.rmtree(finishing.staging, ignore_errors=True)
        self.stopped = running

    def _refused(self, problems: list[Any]) -> None:
        sys.stderr.write(report_format.format_problems(problems, "text", self.as_of, clubs=0))
        sys.stderr.write("Strona nie została przebudowana; podgląd pokazuje poprzednią wersję.\n")


def edited_clubs(before: Register, after: Register, among: Collection[str] | None = None
                 ) -> set[str]:
    """Ids of the clubs added, removed or changed (their row, events or services); with
    ``among``, of these clubs (no other club changed)."""
    old = {c.id: c for c in before.clubs if among is None or c.id in among}
    new = {c.id: c for c in after.clubs if among is None or c.id in among}
    return {i for i in old.keys() | new.keys() if old.get(i) != new.get(i)}


def _seconds(value: float) -> str:
    """„0,4 s”: seconds with a decimal comma."""
    return f"{value:.1f} s".replace(".", ",")


def _build_child(build: Build, register: Path, staging: Path, as_of: date,
                 report: Report) -> None:
    """In the child process: build the whole site into ``staging``; exit 0 when done."""
    try:
        with stopping_on_signals():
            build(register, staging, as_of, report=report)
    except KeyboardInterrupt:  # stopped (the preview's own handler until the build's is set)
        os._exit(2)
    except BuildFailed as err:
        sys.stderr.write(report_format.format_problems(err.problems, "text", as_of, clubs=0))
        sys.stderr.flush()
        os._exit(1)


def _swap(staging: Path, out: Path) -> None:
    """Put the built ``staging`` where ``out`` is; the old site is removed after."""
    old = out.with_name(f"{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _stop_on_sigterm() -> None:
    """Let ``kill`` end the preview like Ctrl+C does, so the temporary folder is removed."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        signal.signal(signal.SIGTERM, stop)


def serve(register: Path, port: int, as_of: date, *, build: Build,
          quick: Quick | None = None) -> int:
    """Serve a live preview on http://127.0.0.1:<port>/ until Ctrl+C (exit code 0)."""
    _stop_on_sigterm()
    work = Path(tempfile.mkdtemp(prefix="kis-podglad-"))
    preview = Preview(Path(register), work / "site", as_of, build, quick=quick)
    try:
        preview.rebuild()
        handler = partial(_QuietHandler, directory=str(preview.out))
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError as err:
            sys.stderr.write(
                f"Nie można uruchomić podglądu na porcie {port}: {err.strerror}. "
                "Podaj inny port, np. --port 8001.\n"
            )
            return 1
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(
            f"Podgląd strony: http://127.0.0.1:{port}/ – zmiany w {register}/, site_templates/ "
            "i forms/ pokazują się na stronie. Ctrl+C kończy.",
            flush=True,
        )
        try:
            while True:
                time.sleep(POLL_SECONDS)
                preview.poll()
        except KeyboardInterrupt:
            print("\nZakończono podgląd.")
        finally:
            server.shutdown()
            server.server_close()
            preview.close()
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
