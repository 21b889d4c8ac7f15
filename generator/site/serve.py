"""``kis serve``: a local preview that rebuilds the site when the register or the content changes.

The site is built into a temporary folder and served on 127.0.0.1 only. Every second the
watched folders are compared with the last snapshot (paths, sizes, modification times); any change
triggers a full build. A failed build prints its problems and keeps the last good site online.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.polish import count
from generator.site.build import CONFIG, BuildFailed, BuildResult
from generator.site.templating import TEMPLATES
from generator.validation import report as report_format

POLL_SECONDS = 1.0
Snapshot = tuple[tuple[str, int, int], ...]


def snapshot(roots: tuple[Path, ...]) -> Snapshot:
    """(path, size, mtime in ns) of every file under ``roots``, sorted."""
    entries = []
    for root in roots:
        paths = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in paths:
            try:
                stat = path.stat()
            except FileNotFoundError:  # deleted while we looked
                continue
            entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


@dataclass
class Preview:
    """Builds ``register`` into ``out`` and rebuilds it when a watched file changes."""

    register: Path
    out: Path
    as_of: date
    build: Callable[[Path, Path, date], BuildResult]
    roots: tuple[Path, ...] = ()
    last: Snapshot = field(default=(), init=False)

    def __post_init__(self) -> None:
        if not self.roots:
            self.roots = (self.register, TEMPLATES, CONFIG)

    def rebuild(self) -> bool:
        """Build now; print the outcome. True when the site was built."""
        self.last = snapshot(self.roots)
        try:
            result = self.build(self.register, self.out, self.as_of)
        except BuildFailed as err:
            sys.stderr.write(report_format.render(err.problems, "text", self.as_of, clubs=0))
            sys.stderr.write(
                "Strona nie została przebudowana; podgląd pokazuje poprzednią wersję.\n"
            )
            return False
        print(
            f"Zbudowano stronę: {count(result.clubs, 'klub')}, stan na {self.as_of.isoformat()}.",
            flush=True,
        )
        return True

    def poll(self) -> bool:
        """Rebuild if anything changed since the last build; True when a build was attempted."""
        if snapshot(self.roots) == self.last:
            return False
        self.rebuild()
        return True


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _stop_on_sigterm() -> None:
    """Let ``kill`` end the preview like Ctrl+C does, so the temporary folder is removed."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
        signal.signal(signal.SIGTERM, stop)


def serve(
    register: Path, port: int, as_of: date, *, build: Callable[[Path, Path, date], BuildResult]
) -> int:
    """Serve a live preview on http://127.0.0.1:<port>/ until Ctrl+C (exit code 0)."""
    _stop_on_sigterm()
    work = Path(tempfile.mkdtemp(prefix="kis-podglad-"))
    preview = Preview(Path(register), work / "site", as_of, build)
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
            f"Podgląd strony: http://127.0.0.1:{port}/ – zmiany w {register}/ i "
            "site_templates/ przebudowują stronę. Ctrl+C kończy.",
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
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
