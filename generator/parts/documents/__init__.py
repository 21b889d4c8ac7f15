"""The SC KIS document pack: forms 1–7 and the certification process card, as PDF and web pages.

Definitions live in ``forms/*.yaml``, templates and the print stylesheet in ``forms/templates/``.
The site builder calls :func:`site_files`. It is imported on first use, so that a PDF worker
(:mod:`generator.parts.documents.pdf_worker`) loads nothing but WeasyPrint.
"""

from __future__ import annotations

from typing import Any

__all__ = ["site_files"]


def __getattr__(name: str) -> Any:
    if name == "site_files":
        from generator.parts.documents.site import site_files

        return site_files
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
