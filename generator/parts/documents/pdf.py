"""HTML to PDF with WeasyPrint, cached by the hash of everything that goes into each PDF.

A job's key hashes its standalone HTML (definition, template, CSS and register data all end up
in it), the font files, the WeasyPrint version and the options. The cache folder keeps one PDF per
key and a manifest of the last build (output name → key); a job whose key is already there renders
nothing. Several registers may share a cache: a PDF is evicted only when no build has used it for
:data:`MAX_AGE_DAYS`, or, oldest use first, while the folder holds more than :data:`MAX_BYTES`.

Missing PDFs are rendered by :mod:`generator.parts.documents.pdf_worker`, in worker processes;
jobs marked ``together`` (the filled documents) are laid out there in batches. Cached PDFs are
never read into memory: the engine hard-links them into the site (each a pending file of the
site, :meth:`PendingPdfs.site_files`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path

from generator.parts.documents import pdf_worker
from generator.parts.documents.pdf_worker import BATCH_CSS, PDF_OPTIONS, Rendering, start_all
from generator.site import cache_files
from generator.site.pending import Pending, link_or_copy

MANIFEST = "manifest.json"
MAX_AGE_DAYS = 60
MAX_BYTES = 512 * 1024 * 1024
HELD_MAX_AGE_DAYS = 2  # a build's own links to cached PDFs outlive it only if it was killed
WEASYPRINT = version("weasyprint")  # in every key; WeasyPrint itself is imported by the workers
# The rendering code's own source, in every key too: a change to how pages become PDFs (batches,
# shared stylesheets) renders them again rather than reusing what the old code made.
RENDERER = hashlib.sha256(Path(pdf_worker.__file__).read_bytes()).hexdigest()


@dataclass(frozen=True)
class Job:
    name: str  # output name, e.g. "wniosek.pdf"
    key_source: str  # what the key hashes (the HTML without machine-specific font paths)
    render_html: Callable[[], str]  # the HTML WeasyPrint renders (built only when needed)
    together: bool = False  # laid out in batches with others (pdf_worker.render_together)


def start_pdfs(jobs: list[Job]) -> Rendering:
    """Start rendering every job's PDF: its HTML is made here, the PDF by the PDF workers."""
    return start_all([job.render_html() for job in jobs], [job.together for job in jobs])


def cache_key(key_source: str, fonts_digest: str, together: bool = False) -> str:
    digest = hashlib.sha256()
    for part in (
        f"weasyprint {WEASYPRINT}",
        RENDERER,
        json.dumps(PDF_OPTIONS, sort_keys=True),
        fonts_digest,
        f"together {BATCH_CSS}" if together else "alone",
        key_source,
    ):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


class PendingPdfs:
    """The PDFs of a set of jobs: cached ones at hand, missing ones being rendered meanwhile.

    Cached PDFs are not read: each is hard-linked at once into a folder of this build's own
    (inside the cache, so on its device; an overlapping build may evict the cache meanwhile) and
    from there linked, or copied across devices, into the site (:meth:`place`).
    """

    def __init__(self, jobs: list[Job], cache_dir: Path, fonts_digest: str) -> None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.cache_dir = cache_dir
        self.manifest = {
            job.name: cache_key(job.key_source, fonts_digest, job.together) for job in jobs
        }
        self._held = Path(tempfile.mkdtemp(prefix="build-", suffix=".tmp", dir=cache_dir))
        self.files: dict[str, Path] = {}  # name → this build's link to its PDF
        for n, name in enumerate(self.manifest):
            with contextlib.suppress(FileNotFoundError):
                self.files[name] = _hold(self._path(name), self._held / f"{n}.pdf")
        self.missing = [job.name for job in jobs if job.name not in self.files]
        wanted = set(self.missing)
        self.rendering = start_pdfs([job for job in jobs if job.name in wanted])
        self._done = False

    def _path(self, name: str) -> Path:
        return self.cache_dir / f"{self.manifest[name]}.pdf"

    def wait(self) -> dict[str, Path]:
        """Every job's PDF file (waits for the rendering); new ones go into the cache."""
        if self._done:
            return self.files
        fresh = dict(zip(self.missing, self.rendering.wait(), strict=True))
        order = {name: n for n, name in enumerate(self.manifest)}
        for name, data in fresh.items():  # each via its own temporary file: builds may overlap
            with tempfile.NamedTemporaryFile(dir=self.cache_dir, suffix=".tmp",
                                             delete=False) as tmp:
                tmp.write(data)
            held = self._held / f"{order[name]}.pdf"
            os.link(tmp.name, held)
            Path(tmp.name).replace(self._path(name))
            self.files[name] = held
        self.files = {name: self.files[name] for name in self.manifest}
        self._done = True
        _write_manifest(self.cache_dir, self.manifest)
        return self.files

    def file(self, name: str) -> Path:
        """This build's link to PDF ``name`` (waits for the rendering)."""
        return self.wait()[name]

    def site_files(self, path_of: Callable[[str], str],
                   shown_on: Mapping[str, tuple[str, ...]] | None = None) -> dict[str, Pending]:
        """Every job's PDF as a pending file of the site at ``path_of(name)``, hard-linked
        there by the engine; ``shown_on``: name → the pages showing its size (``size_mark``)."""
        shown = shown_on or {}
        return {path_of(name): Pending(partial(self.file, name), self.cancel, shown.get(name, ()))
                for name in self.manifest}

    def result(self) -> dict[str, bytes]:
        """PDF bytes for every job (waits for the rendering)."""
        return {name: path.read_bytes() for name, path in self.wait().items()}

    def cancel(self) -> None:
        """Stop the rendering; drop this build's links (the cache keeps its files)."""
        self.rendering.cancel()
        shutil.rmtree(self._held, ignore_errors=True)


def render_cached(jobs: list[Job], cache_dir: Path, fonts_digest: str) -> dict[str, bytes]:
    """PDF bytes for every job; renders only jobs whose key is not in ``cache_dir``."""
    pending = PendingPdfs(jobs, cache_dir, fonts_digest)
    try:
        return pending.result()
    finally:
        pending.cancel()


def _hold(cached: Path, held: Path) -> Path:
    """This build's own link to a cached PDF; its modification time records the use."""
    link_or_copy(cached, held)
    with contextlib.suppress(OSError):
        os.utime(cached)
    return held


def _write_manifest(cache_dir: Path, manifest: dict[str, str]) -> None:
    """Record this build's name → key, then evict what no build used for long (:func:`evict`)."""
    text = json.dumps(dict(sorted(manifest.items())), indent=1, ensure_ascii=False) + "\n"
    (cache_dir / MANIFEST).write_text(text, encoding="utf-8")
    evict(cache_dir, keep=set(manifest.values()))


def evict(cache_dir: Path, keep: set[str], now: float | None = None,
          max_age_days: float = MAX_AGE_DAYS, max_bytes: int = MAX_BYTES) -> list[Path]:
    """Remove PDFs unused for ``max_age_days``, then the least recently used while the folder
    holds more than ``max_bytes``; never one in ``keep`` (this build's). Returns what went."""
    now = time.time() if now is None else now
    for held in cache_dir.glob("build-*.tmp"):  # links left by a build that was killed
        with contextlib.suppress(FileNotFoundError):
            if now - held.stat().st_mtime > HELD_MAX_AGE_DAYS * 86400:
                shutil.rmtree(held, ignore_errors=True)
    return cache_files.evict(cache_dir.glob("*.pdf"), max_age_days, max_bytes, keep, now)
