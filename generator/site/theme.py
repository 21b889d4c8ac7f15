"""The theme's page frame: mkdocs-material's own ``base.html`` with a few checked patches.

What lives in a Jinja block is overridden as a block in ``site_templates/overrides/main.html``.
The few changes outside any block are applied here to the *installed* theme's ``base.html``, so
its asset names (hashed file names that change with every release) always match the installed
theme. A patch that no longer applies fails the build by name: an upgrade never silently drops
one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Patch:
    why: str
    old: str
    new: str


PATCHES: tuple[Patch, ...] = (
    Patch(
        "page descriptions come from the register: escape them",
        '<meta name="description" content="{{ page.meta.description }}">',
        '<meta name="description" content="{{ page.meta.description | e }}">',
    ),
    Patch(
        "the site description is escaped too",
        '<meta name="description" content="{{ config.site_description }}">',
        '<meta name="description" content="{{ config.site_description | e }}">',
    ),
    Patch(
        "autocomplete is not allowed on checkboxes (Nu HTML Checker)",
        'type="checkbox" id="__drawer" autocomplete="off">',
        'type="checkbox" id="__drawer">',
    ),
    Patch(
        "autocomplete is not allowed on checkboxes (Nu HTML Checker)",
        'type="checkbox" id="__search" autocomplete="off">',
        'type="checkbox" id="__search">',
    ),
    Patch(
        "the skip link is always there (generated pages have no Markdown headings, hence no toc)",
        """      {% if page.toc | first is defined %}
        {% set skip = page.toc | first %}
        <a href="{{ skip.url | url }}" class="md-skip">
          {{ lang.t("action.skip") }}
        </a>
      {% endif %}""",
        '      <a href="#tresc" class="md-skip">{{ lang.t("action.skip") }}</a>',
    ),
    Patch(
        "the skip link's target",
        '<article class="md-content__inner md-typeset">',
        '<article class="md-content__inner md-typeset" id="tresc" tabindex="-1">',
    ),
    # Bytes every page repeats (issue #19): ~20,000 club pages and as many certificate pages.
    Patch(
        "no generator line: nobody reads it, every page carries it",
        '<meta name="generator" content="mkdocs-{{ mkdocs_version }}, mkdocs-material-9.8.2">',
        "",
    ),
    Patch(
        "no script for content tabs: the site has none (pymdownx.tabbed is not used)",
        '{% include "partials/javascripts/content.html" %}',
        "",
    ),
    Patch(
        "no dialog: it only shows the code-copy notice (content.code.copy is not used)",
        """    <div class="md-dialog" data-md-component="dialog">
      <div class="md-dialog__inner md-typeset"></div>
    </div>
""",
        "",
    ),
)


class ThemeError(Exception):
    """The installed theme's ``base.html`` no longer matches a patch."""


def installed_base() -> str:
    """``base.html`` of the installed mkdocs-material."""
    return (resources.files("material") / "templates" / "base.html").read_text(encoding="utf-8")


def patched_base(base: str | None = None) -> str:
    """``base`` (default: the installed theme's) with every patch applied exactly once."""
    text = installed_base() if base is None else base
    for patch in PATCHES:
        found = text.count(patch.old)
        if found != 1:
            raise ThemeError(
                f"mkdocs-material base.html: the patch „{patch.why}” matches {found} times "
                "instead of once; update generator/site/theme.py for this theme version"
            )
        text = text.replace(patch.old, patch.new)
    return text


# Runs of blank space that hold a line break: the templates' indentation and empty lines.
_BLANK_LINES = re.compile(r"[ \t\r\f]*\n\s*")
# Elements the frame only ever lays out as blocks (or flex items), or that are not rendered: a
# line break between two of their tags is never a visible space.
_BLOCK = (r"(?:html|head|body|meta|link|title|script|div|nav|header|footer|main|aside|ul|ol|p"
          r"|section)")
_BETWEEN_BLOCKS = re.compile(rf"(</?{_BLOCK}\b[^<>]*>)\n(?=</?{_BLOCK}\b)")
# The theme's indentation just inside <article> and just before </article>.
_ARTICLE_OPEN = re.compile(r"(<article\b[^<>]*>)\s+")
_ARTICLE_CLOSE = re.compile(r"\s+$")


def _squeeze(frame: str) -> str:
    return _BETWEEN_BLOCKS.sub(r"\1", _BLANK_LINES.sub("\n", frame))


def squeeze_frame(html: str) -> str:
    """``html`` with the frame's indentation and blank lines cut.

    The frame is everything outside ``<article>`` (the page's own content, untouched: it may hold
    ``<pre>``) and the blank space the theme puts just inside it. The frame has no preformatted
    text; a line break renders as the blank space it replaces, and one between two tags that are
    always blocks renders as nothing, so the page looks the same; a club page is ~7 KB smaller
    (issue #19).
    """
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        return _squeeze(html)
    article = _ARTICLE_CLOSE.sub("", _ARTICLE_OPEN.sub(r"\1", html[start:end], count=1))
    return _squeeze(html[:start]) + article + _squeeze(html[end:])


def squeeze_site(site: Path, pages: Iterable[str] | None = None) -> None:
    """:func:`squeeze_frame` on every HTML page mkdocs wrote into ``site``; ``pages``: only
    these (paths in ``site``; those missing skipped), when the others are squeezed already
    (:func:`squeezed_file`)."""
    paths = site.rglob("*.html") if pages is None else (
        path for path in (site / page for page in pages) if path.is_file())
    for path in paths:
        text = path.read_text(encoding="utf-8")
        squeezed = squeeze_frame(text)
        if squeezed != text:
            path.write_text(squeezed, encoding="utf-8")


def squeezed_file(content: str) -> str:
    """What :func:`squeeze_site` leaves of an HTML file holding ``content`` (read as text: its
    line ends then as Python reads them), for a file squeezed as it is written."""
    text = content.replace("\r\n", "\n").replace("\r", "\n")
    squeezed = squeeze_frame(text)
    return content if squeezed == text else squeezed
