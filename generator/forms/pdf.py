"""HTML to PDF with WeasyPrint, cached by the hash of everything that goes into each PDF.

A job's key hashes its standalone HTML (definition, template, CSS and register data all end up
in it), the font files, the WeasyPrint version and the options. The cache folder keeps one PDF per
key and a manifest (output name → key); a job whose key is already there renders nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

# PDF/UA-1 implies tagging (structure tree) and PDF 1.7. No creation date is written (the HTML
# has no dcterms.created), and the file identifier is a hash of the content: PDFs are
# byte-identical for the same input.
PDF_OPTIONS = {
    "pdf_variant": "pdf/ua-1",
    "pdf_forms": True,
    "pdf_identifier": True,
    "hinting": False,
}
MANIFEST = "manifest.json"
WEASYPRINT = version("weasyprint")  # in every key; the package is imported only to render


@dataclass(frozen=True)
class Job:
    name: str  # output name, e.g. "wniosek.pdf"
    key_source: str  # what the key hashes (the HTML without machine-specific font paths)
    render_html: Callable[[], str]  # the HTML WeasyPrint renders (built only when needed)


def html_to_pdf(html: str) -> bytes:
    """Render one standalone HTML page (fonts as file URLs) to PDF bytes.

    WeasyPrint is imported here, not at the top: a build whose PDFs are all in the cache never
    loads it (half a second, and its memory stays out of the rest of the build).
    """
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf(**PDF_OPTIONS)


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
    manifest: dict[str, str] = {}
    result: dict[str, bytes] = {}
    for job in jobs:
        key = cache_key(job.key_source, fonts_digest)
        path = cache_dir / f"{key}.pdf"
        if path.is_file():
            data = path.read_bytes()
        else:
            data = html_to_pdf(job.render_html())
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
        manifest[job.name] = key
        result[job.name] = data
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
