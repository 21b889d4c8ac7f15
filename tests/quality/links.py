"""Every link, resource reference and anchor target of a built site, read with html.parser.

Pure parsing and resolving; the checks are in ``test_links.py`` and ``test_privacy.py``.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

SITE_URL = "https://rejestr-kis.example.gov.pl/"  # site_url in mkdocs.yml: links to it are ours
IGNORED_SCHEMES = ("mailto", "tel", "data")
NOT_FOUND_PAGE = "404.html"

# (tag, attribute) pairs that point somewhere; ``loads`` marks those the browser fetches itself.
LINK_ATTRS: dict[tuple[str, str], bool] = {
    ("a", "href"): False, ("area", "href"): False, ("form", "action"): False,
    ("link", "href"): True, ("script", "src"): True, ("img", "src"): True,
    ("iframe", "src"): True, ("source", "src"): True, ("video", "src"): True,
    ("video", "poster"): True, ("audio", "src"): True, ("embed", "src"): True,
    ("object", "data"): True, ("track", "src"): True, ("use", "href"): True,
    ("use", "xlink:href"): True, ("image", "href"): True, ("image", "xlink:href"): True,
    ("a", "xlink:href"): False,
}
SRCSET = {("img", "srcset"), ("source", "srcset")}
# <link rel=...> values that only name a URL without the browser fetching it
NOT_FETCHED_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
SITEMAP_LOC = re.compile(r"<loc>([^<]+)</loc>")


@dataclass(frozen=True)
class Ref:
    page: str  # the referring file, relative to the site root
    line: int
    tag: str
    attr: str
    url: str
    loads: bool  # fetched by the browser when the page loads


@dataclass
class Parsed:
    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.out = Parsed()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        if "id" in values:
            self.out.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.out.ids.add(values["name"])
        line = self.getpos()[0]
        for attr, value in values.items():
            loads = LINK_ATTRS.get((tag, attr))
            if loads is not None:
                if tag == "link":
                    rels = set(values.get("rel", "").lower().split())
                    loads = not rels or not rels <= NOT_FETCHED_RELS
                self.out.refs.append(Ref(self.page, line, tag, attr, value.strip(), loads))
            elif (tag, attr) in SRCSET:
                for item in value.split(","):
                    if item.strip():
                        self.out.refs.append(
                            Ref(self.page, line, tag, attr, item.split()[0], True))

    handle_startendtag = handle_starttag


def parse_html(page: str, text: str) -> Parsed:
    collector = _Collector(page)
    collector.feed(text)
    collector.close()
    return collector.out


def css_refs(page: str, text: str) -> list[Ref]:
    return [Ref(page, text.count("\n", 0, m.start()) + 1, "css", "url", m.group(1).strip(), True)
            for m in CSS_URL.finditer(text)]


def sitemap_refs(page: str, text: str) -> list[Ref]:
    return [Ref(page, text.count("\n", 0, m.start()) + 1, "sitemap", "loc", m.group(1).strip(),
                False) for m in SITEMAP_LOC.finditer(text)]


@dataclass
class SiteLinks:
    """All HTML files' ids, and every reference from HTML, CSS and the sitemap."""

    root: Path
    ids: dict[str, set[str]]  # HTML file (relative path) → its ids
    refs: list[Ref]


def read_site(root: Path) -> SiteLinks:
    ids: dict[str, set[str]] = {}
    refs: list[Ref] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".html":
            parsed = parse_html(rel, path.read_text(encoding="utf-8"))
            ids[rel] = parsed.ids
            refs.extend(parsed.refs)
        elif path.suffix == ".css":
            refs.extend(css_refs(rel, path.read_text(encoding="utf-8")))
        elif path.name == "sitemap.xml":
            refs.extend(sitemap_refs(rel, path.read_text(encoding="utf-8")))
    return SiteLinks(root, ids, refs)


@dataclass(frozen=True)
class Target:
    """Where a reference leads inside the site."""

    path: str  # a file relative to the site root (may not exist)
    fragment: str
    problem: str = ""  # why the reference is wrong whatever the files


def external_host(url: str) -> str | None:
    """The host of ``url`` when it points outside the site, else None."""
    parts = urlsplit(url)
    if parts.scheme in IGNORED_SCHEMES or url.startswith(SITE_URL):
        return None
    if parts.netloc:
        return parts.hostname or parts.netloc
    return None


def resolve(ref: Ref, root: Path) -> Target | None:
    """The file and fragment ``ref`` leads to; None for links outside the site."""
    url = ref.url
    parts = urlsplit(url)
    if parts.scheme in IGNORED_SCHEMES or parts.scheme == "javascript":
        return None
    fragment = unquote(parts.fragment)
    if url.startswith(SITE_URL):
        path = unquote(parts.path)[len(urlsplit(SITE_URL).path):]
        joined = posixpath.normpath(path) if path else "."
    elif parts.scheme or parts.netloc:
        return None
    elif parts.path.startswith("/") and ref.page == NOT_FOUND_PAGE:
        # served at any missing URL, so mkdocs links it from the site_url path (as it must)
        joined = posixpath.normpath(unquote(parts.path).removeprefix(urlsplit(SITE_URL).path))
    elif parts.path.startswith("/"):
        return Target(parts.path, fragment,
                      "root-relative link: breaks when the site is served from a sub-path")
    elif not parts.path:
        return Target(ref.page, fragment)
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(ref.page),
                                                   unquote(parts.path)))
    if joined == ".." or joined.startswith("../"):
        return Target(joined, fragment, "leads outside the site")
    target = "" if joined == "." else joined
    candidate = root / target
    if not target or parts.path.endswith("/") or candidate.is_dir():
        target = posixpath.join(target, "index.html") if target else "index.html"
    return Target(target, fragment)
