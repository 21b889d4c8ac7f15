"""The public site: the engine (:mod:`generator.site`) with every part (:mod:`generator.parts`).

This is the one list of the site's parts. The forms and the statistics return their PDFs as
pending files (written after mkdocs); the parts marked ``apart`` are made in the build's second
process when it has one (and may not return pending files).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from generator.parts import founding, messages_page, opendata, pages, search, static, statistics
from generator.parts.documents import site as documents
from generator.site import build
from generator.site import serve as preview
from generator.site.build import BuildFailed, BuildResult
from generator.site.context import Part

__all__ = ["PARTS", "BuildFailed", "BuildResult", "build_site", "serve"]

PARTS: tuple[Part, ...] = (
    Part("formularze", documents.site_files),
    Part("strony", pages.site_files),
    Part("zasoby", static.site_files, apart=True),
    Part("otwarte dane", opendata.site_files, apart=True),
    Part("wyszukiwarka", search.site_files, apart=True),
    Part("zakładanie klubu", founding.site_files, apart=True),
    Part("komunikaty", messages_page.site_files, apart=True),
    Part("statystyki", statistics.site_files),
)


def build_site(register: Path, out: Path, as_of: date, **options: Any) -> BuildResult:
    """Build the whole site (see :func:`generator.site.build.build_site` for ``options``)."""
    return build.build_site(register, out, as_of, parts=PARTS, **options)


def serve(register: Path, port: int, as_of: date) -> int:
    """``kis serve``: preview the whole site; an edited club's own pages are shown at once."""
    return preview.serve(register, port, as_of, build=build_site, quick=pages.club_pages)
