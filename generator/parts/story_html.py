"""Good-practice stories: their Markdown body as safe HTML for the story pages.

The validator rejects HTML and unsafe links in stories; this renderer does not rely on it. The
body is parsed by the register's CommonMark parser (raw HTML shown as text, images as plain
links: a page must not load anything from another host), headings move so that the top ones
are ``<h2>`` under the page's ``<h1>``, and the resulting HTML passes an allow-list of
elements, attributes and URL schemes (nh3) before it reaches a page, so no Markdown trick can
put a ``javascript:`` link or an event handler on the site.
"""

from __future__ import annotations

import nh3
from markupsafe import Markup

from generator.register.stories import LINK_SCHEMES, allowed_link, markdown_parser

# What CommonMark writes, without images (written as links) and raw HTML (written as text).
TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "code",
                  "pre", "blockquote", "hr", "br", "a"})
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
REL = "nofollow noopener"


def story_html(text: str) -> Markup:
    md = markdown_parser()
    tokens = md.parse(text)
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    shift = 2 - min(levels, default=2)  # the body's top headings become <h2>
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + shift, 6)}"
    rendered = md.renderer.render(tokens, md.options, {})
    return Markup(sanitise(rendered))


def sanitise(rendered: str) -> str:
    """``rendered`` HTML reduced to the story allow-list (elements, attributes, URL schemes)."""
    return nh3.clean(
        rendered,
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        url_schemes=set(LINK_SCHEMES),
        url_relative=lambda url: url if url.startswith("#") else None,
        attribute_filter=_attribute,
        link_rel=REL,
        strip_comments=True,
    )


def _attribute(tag: str, name: str, value: str) -> str | None:
    """Keep only link targets of the story allow-list (``mailto:`` needs an address)."""
    if tag == "a" and name == "href" and not allowed_link(value):
        return None
    return value
