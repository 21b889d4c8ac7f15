"""What every part of the site generation receives, and the contract between the parts.

Each part (:class:`Part`, all listed in :mod:`generator.website`) has a
``site_files(register, ctx) -> SiteFiles``: paths relative to
the docs tree (e.g. ``"dane/rejestr.json"``, ``"kluby/kolbudy/index.md"``) mapped to their
content. Markdown pages are made with :func:`generator.site.markdown_page.page`, or as a
:class:`~generator.site.markdown_page.LazyPage` where there is one per club (rendered only when
written, so memory does not grow with the register). The site builder collects all parts,
refuses two parts writing the same path, writes the docs tree and runs mkdocs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Protocol, TypeVar, cast

import yaml

from generator.register.model import Register
from generator.resources import MKDOCS_CONFIG
from generator.site.markdown_page import LazyPage

SiteFiles = dict[str, str | bytes | LazyPage]
T = TypeVar("T")


class Late(Protocol):
    """What a part's ``deferred_site_files(register, ctx)`` returns beside its files: work still
    under way (the forms' PDFs), finished after mkdocs on the built site, or in memory."""

    paths: tuple[str, ...]  # the files it adds later (checked against the other parts now)

    def fill(self, files: SiteFiles) -> SiteFiles:
        """``files`` (all parts') completed in memory."""

    def finish(self, site: Path) -> None:
        """Complete the built site in ``site``."""

    def cancel(self) -> None:
        """Stop the work (the build failed or is done)."""


def default_cache_dir() -> Path:
    """Where builds keep what they can reuse (rendered PDFs): ``KIS_CACHE_DIR``, else the user's
    cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``) — never inside the checkout."""
    if folder := os.environ.get("KIS_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "rejestr-kis"


@cache
def configured_site_url() -> str:
    """``site_url`` of the project's ``mkdocs.yml``: the one place the site's address is set."""
    config = yaml.safe_load(MKDOCS_CONFIG.read_text(encoding="utf-8"))
    url = str(config["site_url"])
    return url if url.endswith("/") else url + "/"  # as mkdocs itself normalises it


@dataclass(frozen=True)
class SiteContext:
    as_of: date  # the day every status is computed for
    register_root: Path  # the register folder (datapackage.yaml), for the downloadable package
    cache_dir: Path  # persistent cache (e.g. rendered PDFs keyed by content hash)
    base_url: str = field(default_factory=configured_site_url)  # absolute, ends with "/"
    # values several parts need, made once per build (see :meth:`once`)
    shared: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def once(self, key: str, make: Callable[[], T]) -> T:
        """The value ``make()`` gives, made by the first part that asks for ``key`` in this
        build and shared with the others (e.g. the filled documents: pages and forms)."""
        if key not in self.shared:
            self.shared[key] = make()
        return cast(T, self.shared[key])


@dataclass(frozen=True)
class Part:
    """One part of the site: its name (shown when it fails) and the function making its files.

    ``deferred``, when given, is used instead of ``site_files`` by the builder: it returns the
    files at once and the work still under way (:class:`Late`), finished after mkdocs.
    ``apart``: made in the build's second process, beside the other parts, when the build has
    more than one (:func:`generator.site.build.gather`); for a part whose files are values (text,
    bytes, pages made by ``page()``): lazy pages would be rendered there and sent back whole.
    """

    name: str
    site_files: Callable[[Register, SiteContext], SiteFiles]
    deferred: Callable[[Register, SiteContext], tuple[SiteFiles, Late]] | None = None
    apart: bool = False
