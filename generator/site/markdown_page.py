"""Wrap generated, already escaped HTML into a Markdown page that mkdocs passes through intact."""

from __future__ import annotations

import re

import yaml

BLANK_LINES = re.compile(r"\n\s*\n+")


def page(title: str, body_html: str, *, description: str = "", hide: tuple[str, ...] = (),
         extra: dict[str, object] | None = None) -> str:
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
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=10_000).strip()
    body = BLANK_LINES.sub("\n", body_html.strip())
    return f"---\n{front}\n---\n\n<div class=\"kis-page\">\n{body}\n</div>\n"
