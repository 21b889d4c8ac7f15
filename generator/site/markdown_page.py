"""Wrap generated, already escaped HTML into a Markdown page that mkdocs passes through intact.

A page is either rendered at once (:func:`page`, a :class:`PageText`) or when it is written
(:class:`LazyPage`): a site of 20,000 clubs does not fit in memory as text, one page does.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

BLANK_LINES = re.compile(r"\n\s*\n+")
OPEN = '<div class="kis-page">\n'
CLOSE = "\n</div>\n"


class PageText(str):
    """The Markdown text of a page made by :func:`page`, which also keeps its front matter.

    It is an ordinary ``str`` everywhere; the site builder uses ``meta`` and ``body`` to render
    the page outside mkdocs (:mod:`generator.site.shells`) without parsing the text back.
    """

    meta: dict[str, object]  # the front matter
    _start: int  # where the body starts

    @property
    def body(self) -> str:
        """The HTML inside ``<div class="kis-page">``, exactly as it reaches the output."""
        return self[self._start : -len(CLOSE)]


class LazyPage:
    """A page whose front matter is known now and whose body is rendered when it is written.

    ``render`` returns escaped HTML, as for :func:`page`. Two lazy pages are equal when their
    texts are.
    """

    __hash__ = None  # type: ignore[assignment]

    def __init__(self, meta: dict[str, object], render: Callable[[], str]) -> None:
        self.meta = meta
        self._render = render

    @property
    def body(self) -> str:
        return BLANK_LINES.sub("\n", self._render().strip())

    def __str__(self) -> str:
        return compose(self.meta, self.body)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyPage | str) and str(self) == str(other)

    def __repr__(self) -> str:
        return f"LazyPage(title={self.meta.get('title')!r})"


def front_matter(title: str, *, description: str = "", hide: tuple[str, ...] = (),
                 extra: dict[str, object] | None = None) -> dict[str, object]:
    """The front matter of a page: title, description, sidebars to hide, anything else."""
    meta: dict[str, object] = {"title": title}
    if description:
        meta["description"] = description
    if hide:
        meta["hide"] = list(hide)
    if extra:
        meta.update(extra)
    return meta


def page(title: str, body_html: str, *, description: str = "", hide: tuple[str, ...] = (),
         extra: dict[str, object] | None = None) -> PageText:
    """A Markdown document: YAML front matter and one raw HTML block.

    ``body_html`` must be escaped HTML (render it with an autoescaping Jinja2 environment).
    It is wrapped in a single ``<div>`` with no blank lines, so Python-Markdown keeps it as one raw
    block and never interprets user text as Markdown.
    """
    meta = front_matter(title, description=description, hide=hide, extra=extra)
    return compose(meta, BLANK_LINES.sub("\n", body_html.strip()))


def compose(meta: dict[str, object], body: str) -> PageText:
    """The page with front matter ``meta`` and ``body`` (HTML without blank lines)."""
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=10_000).strip()
    head = f"---\n{front}\n---\n\n{OPEN}"
    text = PageText(f"{head}{body}{CLOSE}")
    text.meta = meta
    text._start = len(head)
    return text


def text_of(content: str | bytes | LazyPage) -> str | bytes:
    """What a file of the docs tree holds (a lazy page rendered now)."""
    return str(content) if isinstance(content, LazyPage) else content
