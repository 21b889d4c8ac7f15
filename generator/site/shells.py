"""Render most generated pages outside mkdocs, into a page mkdocs rendered once.

mkdocs-material costs about 10 ms and a few hundred KB of memory per page, and almost all pages of
the site are the same shell around a different body: club pages, certificate pages, facet pages.
A page made by :func:`generator.site.markdown_page.page` has only four inputs that differ from its
siblings': its address, title, description and body (the body is one raw HTML block, which
Python-Markdown passes through untouched). So for every group of such sibling pages:

1. :func:`plan` puts one *marker page* into the docs tree instead of the group: the same front
   matter and folder, with markers in place of the four inputs;
2. mkdocs renders the marker page like any other;
3. :func:`fill` cuts the rendered marker page at the markers and writes every page of the group
   by putting its own escaped title, description, address and body into the cuts; then it
   rewrites ``sitemap.xml`` (and ``.gz``) as mkdocs would have written it with every page.

The result is byte for byte what mkdocs would have made (``tests/test_shells.py`` builds the
site both ways and compares every file). Only pages outside the nav whose body has its own
``<h1>`` are grouped (a ``LazyPage`` must have one); a page in the nav, a hand-written Markdown
page, or a page with a folder of pages under it goes to mkdocs as before.

Such a page that is not grouped still goes to mkdocs with the body marker in place of its body,
when its body has its own ``<h1>``: Python-Markdown would only pass the raw HTML block through,
after parsing all of it to find where it ends (most of mkdocs' time on the register's long list
pages). :func:`fill` puts the body into the rendered page (``Plan.spliced``).
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from markupsafe import escape

from generator.site.markdown_page import LazyPage, PageText, compose

# Markers: lowercase letters and digits only, so no renderer escapes or splits them.
TITLE = "kisshelltitle7q3z"
DESCRIPTION = "kisshelldescription7q3z"
LEAF = "kisshellpage7q3z"
BODY = "<h1>kisshellbody7q3z</h1>"
SLOTS = {TITLE: "title", DESCRIPTION: "description", LEAF: "leaf", BODY: "body"}
_SLOT = re.compile("|".join(re.escape(m) for m in SLOTS))
MIN_GROUP = 2  # a lone page costs mkdocs the same either way
# Front matter that differs between the pages of one group: filled into the cuts, or (lastmod)
# into each page's sitemap entry.
PER_PAGE = ("title", "description", "lastmod")
SITEMAP_LASTMOD = re.compile(r"<lastmod>[^<]*</lastmod>")
SITEMAP_URL = re.compile(r"    <url>\n         <loc>(?P<loc>[^<]*)</loc>\n.*?    </url>\n", re.S)


class ShellError(Exception):
    """The rendered marker page does not have the markers where a page needs them."""


@dataclass
class Group:
    """Sibling pages that share one marker page."""

    marker: str  # path of the marker page in the docs tree
    pages: dict[str, PageText | LazyPage] = field(default_factory=dict)  # docs path → page


@dataclass
class Plan:
    docs: dict[str, str | bytes | LazyPage]  # for mkdocs: other files, one marker page a group
    groups: list[Group]
    pages: list[str]  # every Markdown page of the site (docs paths), for the sitemap
    spliced: dict[str, str] = field(default_factory=dict)  # docs path → body (a lone page)


def plan(files: Mapping[str, str | bytes | LazyPage], in_nav: set[str]) -> Plan:
    """Split ``files`` into what mkdocs renders and the groups :func:`fill` renders."""
    pages = [p for p in files if p.endswith(".md")]
    parents = {p.rsplit("/", 1)[0] for p in pages if "/" in p}
    folders = {f.rsplit("/", 1)[0] for f in parents if "/" in f}  # folders with page folders
    candidates: dict[tuple[str, str], Group] = {}
    for path, content in files.items():
        key = _group_key(path, content, in_nav, folders)
        if key is None:
            continue
        parent = key[0]
        group = candidates.setdefault(key, Group(marker=f"{parent}/{LEAF}/index.md"))
        group.pages[path] = content  # type: ignore[assignment]
    groups = [g for g in candidates.values() if len(g.pages) >= MIN_GROUP]
    # Two groups in one folder (e.g. pages with and without a description) need two markers, and
    # no marker may land in a folder that holds files (a club could have that name).
    taken = {"/".join(p.split("/")[:i]) for p in files for i in range(1, p.count("/") + 1)}
    numbers = itertools.count()
    for group in sorted(groups, key=lambda g: g.marker):
        marker = _numbered(group.marker, next(numbers))
        while marker.removesuffix("/index.md") in taken:
            marker = _numbered(group.marker, next(numbers))
        group.marker = marker
    shelled = {p for g in groups for p in g.pages}
    docs: dict[str, str | bytes | LazyPage] = {
        p: c for p, c in files.items() if p not in shelled
    }
    spliced: dict[str, str] = {}
    for path, content in docs.items():
        if isinstance(content, PageText | LazyPage) and path.endswith(".md"):
            body = content.body
            if "<h1" in body:  # else mkdocs adds a heading from the title
                spliced[path] = body
    for path in spliced:
        docs[path] = compose(docs[path].meta, BODY)  # type: ignore[union-attr]
    for group in groups:
        docs[group.marker] = _marker_page(next(iter(group.pages.values())))
    return Plan(docs=dict(sorted(docs.items())), groups=groups, pages=pages, spliced=spliced)


def _numbered(marker: str, n: int) -> str:
    return marker.replace(f"/{LEAF}/", f"/{LEAF}{n}/")


def _group_key(
    path: str, content: str | bytes | LazyPage, in_nav: set[str], folders: set[str]
) -> tuple[str, str] | None:
    if not isinstance(content, PageText | LazyPage) or path in in_nav:
        return None
    if isinstance(content, PageText) and "<h1" not in content.body:
        return None  # mkdocs would add a heading; a lazy page must have one (checked in fill)
    parts = path.split("/")
    if len(parts) < 3 or parts[-1] != "index.md" or "/".join(parts[:-1]) in folders:
        return None  # only leaf pages NAME/index.md inside a folder
    meta = {k: v for k, v in content.meta.items() if k not in PER_PAGE}
    shape = json.dumps([meta, "description" in content.meta], sort_keys=True, ensure_ascii=False)
    return "/".join(parts[:-2]), shape


def _marker_page(example: PageText | LazyPage) -> PageText:
    meta = dict(example.meta, title=TITLE)
    meta.pop("lastmod", None)  # the entry keeps the build's date; each page's own is put in
    if "description" in meta:
        meta["description"] = DESCRIPTION
    return compose(meta, BODY)


# --- after mkdocs ---------------------------------------------------------------------------


def fill(site: Path, plan: Plan, site_url: str, epoch: int) -> None:
    """Write every grouped page into ``site``, drop the marker pages and redo the sitemap.

    ``site_url`` and ``epoch`` (``SOURCE_DATE_EPOCH``) are the ones mkdocs built with. The
    three steps touch different files: the build may write the groups' pages from two processes
    (:func:`batches`, :class:`Shells`) beside the other two steps.
    """
    write_groups(site, plan.groups)
    splice_all(site, plan)
    rewrite_sitemap(site, plan, site_url, epoch)


def body_of(path: str, page: PageText | LazyPage) -> bytes:
    """The body a grouped page puts into its shell (rendered now), as UTF-8."""
    return _body(path, page).encode("utf-8")


def write_groups(site: Path, groups: list[Group]) -> None:
    """Write every grouped page into its rendered shell and drop the marker pages."""
    shells = Shells(site)
    for group in groups:
        for path, content in group.pages.items():
            shells.write(group, path, content)
    drop_markers(site, groups)


def batches(groups: list[Group], size: int) -> list[list[tuple[Group, str, PageText | LazyPage]]]:
    """The grouped pages in order, ``size`` a batch (what one process writes at a time)."""
    pages = [(g, path, content) for g in groups for path, content in g.pages.items()]
    return [pages[n:n + size] for n in range(0, len(pages), size)]


class Shells:
    """Writes grouped pages into the shells rendered in ``site`` (each shell cut once)."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self._cut: dict[str, list[bytes | str]] = {}

    def write(self, group: Group, path: str, content: PageText | LazyPage,
              body: bytes | None = None) -> None:
        """Write page ``path`` of ``group``; ``body``: rendered ahead (:func:`body_of`)."""
        shell = self._cut.get(group.marker)
        if shell is None:
            html = (self.site / _url(group.marker) / "index.html").read_text(encoding="utf-8")
            shell = [part if n % 2 else part.encode("utf-8")
                     for n, part in enumerate(_cut(html, group.marker))]
            self._cut[group.marker] = shell
        if body is None:
            body = body_of(path, content)
        target = self.site / _url(path) / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"".join(_filled(shell, path, content, body)))


def drop_markers(site: Path, groups: list[Group]) -> None:
    """Remove the rendered marker pages (after every page is written into its shell)."""
    for group in groups:
        marker_dir = site / _url(group.marker)
        (marker_dir / "index.html").unlink()
        marker_dir.rmdir()


def splice_all(site: Path, plan: Plan) -> None:
    """Put each lone page's body into the page mkdocs rendered for it (``Plan.spliced``)."""
    for path, body in plan.spliced.items():
        _splice(site / output_path(path), body)


def rewrite_sitemap(site: Path, plan: Plan, site_url: str, epoch: int) -> None:
    """The sitemap with every grouped page (see :func:`_rewrite_sitemap`), if there is one."""
    if plan.groups and (site / "sitemap.xml").exists():
        _rewrite_sitemap(site, plan, site_url, epoch)


def _cut(html: str, marker: str) -> list[str]:
    """The rendered marker page as literal text and slot names, alternating."""
    leaf = marker.split("/")[-2]
    html = html.replace(leaf, LEAF)  # the numbered marker folder is one more slot
    parts: list[str] = []
    last = 0
    for match in _SLOT.finditer(html):
        parts += [html[last:match.start()], SLOTS[match.group()]]
        last = match.end()
    parts.append(html[last:])
    names = parts[1::2]
    if names.count("body") != 1 or "title" not in names:
        raise ShellError(f"the rendered marker page {marker} lost its markers: {names}")
    return parts


def _body(path: str, page: PageText | LazyPage) -> str:
    body = page.body
    if "<h1" not in body:
        raise ShellError(f"{path} has no <h1> of its own, which its shell expects")
    return body


def _filled(shell: list[bytes | str], path: str, page: PageText | LazyPage, body: bytes
            ) -> Iterator[bytes]:
    values = {
        "title": str(escape(page.meta["title"])).encode("utf-8"),
        "description": str(escape(page.meta.get("description", ""))).encode("utf-8"),
        "leaf": quote(path.split("/")[-2]).encode("utf-8"),
        "body": body,
    }
    for part in shell:
        yield values[part] if isinstance(part, str) else part


def _splice(target: Path, body: str) -> None:
    """Put ``body`` in place of the body marker of the page mkdocs rendered into ``target``."""
    html = target.read_text(encoding="utf-8")
    if html.count(BODY) != 1:
        raise ShellError(f"the rendered page {target} lost its body marker")
    target.write_text(html.replace(BODY, body), encoding="utf-8")


def rendered_html(docs: Iterable[str]) -> list[str]:
    """The HTML files mkdocs renders from a docs tree holding ``docs``: its pages, and the
    theme's page for a missing address (``404.html``). Site paths."""
    return [*(output_path(p) for p in docs if p.endswith(".md")), "404.html"]


def output_path(docs_path: str) -> str:
    """The HTML file mkdocs writes for the page ``docs_path`` (``use_directory_urls``)."""
    stem = docs_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return f"{stem}.html"
    return f"{stem}/index.html"


def _url(docs_path: str) -> str:
    """The output folder of ``NAME/index.md`` (``NAME/``), as mkdocs names it."""
    return docs_path.removesuffix("index.md")


def _rewrite_sitemap(site: Path, plan: Plan, site_url: str, epoch: int) -> None:
    """``sitemap.xml`` (and ``.gz``) with every page, as mkdocs writes it (``sitemap.xml``)."""
    path = site / "sitemap.xml"
    text = path.read_text(encoding="utf-8")
    entries = {m.group("loc"): m.group() for m in SITEMAP_URL.finditer(text)}
    first = SITEMAP_URL.search(text)
    if first is None:
        raise ShellError("sitemap.xml has no <url> entries")
    head, tail = text[: first.start()], text[first.start():].rsplit("    </url>\n", 1)[1]
    marker_loc = site_url + quote(_url(plan.groups[0].marker))
    template = entries[marker_loc]
    shelled = {p: content for g in plan.groups for p, content in g.pages.items()}
    body = []
    for page in sorted(plan.pages, key=_mkdocs_order):
        loc = site_url + quote(_url(page))
        if page in shelled:
            entry = template.replace(f"<loc>{marker_loc}</loc>", f"<loc>{escape(loc)}</loc>")
            lastmod = shelled[page].meta.get("lastmod")
            if lastmod:  # as the sitemap template writes a page's own lastmod
                entry = SITEMAP_LASTMOD.sub(f"<lastmod>{lastmod}</lastmod>", entry, count=1)
            body.append(entry)
        elif loc in entries:
            body.append(entries[loc])
        else:
            raise ShellError(f"sitemap.xml has no entry for {loc}")
    xml = (head + "".join(body) + tail).encode("utf-8")
    path.write_bytes(xml)
    gz = site / "sitemap.xml.gz"
    with gz.open("wb") as raw, gzip.GzipFile(
        fileobj=raw, filename=str(gz), mode="wb", mtime=epoch
    ) as out:
        out.write(xml)


def _mkdocs_order(path: str) -> tuple[object, ...]:
    """mkdocs' file order: by folder, ``index`` first (``mkdocs.structure.files``)."""
    parts = path.split("/")
    return (tuple(parts[:-1]), parts[-1] != "index.md", parts[-1])
