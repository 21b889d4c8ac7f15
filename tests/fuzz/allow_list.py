"""The story allow-list, checked on rendered HTML independently of the sanitiser that enforces it.

Written from the story rules (CommonMark output without images and raw HTML; links only to
http, https, mailto or a fragment), not imported from :mod:`generator.parts.story_html`, so a
mistake there cannot hide here.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

TAGS = {"p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "code", "pre",
        "blockquote", "hr", "br", "a"}
ATTRIBUTES = {"a": {"href", "title", "rel"}, "ol": {"start"}}
SAFE_HREF = re.compile(r"^(?:https?://[^\s]|mailto:[^\s@]+@[^\s@]+|#)", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.violations: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in TAGS:
            self.violations.append(f"</{tag}>")

    def handle_comment(self, data: str) -> None:
        self.violations.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.violations.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.violations.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.violations.append(f"<![{data}]>")

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            self.violations.append(f"<{tag}>")
            return
        for name, value in attrs:
            if name not in ATTRIBUTES.get(tag, set()):
                self.violations.append(f"<{tag} {name}>")
            elif name == "href":
                target = "".join(html.unescape(value or "").split())  # as a browser reads it
                if CONTROL.search(value or "") or not SAFE_HREF.match(target):
                    self.violations.append(f"<a href={value!r}>")


def violations(rendered: str) -> list[str]:
    """Everything in ``rendered`` outside the story allow-list (empty when it complies)."""
    scan = _Scan()
    scan.feed(rendered)
    scan.close()
    return scan.violations
