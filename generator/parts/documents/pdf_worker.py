"""WeasyPrint: HTML to PDF, in worker processes started here, or in this process.

:func:`start_all` starts one worker per CPU (at most one per page) and returns at once:
``python -m generator.parts.documents.pdf_worker BATCH``, a fresh interpreter that imports
nothing of the
caller (so it works the same from ``kis``, a test or a script without a ``__main__`` guard).
``BATCH`` is a JSON list of ``{"html": …, "out": …, "together": …}``; the worker renders the
pages (:func:`render_pages`) and writes each to ``out``. WeasyPrint's import and memory stay
out of the building process, the pages render in parallel, and the caller goes on with its
own work until it needs the PDFs (:meth:`Rendering.wait`).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
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


# Pages rendered "together" (thousands of filled documents made with one template and stylesheet)
# are laid out BATCH_SIZE at a time as one WeasyPrint document — the stylesheet parsed, the fonts
# loaded once — and each written on its own with ``Document.copy(pages)`` (its own fonts subset,
# tags, title). Each sits in a wrapper with its own page break, so a page's bytes do not depend on
# which others share its batch: one rendered alone is a batch of one.
BATCH_SIZE = 40
BATCH_CLASS = "kis-batch"
BATCH_CSS = (
    f"body {{ margin-top: 0; }} .{BATCH_CLASS} {{ padding-top: 8px; }} "
    f".{BATCH_CLASS} + .{BATCH_CLASS} {{ break-before: page; }}"
)
STYLE = re.compile(r"<style>.*?</style>", re.S)


def html_to_pdf(html: str, sheets: Sheets | None = None) -> bytes:
    """Render one standalone HTML page (fonts as file URLs) to PDF bytes; with ``sheets``, its
    stylesheet parsed and its fonts loaded only once for all the pages that share them.

    WeasyPrint is imported here, not at the top: a build whose PDFs are all in the cache never
    loads it (half a second).
    """
    import weasyprint

    if sheets is None:
        return weasyprint.HTML(string=html).write_pdf(**PDF_OPTIONS)
    return sheets.render(html)


class Sheets:
    """The stylesheets of pages rendered one by one, each parsed once, with its own fonts.

    A standalone page carries its whole stylesheet, fonts included, in one ``<style>``; the yearly
    reports all share one. Parsed again for every page, with a fresh font configuration that
    loads every font file again, it costs an eighth of a report's rendering. Here each distinct
    ``<style>`` is parsed once, with a font configuration of its own (pages of other stylesheets
    never share fonts), and given to WeasyPrint as the page's only stylesheet, the ``<style>``
    taken out of the page: the same PDF, byte for byte, where that stylesheet is the page's only
    one and has no ``!important`` rule (its rules then win over the user agent's as before); any
    other page is rendered as :func:`html_to_pdf` renders it alone.
    """

    def __init__(self) -> None:
        self._parsed: dict[str, tuple[object, object]] = {}  # <style> → (fonts, CSS)

    def render(self, html: str) -> bytes:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        found = STYLE.search(html)
        if found is None or not _only_stylesheet(html, found):
            return weasyprint.HTML(string=html).write_pdf(**PDF_OPTIONS)
        style = found.group(0)
        if style not in self._parsed:
            fonts = FontConfiguration()
            text = style.removeprefix("<style>").removesuffix("</style>")
            self._parsed[style] = (fonts, weasyprint.CSS(string=text, font_config=fonts))
        fonts, css = self._parsed[style]
        page = html[:found.start()] + html[found.end():]
        return weasyprint.HTML(string=page).write_pdf(stylesheets=[css], font_config=fonts,
                                                      **PDF_OPTIONS)


def _only_stylesheet(html: str, found: re.Match[str]) -> bool:
    """Whether the ``<style>`` found is the page's only stylesheet and has no ``!important``
    rule: only then does it cascade the same as a user stylesheet (:class:`Sheets`)."""
    return ("!important" not in found.group(0) and "<link" not in html
            and STYLE.search(html, found.end()) is None)


def render_pages(htmls: list[str], together: list[bool]) -> list[bytes]:
    """Every page's PDF, in order: those marked ``together`` in batches of the same head
    (:func:`render_together`), the others alone (:func:`html_to_pdf`, sharing their parsed
    stylesheets: :class:`Sheets`)."""
    pdfs: dict[int, bytes] = {}
    groups: dict[str, list[int]] = {}
    sheets = Sheets()
    for i, (html, batch) in enumerate(zip(htmls, together, strict=True)):
        if batch:
            groups.setdefault(_style(html), []).append(i)
        else:
            with collected_after():
                pdfs[i] = html_to_pdf(html, sheets)
    for indexes in groups.values():
        for start in range(0, len(indexes), BATCH_SIZE):
            chunk = indexes[start:start + BATCH_SIZE]
            with collected_after():
                pdfs.update(zip(chunk, render_together([htmls[i] for i in chunk]), strict=True))
    return [pdfs[i] for i in range(len(htmls))]


@contextlib.contextmanager
def collected_after() -> Iterator[None]:
    """Python's cyclic garbage collector off while WeasyPrint renders, run once after.

    A batch's boxes, styles and text layouts (a hundred MB for 40 cards) reference each other
    and live until its PDFs are written; the collector, triggered every 700 allocations, would
    walk them over and over meanwhile and find nothing: a quarter of the rendering's CPU time.
    One collection when the batch is done frees them all (same bytes, same peak memory).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        if enabled:
            gc.enable()


def _style(html: str) -> str:
    found = STYLE.search(html)
    return found.group(0) if found else ""


def _split(html: str) -> tuple[str, str]:
    """A standalone page's head (up to ``<body>``) and body content."""
    head, rest = html.split("<body>", 1)
    return head, rest.rsplit("</body>", 1)[0]


def render_together(htmls: list[str]) -> list[bytes]:
    """The PDF of each standalone page, all laid out in one document (same stylesheet: the
    first page's head is used), each written with its own title, description and language."""
    import weasyprint
    from weasyprint.document import DocumentMetadata
    from weasyprint.html import get_html_metadata

    parts = [_split(html) for html in htmls]
    head = parts[0][0].replace("</style>", f"{BATCH_CSS}\n</style>", 1)
    body = "".join(f'<div class="{BATCH_CLASS}">\n{b}</div>\n' for _, b in parts)
    html = weasyprint.HTML(string=f"{head}<body>\n{body}</body>\n</html>\n")
    document = html.render(**PDF_OPTIONS)
    wrappers = {
        id(element): i
        for i, element in enumerate(e for e in html.etree_element.iter()
                                    if e.get("class") == BATCH_CLASS)
    }
    pages: list[list[object]] = [[] for _ in htmls]
    for page in document.pages:
        pages[_owner(page._page_box, wrappers)].append(page)  # WeasyPrint's box tree
    pdfs = []
    for (page_head, _), own in zip(parts, pages, strict=True):
        copy = document.copy(own)
        meta = weasyprint.HTML(string=STYLE.sub("", page_head) + "<body></body></html>")
        copy.metadata = DocumentMetadata(**get_html_metadata(meta))
        pdfs.append(copy.write_pdf(**PDF_OPTIONS))
    return pdfs


def _owner(box: object, wrappers: dict[int, int]) -> int:
    """Which page of a batch a laid-out page belongs to: the first wrapper in its boxes."""
    queue = [box]
    while queue:
        current = queue.pop(0)
        element = getattr(current, "element", None)
        if element is not None and id(element) in wrappers:
            return wrappers[id(element)]
        queue[:0] = getattr(current, "children", [])
    raise ValueError("a page of the batch belongs to no document")


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

    def __init__(self, htmls: list[str], together: list[bool] | None = None) -> None:
        self.htmls = htmls
        self.together = together if together is not None else [False] * len(htmls)
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
            items = [{"html": self.htmls[i], "out": str(folder / f"{i}.pdf"),
                      "together": self.together[i]} for i in share]
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
            pdfs = render_pages(self.htmls, self.together)
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


def start_all(htmls: list[str], together: list[bool] | None = None) -> Rendering:
    """Start rendering every page to PDF; ``.wait()`` on the result gives the PDFs in order.
    ``together`` marks the pages laid out in batches (:func:`render_together`)."""
    return Rendering(htmls, together)


def render_all(htmls: list[str], together: bool = False) -> list[bytes]:
    """The PDF of every page, in order, rendered at once."""
    return start_all(htmls, [together] * len(htmls)).wait()


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
    items = json.loads(Path(batch).read_text(encoding="utf-8"))
    import weasyprint  # noqa: F401  (imported before the freeze below)

    gc.freeze()  # the modules' objects are never garbage: no collection walks them again
    pdfs = render_pages([i["html"] for i in items], [i.get("together", False) for i in items])
    for item, pdf in zip(items, pdfs, strict=True):
        Path(item["out"]).write_bytes(pdf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
