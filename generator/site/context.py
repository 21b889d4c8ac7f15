"""What every part of the site generation receives, and the contract between the parts.

Each part (:class:`Part`, all listed in :mod:`generator.website`) has a
``site_files(register, ctx) -> SiteFiles``: paths relative to the docs tree (e.g.
``"dane/rejestr.json"``, ``"kluby/kolbudy/index.md"``) mapped to values. A value is text or bytes;
a Markdown page made with :func:`generator.site.markdown_page.page`, or a
:class:`~generator.site.markdown_page.LazyPage` where there is one per club (rendered only when
written, so memory does not grow with the register); or a
:class:`~generator.site.pending.Pending` file whose work (the PDFs) the part started and which
the engine writes in its one patch pass after mkdocs. The engine refuses two parts writing the
same path (pending ones included), writes the docs tree, runs mkdocs, then patches the site.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TypeVar, cast

import yaml

from generator.register.model import Register
from generator.resources import MKDOCS_CONFIG
from generator.site.markdown_page import LazyPage
from generator.site.pending import Pending

SiteFiles = dict[str, str | bytes | LazyPage | Pending]
T = TypeVar("T")


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

    ``apart``: made in the build's second process, beside the other parts, when the build has
    more than one (:func:`generator.site.build.gather`); for a part whose files are values (text,
    bytes, pages made by ``page()``): lazy pages would be rendered there and sent back whole. Such
    a part may not return :class:`~generator.site.pending.Pending` files (their work must belong
    to the build's own process): the engine refuses them, with any number of processes.
    """

    name: str
    site_files: Callable[[Register, SiteContext], SiteFiles]
    apart: bool = False
