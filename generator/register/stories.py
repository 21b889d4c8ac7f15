"""Good-practice stories: Markdown files with a YAML front matter, and how their body is parsed.

The validator (links and images of the parsed body) and the site (the story pages) read the body
with the same CommonMark parser, :func:`markdown_parser`, and judge link targets by the same
allow-list, :func:`allowed_link`. The parser (markdown-it) runs in linear time on any input.
"""

from __future__ import annotations

import html
import re
from typing import Any

import yaml
from markdown_it import MarkdownIt

from generator.register import yaml_text

STORY_KEYS = {
    "tytul": "tytuł opowieści, np. \"Grupa wsparcia, która działa od 10 lat\"",
    "klub": "identyfikator klubu (klub_id) z pliku kluby.csv",
    "uslugi": "lista kodów usług z katalogu, np. [grupa_wsparcia, doradztwo_zawodowe]",
    "data": "data publikacji w postaci RRRR-MM-DD",
    "streszczenie": "jedno lub dwa zdania streszczenia",
}
# Characters of a story's body: a page read in a few minutes is far shorter (about 8,000 words).
MAX_BODY_CHARS = 50_000
# Link targets a story may have: web pages, e-mail addresses, places on the same page.
ALLOWED_LINK = re.compile(r"(https?://[^\s]|mailto:[^\s:@]+@[^\s]|#)", re.IGNORECASE)
LINK_SCHEMES = frozenset({"http", "https", "mailto"})


class FrontMatterError(ValueError):
    """The front matter is missing or is not a YAML mapping.

    ``code`` and ``params`` name the catalogue message when it is not ``story-front-matter``.
    """

    def __init__(self, detail: str, line: int = 1, column: int = 0, code: str = "",
                 **params: str) -> None:
        super().__init__(detail)
        self.line = line
        self.column = column
        self.code = code or "story-front-matter"
        self.params = params or {"detail": detail}


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """Return (front matter, body, line where the body starts); raise FrontMatterError."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError("brak wiersza „---” na początku pliku")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise FrontMatterError("brak zamykającego wiersza „---”") from None
    try:
        data = yaml_text.load("\n".join(lines[1:end]))
    except yaml_text.YamlAliasError as err:
        mark = err.problem_mark
        raise FrontMatterError(str(err.problem), mark.line + 2 if mark else 1,
                               mark.column + 1 if mark else 0, "yaml-alias",
                               **err.params) from None
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 2 if err.problem_mark else 1
        raise FrontMatterError(str(err.problem or "błąd składni YAML"), line) from None
    except yaml.YAMLError as err:
        raise FrontMatterError(str(err)) from None
    if not isinstance(data, dict):
        raise FrontMatterError("nagłówek nie jest listą pól „klucz: wartość”")
    rest = lines[end + 1 :]
    leading = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
    return data, "\n".join(rest[leading:]).rstrip("\n"), end + 2 + leading


def markdown_parser(*, every_link: bool = False) -> MarkdownIt:
    """CommonMark with raw HTML shown as text and images written as links.

    ``every_link`` (the validator) keeps every link and image whatever its target, so that a
    target outside :func:`allowed_link` can be named; the site's parser drops such links.
    """
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    if every_link:
        md.validateLink = lambda url: True  # type: ignore[method-assign]
    else:
        md.disable("image")  # a page loads nothing from another host: ![x](url) is a link
        md.validateLink = allowed_link  # type: ignore[method-assign]
    return md


def allowed_link(target: str) -> bool:
    """Whether ``target`` (as written in the rendered ``href``) may be a story's link.

    Character references are resolved first, as a browser does, so ``jav&#97;script:`` is
    judged as ``javascript:``.
    """
    return ALLOWED_LINK.match(html.unescape(target)) is not None
