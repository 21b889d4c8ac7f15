"""HTML to PDF with WeasyPrint, cached by the hash of everything that goes into each PDF.

A job's key hashes its standalone HTML (definition, template, CSS and register data all end up
in it), the font files, the WeasyPrint version and the options. The cache folder keeps one PDF per
key and a manifest (output name → key); a job whose key is already there renders nothing.

Missing PDFs are rendered by :mod:`generator.forms.pdf_worker`, in worker processes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from generator.forms.pdf_worker import PDF_OPTIONS, render_all

MANIFEST = "manifest.json"
WEASYPRINT = version("weasyprint")  # in every key; WeasyPrint itself is imported by the workers


@dataclass(frozen=True)
class Job:
    name: str  # output name, e.g. "wniosek.pdf"
    key_source: str  # what the key hashes (the HTML without machine-specific font paths)
    render_html: Callable[[], str]  # the HTML WeasyPrint renders (built only when needed)


def render_pdfs(jobs: list[Job]) -> list[bytes]:
    """The PDF of every job, in order: its HTML made here, rendered by the PDF workers."""
    return render_all([job.render_html() for job in jobs])


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


def render_cached(jobs: list[Job], cache_dir: Path, fonts_digest: str) -> dict[str, bytes]:
    """PDF bytes for every job; renders only jobs whose key is not in ``cache_dir``."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    manifest = {job.name: cache_key(job.key_source, fonts_digest) for job in jobs}
    missing = [job for job in jobs if not (cache_dir / f"{manifest[job.name]}.pdf").is_file()]
    fresh = dict(zip((job.name for job in missing), render_pdfs(missing), strict=True))
    for name, data in fresh.items():
        path = cache_dir / f"{manifest[name]}.pdf"
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    result = {
        name: fresh[name] if name in fresh else (cache_dir / f"{key}.pdf").read_bytes()
        for name, key in manifest.items()
    }
    _write_manifest(cache_dir, manifest)
    return result


def _write_manifest(cache_dir: Path, manifest: dict[str, str]) -> None:
    """Record name → key and drop cached PDFs no output uses any more."""
    text = json.dumps(dict(sorted(manifest.items())), indent=1, ensure_ascii=False) + "\n"
    (cache_dir / MANIFEST).write_text(text, encoding="utf-8")
    keep = set(manifest.values())
    for old in cache_dir.glob("*.pdf"):
        if old.stem not in keep:
            old.unlink()
