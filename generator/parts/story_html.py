"""Good-practice stories: their Markdown body as safe HTML for the story pages.

The validator already rejects HTML and unsafe links in stories; this renderer does not rely on
it. Raw HTML is escaped instead of passed through, images become plain links (a page must not
load anything from another host), and headings move so that the top ones are ``<h2>`` under the
page's ``<h1>``.
"""

from __future__ import annotations

import re

import markdown
from markupsafe import Markup

HEADING = re.compile(r"<(/?)h([1-6])>")
LINK_OPEN = re.compile(r'<a href="([^"]*)">')


def story_html(text: str) -> Markup:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    md.preprocessors.deregister("html_block")
    for name in ("html", "image_link", "image_reference", "short_image_ref"):
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    html = md.convert(text)
    levels = [int(m.group(2)) for m in HEADING.finditer(html)]
    shift = 2 - min(levels, default=2)  # the body's top headings become <h2>
    html = HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + shift, 6)}>", html)
    html = LINK_OPEN.sub(_link, html)
    return Markup(html)  # built by Markdown with raw HTML disabled


def _link(match: re.Match[str]) -> str:
    href = match.group(1)
    if href.startswith(("http://", "https://", "#", "mailto:")):
        extra = ' rel="nofollow noopener"' if href.startswith("http") else ""
        return f'<a href="{href}"{extra}>'
    return "<a>"
