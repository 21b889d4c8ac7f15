"""HTML to PDF with WeasyPrint, cached by the hash of everything that goes into each PDF.

A job's key hashes its standalone HTML (definition, template, CSS and register data all end up
in it), the font files, the WeasyPrint version and the options. The cache folder keeps one PDF per
key and a manifest of the last build (output name → key); a job whose key is already there renders
nothing. Several registers may share a cache: a PDF is evicted only when no build has used it for
:data:`MAX_AGE_DAYS`, or, oldest use first, while the folder holds more than :data:`MAX_BYTES`.

Missing PDFs are rendered by :mod:`generator.parts.documents.pdf_worker`, in worker processes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from generator.parts.documents.pdf_worker import PDF_OPTIONS, Rendering, start_all

MANIFEST = "manifest.json"
MAX_AGE_DAYS = 60
MAX_BYTES = 512 * 1024 * 1024
WEASYPRINT = version("weasyprint")  # in every key; WeasyPrint itself is imported by the workers


@dataclass(frozen=True)
class Job:
    name: str  # output name, e.g. "wniosek.pdf"
    key_source: str  # what the key hashes (the HTML without machine-specific font paths)
    render_html: Callable[[], str]  # the HTML WeasyPrint renders (built only when needed)


def start_pdfs(jobs: list[Job]) -> Rendering:
    """Start rendering every job's PDF: its HTML is made here, the PDF by the PDF workers."""
    return start_all([job.render_html() for job in jobs])


def cache_key(key_source: str, fonts_digest: str) -> str:
    digest = hashlib.sha256()
    for part in (
        f"weasyprint {WEASYPRINT}",
        json.dumps(PDF_OPTIONS, sort_keys=True),
        fonts_digest,
        key_source,
    ):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


class PendingPdfs:
    """The PDFs of a set of jobs: cached ones at hand, missing ones being rendered meanwhile."""

    def __init__(self, jobs: list[Job], cache_dir: Path, fonts_digest: str) -> None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.cache_dir = cache_dir
        self.manifest = {job.name: cache_key(job.key_source, fonts_digest) for job in jobs}
        # cached PDFs are read now: an overlapping build may clean the cache before we finish
        self.cached = {
            name: _use(path) for name in self.manifest if (path := self._path(name)).is_file()
        }
        self.missing = [job.name for job in jobs if job.name not in self.cached]
        wanted = set(self.missing)
        self.rendering = start_pdfs([job for job in jobs if job.name in wanted])
        self._result: dict[str, bytes] | None = None

    def _path(self, name: str) -> Path:
        return self.cache_dir / f"{self.manifest[name]}.pdf"

    def result(self) -> dict[str, bytes]:
        """PDF bytes for every job (waits for the rendering); new ones go into the cache."""
        if self._result is not None:
            return self._result
        fresh = dict(zip(self.missing, self.rendering.wait(), strict=True))
        for name, data in fresh.items():  # each via its own temporary file: builds may overlap
            with tempfile.NamedTemporaryFile(dir=self.cache_dir, suffix=".tmp",
                                             delete=False) as tmp:
                tmp.write(data)
            Path(tmp.name).replace(self._path(name))
        self._result = {name: fresh.get(name) or self.cached[name] for name in self.manifest}
        _write_manifest(self.cache_dir, self.manifest)
        return self._result

    def cancel(self) -> None:
        self.rendering.cancel()


def render_cached(jobs: list[Job], cache_dir: Path, fonts_digest: str) -> dict[str, bytes]:
    """PDF bytes for every job; renders only jobs whose key is not in ``cache_dir``."""
    return PendingPdfs(jobs, cache_dir, fonts_digest).result()


def _use(path: Path) -> bytes:
    """The cached PDF's bytes; its modification time records the use (for eviction)."""
    data = path.read_bytes()
    with contextlib.suppress(OSError):
        os.utime(path)
    return data


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
    entries = []
    for path in cache_dir.glob("*.pdf"):
        with contextlib.suppress(FileNotFoundError):  # another build may evict at the same time
            stat = path.stat()
            entries.append((stat.st_mtime, stat.st_size, path))
    entries.sort()
    total = sum(size for _, size, _ in entries)
    gone = []
    for mtime, size, path in entries:
        if path.stem in keep:
            continue
        if now - mtime > max_age_days * 86400 or total > max_bytes:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            total -= size
            gone.append(path)
    return gone
