"""Page weight on phones (issue #19): every HTML page's gzip size, the largest page per type.

A page's *type* is its path with the segments that stand for one of many siblings replaced by
``*`` (``kluby/*/``, ``wojewodztwa/*/``, ``rejestr/strona/*/``): a folder with
:data:`MANY` or more page folders is a list of pages of one kind. Sizes are gzip level 6, as a
web server sends them. Run: ``python -m bench.page_weight SITE [--limit-kib 150]``.
"""

from __future__ import annotations

import argparse
import gzip
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

LIMIT_KIB = 150  # no page over this, gzip, at 5,000 clubs (issue #19)
MANY = 2  # sibling page folders that make a folder a list of pages of one kind


@dataclass(frozen=True)
class PageWeight:
    path: str  # relative to the site root, e.g. "rejestr/index.html"
    kind: str  # e.g. "kluby/*/"
    raw: int  # bytes
    gzip: int  # bytes, gzip level 6
    elements: int  # start tags: a rough DOM size


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_kinds(site: Path, pages: list[Path]) -> dict[Path, str]:
    """Each page's type (see the module's docstring)."""
    folders = Counter(p.parent.parent for p in pages if p.name == "index.html" and p.parent != site)
    kinds: dict[Path, str] = {}
    for page in pages:
        found = page.relative_to(site).parent.parts
        # the site's sections (first segment) are types of their own
        parts = [p if i == 0 or folders[site.joinpath(*found[:i])] < MANY else "*"
                 for i, p in enumerate(found)]
        kinds[page] = "/".join(parts) + "/" if parts else "/"
        if page.name != "index.html":
            kinds[page] += page.name
    return kinds


def weigh(site: Path) -> list[PageWeight]:
    """Every HTML page of the built ``site``, in path order."""
    pages = sorted(site.rglob("*.html"))
    kinds = page_kinds(site, pages)
    weights = []
    for page in pages:
        data = page.read_bytes()
        weights.append(PageWeight(page.relative_to(site).as_posix(), kinds[page], len(data),
                                  gzip_size(data), data.count(b"<") - data.count(b"</")
                                  - data.count(b"<!")))
    return weights


def largest_by_kind(weights: list[PageWeight]) -> dict[str, tuple[PageWeight, int]]:
    """The heaviest page (gzip) of each type, with the number of pages of that type."""
    best: dict[str, PageWeight] = {}
    counts: Counter[str] = Counter()
    for w in weights:
        counts[w.kind] += 1
        if w.kind not in best or w.gzip > best[w.kind].gzip:
            best[w.kind] = w
    return {k: (best[k], counts[k]) for k in sorted(best, key=lambda k: -best[k].gzip)}


def heaviest(site: Path) -> list[tuple[str, str, int, int]]:
    """(type, path, gzip bytes, elements) of the heaviest page of each type, heaviest first."""
    return [(kind, w.path, w.gzip, w.elements)
            for kind, (w, _) in largest_by_kind(weigh(site)).items()]


def table(weights: list[PageWeight], limit_kib: int = LIMIT_KIB) -> str:
    lines = [f"{'type':<40} {'pages':>6} {'gzip KiB':>9} {'raw KiB':>8} {'elements':>8}  largest"]
    for kind, (w, n) in largest_by_kind(weights).items():
        mark = "  OVER" if w.gzip > limit_kib * 1024 else ""
        lines.append(f"{kind:<40} {n:>6} {w.gzip / 1024:>9.1f} {w.raw / 1024:>8.1f} "
                     f"{w.elements:>8}  {w.path}{mark}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", type=Path)
    parser.add_argument("--limit-kib", type=int, default=LIMIT_KIB)
    args = parser.parse_args(argv)
    weights = weigh(args.site)
    print(table(weights, args.limit_kib))
    over = [w for w in weights if w.gzip > args.limit_kib * 1024]
    print(f"{len(weights)} pages, {len(over)} over {args.limit_kib} KiB gzip")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
