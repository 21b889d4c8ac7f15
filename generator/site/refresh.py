"""Put a page's new content into the page of an already built site, without a build.

The preview (:mod:`generator.site.serve`) shows an edited club's page this way within a second;
the full build that follows replaces the whole site. A page made by
:func:`generator.site.markdown_page.page` (or a ``LazyPage``) reaches the built site as its
escaped title and description in the frame and its body verbatim, so the new page is the old
one with those three replaced. When that cannot be done surely (the old body is not in the
page exactly once, another field of the front matter changed, the page is new), the page is
left to the build.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from markupsafe import escape

from generator.site.markdown_page import LazyPage, PageText

Page = PageText | LazyPage
IN_FRAME = ("title", "description")  # front matter that is written into the page's frame
SITEMAP_ONLY = ("lastmod",)  # front matter that only the sitemap shows


def refresh(site: Path, old: Mapping[str, object], new: Mapping[str, object],
            paths: Iterable[str]) -> list[str]:
    """Write the pages ``paths`` of ``new`` into ``site``, built from ``old``; return those that
    are now as ``new`` has them (unchanged ones included), in order."""
    done = []
    for path in paths:
        before, after = old.get(path), new.get(path)
        html = site / path.removesuffix("index.md") / "index.html"
        pages = isinstance(before, PageText | LazyPage) and isinstance(after, PageText | LazyPage)
        if not pages or not html.is_file():
            continue
        text = html.read_bytes().decode("utf-8")
        updated = replaced(text, before, after)  # type: ignore[arg-type]
        if updated is None:
            continue
        if updated != text:
            _write(html, updated)
        done.append(path)
    return done


def replaced(html: str, before: Page, after: Page) -> str | None:
    """``html``, the built page of ``before``, as the page of ``after``; None when unsure."""
    kept = set(IN_FRAME + SITEMAP_ONLY)
    if ({k: v for k, v in before.meta.items() if k not in kept}
            != {k: v for k, v in after.meta.items() if k not in kept}):
        return None  # e.g. the sidebars: the frame itself differs
    old_body = before.body
    if html.count(old_body) != 1:
        return None
    head, tail = html.split(old_body)
    changes = [(str(escape(before.meta.get(k, ""))), str(escape(after.meta.get(k, ""))))
               for k in IN_FRAME if before.meta.get(k, "") != after.meta.get(k, "")]
    # the longest first: a description may hold the title
    for was, now in sorted(changes, key=lambda c: -len(c[0])):
        if not was or was not in head + tail:
            return None
        head, tail = head.replace(was, now), tail.replace(was, now)
    return head + after.body + tail


def _write(target: Path, text: str) -> None:
    """Replace ``target`` at once: a reader gets the old page or the new one, never half."""
    temporary = target.with_name(f".{target.name}.new")
    temporary.write_bytes(text.encode("utf-8"))
    os.replace(temporary, target)
