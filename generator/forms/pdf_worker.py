"""WeasyPrint: HTML to PDF, in worker processes started here, or in this process.

:func:`render_all` starts one worker per CPU (at most one per page):
``python -m generator.forms.pdf_worker BATCH``, a fresh interpreter that imports nothing of the
caller (so it works the same from ``kis``, a test or a script without a ``__main__`` guard).
``BATCH`` is a JSON list of ``{"html": …, "out": …}``; the worker renders each page with
:func:`html_to_pdf` and writes it to ``out``. WeasyPrint's import and memory stay out of the
building process, and the pages render in parallel.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import IO

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


def worker_count(pages: int) -> int:
    """Processes to render ``pages`` PDFs with: one per CPU this process may use, at most."""
    return max(1, min(pages, len(os.sched_getaffinity(0))))


def render_all(htmls: list[str]) -> list[bytes]:
    """The PDF of every page, in order; in this process where no worker can be started."""
    if not htmls:
        return []
    try:
        return _in_workers(htmls)
    except _NoProcesses:
        return [html_to_pdf(html) for html in htmls]


def shares(htmls: list[str], workers: int) -> list[list[int]]:
    """Page indexes per worker: the largest pages dealt out first, in turn."""
    order = sorted(range(len(htmls)), key=lambda i: -len(htmls[i]))
    return [order[w::workers] for w in range(workers)]


def _in_workers(htmls: list[str]) -> list[bytes]:
    with tempfile.TemporaryDirectory(prefix="kis-pdf-") as tmp, ExitStack() as logs:
        folder = Path(tmp)
        procs: list[subprocess.Popen[bytes]] = []
        try:
            for w, share in enumerate(shares(htmls, worker_count(len(htmls)))):
                batch = folder / f"batch-{w}.json"
                items = [{"html": htmls[i], "out": str(folder / f"{i}.pdf")} for i in share]
                batch.write_text(json.dumps(items), encoding="utf-8")
                log = logs.enter_context((folder / f"batch-{w}.log").open("wb"))
                procs.append(_start(batch, log))
            codes = [proc.wait() for proc in procs]
        finally:  # a worker that could not start, or an interrupt: stop the others
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        logs.close()
        failures = [
            f"proces roboczy zakończył się kodem {code}: "
            + (folder / f"batch-{w}.log").read_text(encoding="utf-8", errors="replace")[-2000:]
            for w, code in enumerate(codes)
            if code
        ]
        if failures:
            raise RenderFailed("nie udało się wygenerować PDF – " + "; ".join(failures))
        return [(folder / f"{i}.pdf").read_bytes() for i in range(len(htmls))]


def _start(batch: Path, log: IO[bytes]) -> subprocess.Popen[bytes]:
    env = dict(os.environ)  # with this project importable even where it is not installed
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    cmd = [sys.executable, "-m", "generator.forms.pdf_worker", str(batch)]
    try:
        return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env)
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
