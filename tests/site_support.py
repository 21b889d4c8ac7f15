"""Shared helpers for the site tests: builds made once per test session and an HTML reader.

The registers themselves come from tests/registers.py.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from generator import website
from generator.api import model_of, read_register
from generator.register.model import Register
from generator.site import build, theme
from generator.site.context import Part, SiteContext, SiteFiles, default_cache_dir
from generator.site.pending import completed
from generator.validation.validate import Report, validate
from tests.once import once
from tests.registers import REGISTER

DEMO = REGISTER  # the shipped demo register


# --- builds ---------------------------------------------------------------------------------

DEMO_AS_OF = date(2026, 11, 22)
OWN_PARTS = ("strony", "zasoby")  # names in generator.website.PARTS


def build_own(register: Path, out: Path, as_of: date, **options: Any) -> build.BuildResult:
    """Build with this project's own pages only: for tests about the build, not the parts."""
    parts = [part for part in website.PARTS if part.name in OWN_PARTS]
    return build.build_site(register, out, as_of, parts=parts, **options)


# What the validator refuses in names (markup, formula-like text) but the site must still escape:
# the tests of escaping build such a register as if validation had accepted it (defence in depth).
ESCAPING_CODES = frozenset({"text-markup", "value-formula-like"})


def accepting(register: Path, as_of: date, codes: frozenset[str] = ESCAPING_CODES) -> Report:
    """The register's validation for ``as_of`` as if ``codes`` were not problems."""
    report = validate(register, as_of)
    return replace(report, problems=[p for p in report.problems if p.code not in codes])


def build_accepting(register: Path, out: Path, as_of: date,
                    codes: frozenset[str] = ESCAPING_CODES, **options: Any) -> build.BuildResult:
    """Build the whole site as if ``codes`` were not problems (through the build's ``report=``)."""
    return website.build_site(register, out, as_of, report=accepting(register, as_of, codes),
                              **options)


# --- the oracle: the site mkdocs renders from the complete docs tree -------------------------


def collect(model: Register, ctx: SiteContext, parts: Sequence[Part]) -> SiteFiles:
    """All files of the docs tree, complete: the pending files (the PDFs) waited for and put in
    the tree, their sizes in the pages (:func:`~generator.site.pending.completed`), rather than
    added to the built site by the patch pass."""
    return completed(build.gather(model, ctx, parts))  # type: ignore[return-value]


def plain_mkdocs_site(register: Path, out: Path, as_of: date, *,
                      parts: Sequence[Part] = website.PARTS, report: Report | None = None,
                      cache_dir: Path | None = None) -> Path:
    """Build into ``out`` the site mkdocs renders from the complete docs tree — every page and
    every PDF in it, no shells, nothing added afterwards — with the engine's own stages and the
    post-steps it applies to every page (theme squeeze, sitemap limits, pruned theme files).
    ``report``: the register's validation, as ``build_site`` takes it (e.g. :func:`accepting`)."""
    model = read_register(register, as_of) if report is None else model_of(report)
    ctx = SiteContext(as_of=as_of, register_root=register,
                      cache_dir=cache_dir or default_cache_dir())
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.plain-", dir=out.parent))
    try:
        config = build.write_tree(work, model, collect(model, ctx, parts), ctx)
        build.run_mkdocs(config, as_of)
        site = work / "site"
        theme.squeeze_site(site)
        build.limit_sitemap(site, config, as_of)
        for pruned in build.PRUNE:
            shutil.rmtree(site / pruned, ignore_errors=True)
        site.rename(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def build_once(factory: pytest.TempPathFactory, key: str, register: Path, as_of: date) -> Path:
    """Build ``register`` once per test run (with every part of the site), shared by every
    xdist worker (tests/once.py); callers only read it."""
    return once(factory, f"site-{key}", lambda out: website.build_site(register, out, as_of))


def demo_site(factory: pytest.TempPathFactory) -> Path:
    return build_once(factory, "demo", DEMO, DEMO_AS_OF)


def hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file under ``root``, by relative path."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


REDIRECT = '<meta http-equiv="refresh"'


def redirect_stubs(root: Path) -> list[Path]:
    """The pages that only send the browser on (a certificate's lower-case address)."""
    return [p for p in sorted(root.rglob("*.html")) if REDIRECT in p.read_text("utf-8")]


def html_files(root: Path) -> Iterator[Path]:
    """Every page of the site; redirect stubs are checked on their own (test_site_html)."""
    stubs = set(redirect_stubs(root))
    yield from (p for p in sorted(root.rglob("*.html")) if p not in stubs)


# --- reading HTML ---------------------------------------------------------------------------


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]


class Page(HTMLParser):
    """Every element with its attributes, the text, and the text of each table row by id."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.text_parts: list[str] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.styles: list[str] = []
        self._raw: str | None = None
        self._raw_attrs: dict[str, str] = {}
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.elements.append(Element(tag, values))
        if tag in ("script", "style"):
            self._raw, self._raw_attrs = "", values

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._raw is not None:
            self.scripts.append((self._raw_attrs, self._raw))
            self._raw = None
        elif tag == "style" and self._raw is not None:
            self.styles.append(self._raw)
            self._raw = None

    def handle_data(self, data: str) -> None:
        if self._raw is not None:
            self._raw += data
        else:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def ids(self) -> set[str]:
        return {e.attrs["id"] for e in self.elements if "id" in e.attrs}


def read_page(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def page_of(site: Path, url: str) -> Page:
    return read_page(site / url / "index.html")


class TableLinks(HTMLParser):
    """The link targets in the first cell of each body row of the table with ``table_id``."""

    def __init__(self, text: str, table_id: str) -> None:
        super().__init__()
        self.table_id = table_id
        self.inside = False
        self.depth = 0
        self.in_body = False
        self.cell = 0
        self.links: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "table" and values.get("id") == self.table_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr":
            self.cell = 0
        elif tag == "td":
            self.cell += 1
        elif tag == "a" and self.in_body and self.cell == 1:
            self.links.append(values.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False
        if tag == "tbody":
            self.in_body = False


def club_ids_in_table(path: Path, table_id: str = "tabela-klubow") -> list[str]:
    links = TableLinks(path.read_text(encoding="utf-8"), table_id).links
    return [link.rstrip("/").rsplit("/", 1)[-1] for link in links]
