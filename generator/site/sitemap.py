"""The sitemap within the protocol's limits: a file holds at most 50,000 URLs and 50 MiB.

mkdocs writes one ``sitemap.xml`` (completed by :mod:`generator.site.shells`). When it is over
either limit (about 20,000 clubs: a page per club and per certificate), its entries are split, in
order, into ``sitemap-1.xml``, ``sitemap-2.xml`` … and ``sitemap.xml`` (and ``.gz``) becomes the
sitemap index listing them, so the address search engines know stays the same.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from xml.sax.saxutils import escape

MAX_URLS = 50_000  # sitemaps.org protocol
MAX_BYTES = 50 * 1024 * 1024  # uncompressed
NAME = "sitemap.xml"
ENTRY = re.compile(r"    <url>\n.*?    </url>\n", re.S)
LASTMOD = re.compile(r"<lastmod>([^<]*)</lastmod>")
INDEX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
)


def part_name(number: int) -> str:
    return f"sitemap-{number}.xml"


def split_sitemap(
    site: Path, site_url: str, epoch: int, *, max_urls: int | None = None,
    max_bytes: int | None = None,
) -> list[str]:
    """Split ``site/sitemap.xml`` when over a limit (default :data:`MAX_URLS`,
    :data:`MAX_BYTES`); the names of the parts written (none when it fits). ``epoch`` dates the
    ``.gz`` as mkdocs does (``SOURCE_DATE_EPOCH``)."""
    max_urls = max_urls or MAX_URLS
    max_bytes = max_bytes or MAX_BYTES
    path = site / NAME
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    entries = ENTRY.findall(text)
    if len(entries) <= max_urls and len(text.encode("utf-8")) <= max_bytes:
        return []
    first = ENTRY.search(text)
    assert first is not None  # there are more entries than the limit
    head, tail = text[: first.start()], text[first.start():].rsplit("    </url>\n", 1)[1]
    names: list[str] = []
    index = [INDEX_HEAD]
    for chunk in _chunks(entries, max_urls, max_bytes - len((head + tail).encode("utf-8"))):
        names.append(part_name(len(names) + 1))
        (site / names[-1]).write_text(head + "".join(chunk) + tail, encoding="utf-8")
        dates = [m.group(1) for e in chunk if (m := LASTMOD.search(e))]
        lastmod = f"\n         <lastmod>{max(dates)}</lastmod>" if dates else ""
        index.append(f"    <sitemap>\n         <loc>{escape(site_url + names[-1])}</loc>"
                     f"{lastmod}\n    </sitemap>\n")
    index.append("</sitemapindex>\n")
    xml = "".join(index).encode("utf-8")
    path.write_bytes(xml)
    gz = site / f"{NAME}.gz"
    with gz.open("wb") as raw, gzip.GzipFile(
        fileobj=raw, filename=str(gz), mode="wb", mtime=epoch
    ) as out:
        out.write(xml)
    return names


def _chunks(entries: list[str], max_urls: int, max_bytes: int) -> list[list[str]]:
    """``entries`` in order, in runs of at most ``max_urls`` entries and ``max_bytes`` bytes."""
    chunks: list[list[str]] = [[]]
    size = 0
    for entry in entries:
        length = len(entry.encode("utf-8"))
        if chunks[-1] and (len(chunks[-1]) >= max_urls or size + length > max_bytes):
            chunks.append([])
            size = 0
        chunks[-1].append(entry)
        size += length
    return chunks
