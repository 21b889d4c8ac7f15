"""WeasyPrint: HTML to PDF, in worker processes started here, or in this process.

:func:`start_all` starts one worker per CPU (at most one per page) and returns at once:
``python -m generator.parts.documents.pdf_worker BATCH``, a fresh interpreter that imports
nothing of the
caller (so it works the same from ``kis``, a test or a script without a ``__main__`` guard).
``BATCH`` is a JSON list of ``{"html": …, "out": …}``; the worker renders each page with
:func:`html_to_pdf` and writes it to ``out``. WeasyPrint's import and memory stay out of the
building process, the pages render in parallel, and the caller goes on with its own work until
it needs the PDFs (:meth:`Rendering.wait`).
"""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

from generator.resources import IMPORT_ROOT

# PDF/UA-1 implies tagging (structure tree) and PDF 1.7. No creation date is written (the HTML
# has no dcterms.created), and the file identifier is a hash of the content: PDFs are
# byte-identical for the same input.
PDF_OPTIONS = {
    "pdf_variant": "pdf/ua-1",
    "pdf_forms": True,
    "pdf_identifier": True,
    "hinting": False,
}


class RenderFailed(RuntimeError):
    """A worker process could not render its PDFs; the message carries its error output."""


class _NoProcesses(Exception):
    """No worker process can be started here."""


def html_to_pdf(html: str) -> bytes:
    """Render one standalone HTML page (fonts as file URLs) to PDF bytes.

    WeasyPrint is imported here, not at the top: a build whose PDFs are all in the cache never
    loads it (half a second).
    """
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf(**PDF_OPTIONS)


# Each worker holds a WeasyPrint layout (about 300 MB for form 7 of a 20,000-club register), and
# the workers run beside the rest of the build: more CPUs do not mean more workers than this.
MAX_WORKERS = 4
# A worker that has not finished by then is stuck: it is stopped and the build fails.
TIMEOUT_SECONDS = 1800


def worker_count(pages: int) -> int:
    """Processes to render ``pages`` PDFs with: one per CPU this process may use, at most."""
    return max(1, min(pages, len(os.sched_getaffinity(0)), MAX_WORKERS))


def shares(htmls: list[str], workers: int) -> list[list[int]]:
    """Page indexes per worker: the largest pages dealt out first, in turn."""
    order = sorted(range(len(htmls)), key=lambda i: -len(htmls[i]))
    return [order[w::workers] for w in range(workers)]


_LIVE: set[Rendering] = set()  # renderings with workers or files not yet cleaned up


@atexit.register
def _cancel_live() -> None:
    """Last resort when the process ends (e.g. interrupted): no worker or folder outlives it."""
    for rendering in list(_LIVE):
        rendering.cancel()


class Rendering:
    """PDFs being rendered by worker processes, started on creation; :meth:`wait` gives them.

    ``started`` and ``ended`` (``time.perf_counter``) time the rendering itself, however late
    the caller waits for it. Where no worker can be started, :meth:`wait` renders the pages in
    this process. A caller that gives up calls :meth:`cancel`.
    """

    def __init__(self, htmls: list[str]) -> None:
        self.htmls = htmls
        self.started = self.ended = time.perf_counter()
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._logs: list[IO[bytes]] = []
        self._procs: list[subprocess.Popen[bytes]] = []
        self._watch: threading.Thread | None = None
        if not htmls:
            return
        self._folder = tempfile.TemporaryDirectory(prefix="kis-pdf-")
        _LIVE.add(self)
        try:
            self._start(Path(self._folder.name))
        except _NoProcesses:
            self.cancel()
            self._folder = None
        except BaseException:
            self.cancel()
            raise

    def __len__(self) -> int:
        return len(self.htmls)

    def _start(self, folder: Path) -> None:
        for w, share in enumerate(shares(self.htmls, worker_count(len(self.htmls)))):
            batch = folder / f"batch-{w}.json"
            items = [{"html": self.htmls[i], "out": str(folder / f"{i}.pdf")} for i in share]
            batch.write_text(json.dumps(items), encoding="utf-8")
            self._logs.append((folder / f"batch-{w}.log").open("wb"))
            self._procs.append(_start(batch, self._logs[-1]))
        self._watch = threading.Thread(target=self._stamp_end, daemon=True)
        self._watch.start()

    def _stamp_end(self) -> None:
        for proc in self._procs:
            proc.wait()
        self.ended = time.perf_counter()

    def wait(self) -> list[bytes]:
        """Every page's PDF, in order; raises :class:`RenderFailed` if a worker failed."""
        if not self.htmls:
            return []
        if self._folder is None:  # no worker could start: render here
            pdfs = [html_to_pdf(html) for html in self.htmls]
            self.ended = time.perf_counter()
            return pdfs
        try:
            deadline = self.started + TIMEOUT_SECONDS
            try:
                codes = [proc.wait(max(1.0, deadline - time.perf_counter()))
                         for proc in self._procs]
            except subprocess.TimeoutExpired as err:
                raise RenderFailed(f"nie udało się wygenerować PDF – proces roboczy nie skończył "
                                   f"pracy w ciągu {TIMEOUT_SECONDS} s") from err
            if self._watch is not None:
                self._watch.join()
            for log in self._logs:
                log.close()
            folder = Path(self._folder.name)
            failures = [
                f"proces roboczy zakończył się z kodem {code}: "
                + (folder / f"batch-{w}.log").read_text(encoding="utf-8", errors="replace")[-2000:]
                for w, code in enumerate(codes)
                if code
            ]
            if failures:
                raise RenderFailed("nie udało się wygenerować PDF – " + "; ".join(failures))
            return [(folder / f"{i}.pdf").read_bytes() for i in range(len(self.htmls))]
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stop the workers still running and remove their files."""
        for proc in self._procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        for log in self._logs:
            log.close()
        if self._folder is not None:
            self._folder.cleanup()
        _LIVE.discard(self)


def start_all(htmls: list[str]) -> Rendering:
    """Start rendering every page to PDF; ``.wait()`` on the result gives the PDFs in order."""
    return Rendering(htmls)


def render_all(htmls: list[str]) -> list[bytes]:
    """The PDF of every page, in order, rendered at once."""
    return start_all(htmls).wait()


def _start(batch: Path, log: IO[bytes]) -> subprocess.Popen[bytes]:
    env = dict(os.environ)  # with this project importable even where it is not installed
    root = str(IMPORT_ROOT)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    cmd = [sys.executable, "-m", "generator.parts.documents.pdf_worker", str(batch)]
    try:
        return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env,
                                cwd=root)  # not the caller's folder: it comes first on sys.path
    except OSError as err:
        raise _NoProcesses from err


def main(argv: list[str]) -> int:
    """The worker: render every page of the batch file ``argv[0]``."""
    (batch,) = argv
    for item in json.loads(Path(batch).read_text(encoding="utf-8")):
        Path(item["out"]).write_bytes(html_to_pdf(item["html"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
