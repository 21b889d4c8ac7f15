"""Wrap generated, already escaped HTML into a Markdown page that mkdocs passes through intact."""

from __future__ import annotations

import re

import yaml

BLANK_LINES = re.compile(r"\n\s*\n+")


class PageText(str):
    """The Markdown text of a page made by :func:`page`, which also keeps its two parts.

    It is an ordinary ``str`` everywhere; the site builder uses ``meta`` and ``body`` to render
    the page outside mkdocs (:mod:`generator.site.shells`) without parsing the text back.
    """

    meta: dict[str, object]  # the front matter
    body: str  # the HTML inside ``<div class="kis-page">``, exactly as it reaches the output


def page(title: str, body_html: str, *, description: str = "", hide: tuple[str, ...] = (),
         extra: dict[str, object] | None = None) -> PageText:
    """A Markdown document: YAML front matter and one raw HTML block.

    ``body_html`` must be escaped HTML (render it with an autoescaping Jinja2 environment).
    It is wrapped in a single ``<div>`` with no blank lines, so Python-Markdown keeps it as one raw
    block and never interprets user text as Markdown.
    """
    meta: dict[str, object] = {"title": title}
    if description:
        meta["description"] = description
    if hide:
        meta["hide"] = list(hide)
    if extra:
        meta.update(extra)
    return compose(meta, BLANK_LINES.sub("\n", body_html.strip()))


def compose(meta: dict[str, object], body: str) -> PageText:
    """The page with front matter ``meta`` and ``body`` (HTML without blank lines)."""
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=10_000).strip()
    text = PageText(f"---\n{front}\n---\n\n<div class=\"kis-page\">\n{body}\n</div>\n")
    text.meta = meta
    text.body = body
    return text
