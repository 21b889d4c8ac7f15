"""What every part of the site generation receives, and the contract between the parts.

Each contributing module exposes ``site_files(register, ctx) -> SiteFiles``: paths relative to
the docs tree (e.g. ``"dane/rejestr.json"``, ``"kluby/kolbudy/index.md"``) mapped to their
content. Markdown pages are made with :func:`generator.site.markdown_page.page`, or as a
:class:`~generator.site.markdown_page.LazyPage` where there is one per club (rendered only when
written, so memory does not grow with the register). The site builder collects all parts,
refuses two parts writing the same path, writes the docs tree and runs mkdocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.site.markdown_page import LazyPage

SiteFiles = dict[str, str | bytes | LazyPage]


@dataclass(frozen=True)
class SiteContext:
    as_of: date  # the day every status is computed for
    register_root: Path  # the register folder (datapackage.yaml), for the downloadable package
    cache_dir: Path  # persistent cache (e.g. rendered PDFs keyed by content hash)
    base_url: str = "https://rejestr-kis.example.gov.pl/"  # site_url from mkdocs.yml
