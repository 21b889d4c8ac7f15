"""What a built site is made of, by category, and its size projected to more clubs (issue #19).

``python -m bench.site_sizes SITE [SITE2] --clubs N [N2]``: bytes and files per category
(apparent sizes, as GitHub Pages counts them), per club, and, given two sites of different
sizes, the straight line through them extrapolated to 20,000 clubs. Of a club page, the part
outside ``<article>`` is the page frame that every page repeats.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

GITHUB_PAGES_LIMIT = 1_000_000_000  # "Published GitHub Pages sites may be no larger than 1 GB"
TARGET_CLUBS = 20_000
REDIRECT_MARK = b'http-equiv="refresh"'


def category(rel: str, path: Path) -> str:
    """The category of one file, by its place in the site (``rel``: POSIX path)."""
    top, _, rest = rel.partition("/")
    suffix = path.suffix
    if suffix == ".html" and path.stat().st_size < 4096 and REDIRECT_MARK in path.read_bytes():
        return "redirect stubs (HTML)"
    if top == "kluby":
        return "club pages (HTML)" if suffix == ".html" else f"club documents ({suffix[1:]})"
    if top == "certyfikaty":
        return ("certificate pages (HTML)" if suffix == ".html"
                else f"certificate documents ({suffix[1:]})")
    if top == "dane":
        if rest.startswith(("kluby/", "api/")) and suffix == ".json":
            return "JSON API"
        return "open data (CSV, XLSX, JSON, feeds)" if suffix != ".html" else "other pages (HTML)"
    if top == "assets":
        if suffix == ".map":
            return "theme source maps (.map)"
        return "search index and places" if suffix == ".json" else "assets (CSS, JS, images)"
    if top in ("rejestr", "wojewodztwa") and suffix == ".html":
        return "lists (rejestr/, wojewodztwa/)"
    if top == "statystyki":
        return "statistics"
    if top == "formularze":
        return "blank forms"
    if suffix == ".html":
        return "other pages (HTML)"
    return "other files"


@dataclass
class SiteSizes:
    clubs: int
    total: int = 0
    files: int = 0
    by_category: dict[str, tuple[int, int]] = field(default_factory=dict)  # bytes, files
    club_page_median: int = 0
    club_frame_median: int = 0  # of a club page, bytes outside <article>


def measure(site: Path, clubs: int) -> SiteSizes:
    result = SiteSizes(clubs)
    club_pages: list[tuple[int, int]] = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        size = path.stat().st_size
        kind = category(rel, path)
        b, n = result.by_category.get(kind, (0, 0))
        result.by_category[kind] = (b + size, n + 1)
        result.total += size
        result.files += 1
        if kind == "club pages (HTML)" and rel.count("/") == 2:
            data = path.read_bytes()
            start, end = data.find(b"<article"), data.rfind(b"</article>")
            club_pages.append((size, size - (end - start) if 0 <= start < end else size))
    if club_pages:
        club_pages.sort()
        result.club_page_median = club_pages[len(club_pages) // 2][0]
        frames = sorted(f for _, f in club_pages)
        result.club_frame_median = frames[len(frames) // 2]
    return result


def project(a: SiteSizes, b: SiteSizes, clubs: int = TARGET_CLUBS) -> float:
    """Bytes at ``clubs`` on the straight line through two measured sites."""
    slope = (b.total - a.total) / (b.clubs - a.clubs)
    return b.total + slope * (clubs - b.clubs)


def table(sites: Sequence[SiteSizes]) -> list[str]:
    kinds = sorted({k for s in sites for k in s.by_category},
                   key=lambda k: -max(s.by_category.get(k, (0, 0))[0] for s in sites))
    head = " | ".join(f"{s.clubs:,} clubs: MB | files | KB a club" for s in sites)
    rows = [f"| category | {head} |", "|---|" + "--:|--:|--:|" * len(sites)]
    for kind in [*kinds, "total"]:
        cells = []
        for s in sites:
            b, n = (s.total, s.files) if kind == "total" else s.by_category.get(kind, (0, 0))
            cells.append(f"{b / 1e6:,.1f} | {n:,} | {b / s.clubs / 1000:,.1f}")
        rows.append(f"| {kind} | {' | '.join(cells)} |")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.site_sizes", description=__doc__)
    parser.add_argument("sites", type=Path, nargs="+", help="built site folders (one or two)")
    parser.add_argument("--clubs", type=int, nargs="+", required=True,
                        help="the clubs of each site, in the same order")
    args = parser.parse_args(argv)
    if len(args.sites) != len(args.clubs):
        parser.error("give one --clubs value per site")
    sites = [measure(site, n) for site, n in zip(args.sites, args.clubs, strict=True)]
    print("\n".join(table(sites)))
    for s in sites:
        print(f"{s.clubs:,} clubs: club page median {s.club_page_median / 1000:.1f} KB, of it "
              f"the frame (outside <article>) {s.club_frame_median / 1000:.1f} KB")
    if len(sites) == 2:
        at = project(*sites)
        print(f"projected to {TARGET_CLUBS:,} clubs (straight line through the two sites): "
              f"{at / 1e6:,.0f} MB of {GITHUB_PAGES_LIMIT / 1e6:,.0f} MB")
    elif sites:
        s = sites[0]
        print(f"{s.total / s.clubs / 1000:.1f} KB a club (everything divided by clubs); "
              f"× {TARGET_CLUBS:,} = {s.total / s.clubs * TARGET_CLUBS / 1e6:,.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
