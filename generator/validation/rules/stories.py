"""Good-practice stories: front matter, references, and no HTML, unsafe links or personal data.

Every check of the text runs in linear time: the line checks scan each line once, and links and
images are read from the body as the site's CommonMark parser (linear too) sees it, so a target
split over lines, given with a title or through a reference definition is judged as published.
Those two checks depend on the story's text alone: their problems are remembered in this process
(:data:`MEMO_STORIES` texts), so validating again after an edit of club rows (``kis serve``)
does not parse unchanged stories again; each call gets copies.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from markdown_it.token import Token

from generator.problems import Problem, problem, user_value
from generator.register.load import RawRegister, RawStory
from generator.register.stories import (
    MAX_BODY_CHARS,
    STORY_KEYS,
    FrontMatterError,
    allowed_link,
    markdown_parser,
    split_front_matter,
)
from generator.validation.rules import Context, all_complete, complete
from generator.validation.rules.personal_data import text_findings
from generator.validation.rules.references import club_index, codes
from generator.validation.rules.text import char_name, first_control

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# The start of an HTML tag or comment; a tag counts when a ">" follows later on its line.
TAG_START = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?=\s|/?>)")
MAX_PER_KIND = 20  # problems of one kind per story: more are said once these are fixed
MEMO_STORIES = 256  # stories whose line and link problems are remembered (each call's copies)


def check_stories(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    # None: the file could not be read whole (reported once), so nothing is unknown
    clubs = club_index(raw) if all_complete(raw, "kluby") else None
    services = codes(raw, "katalog-uslug", "kod") if complete(raw, "katalog-uslug") else None
    for story in raw.stories:
        yield from _check_story(story, clubs, services)


def _check_story(story: RawStory, clubs: dict[str, object] | None, services: list[str] | None
                 ) -> Iterator[Problem]:
    shown = story.display
    if not SLUG.match(story.slug):
        yield problem("story-filename", shown, value=story.path.name)
    yield from _check_lines(story)
    try:
        front, body, body_line = split_front_matter(story.text)
    except FrontMatterError as err:
        yield problem(err.code, shown, err.line, err.column, **err.params)
        return
    keys = list(front)
    for key in STORY_KEYS:
        if key not in front:
            yield problem("story-missing-key", shown, 1, key=key, description=STORY_KEYS[key])
    for key in keys:
        if key not in STORY_KEYS:
            yield problem("story-unknown-key", shown, _key_line(story.text, key), key=key,
                          allowed=", ".join(STORY_KEYS))
    yield from _check_values(story, front, clubs, services)
    if not body.strip():
        yield problem("story-empty", shown, body_line)
    if len(body) > MAX_BODY_CHARS:
        yield problem("story-too-long", shown, body_line, size=len(body), limit=MAX_BODY_CHARS)
        return  # parsing a text this long is not worth the time: it must be cut anyway
    yield from _check_links(shown, body, body_line)


def _copies(found: tuple[Problem, ...]) -> Iterator[Problem]:
    """Remembered problems, each with its own ``params`` (a caller may change them)."""
    return (dataclasses.replace(p, params=dict(p.params)) for p in found)


def _check_lines(story: RawStory) -> Iterator[Problem]:
    """Control characters, HTML tags and personal data, line by line (front matter too).

    Each kind is reported at most :data:`MAX_PER_KIND` times per story.
    """
    return _copies(_line_problems(story.display, story.text))


@lru_cache(maxsize=MEMO_STORIES)
def _line_problems(shown: str, text: str) -> tuple[Problem, ...]:
    return tuple(_lines(shown, text))


def _lines(shown: str, story_text: str) -> Iterator[Problem]:
    said: Counter[str] = Counter()
    for line, text in enumerate(story_text.split("\n"), 1):
        found: list[tuple[str, int, dict[str, str]]] = []
        bad = first_control(text, allowed="\t")
        if bad >= 0:
            found.append(("story-control", bad + 1, {"char": char_name(text[bad])}))
        tag = _html_tag(text)
        if tag is not None:
            found.append(("story-html", tag[0] + 1, {"value": tag[1]}))
        for column, code, params in text_findings(text):
            found.append((code, column, params))
            if said[code] + len(found) > MAX_PER_KIND:
                break
        for code, column, params in found:
            said[code] += 1
            if said[code] <= MAX_PER_KIND:
                yield problem(code, shown, line, column, **params)


def _html_tag(text: str) -> tuple[int, str] | None:
    """(index, text) of the first HTML tag or comment of a line, in one pass.

    A tag start counts when a ">" follows later on the line; if the first start has none
    after it, no later start has either.
    """
    found = []
    comment = text.find("<!--")
    if comment >= 0:
        found.append((comment, "<!--"))
    match = TAG_START.search(text)
    if match and match.start() < text.rfind(">"):
        found.append((match.start(), text[match.start() : text.index(">", match.start()) + 1]))
    return min(found, default=None)


def _check_links(shown: str, body: str, body_line: int) -> Iterator[Problem]:
    """Links and images as the parser reads them: each target outside the allow-list."""
    return _copies(_link_problems(shown, body, body_line))


@lru_cache(maxsize=MEMO_STORIES)
def _link_problems(shown: str, body: str, body_line: int) -> tuple[Problem, ...]:
    return tuple(_links(shown, body, body_line))


def _links(shown: str, body: str, body_line: int) -> Iterator[Problem]:
    env: dict[str, object] = {}
    tokens = markdown_parser(every_link=True).parse(body, env)
    lines = body.lower().split("\n")
    found = 0
    refused: set[str] = set()
    references = env.get("references", {})
    for ref in references.values() if isinstance(references, dict) else ():
        href = str(ref.get("href", ""))
        if not allowed_link(href):
            refused.add(href)
            start, end = ref.get("map") or (0, 1)
            line, column = _locate(lines, start, end, href)
            yield problem("story-link", shown, body_line + line, column, value=href)
            found += 1
    for block in tokens:
        for token in _inline(block.children or []):
            kind, target = _target(token)
            if not kind or (kind == "story-link" and (allowed_link(target) or target in refused)):
                continue
            if found >= MAX_PER_KIND:
                return
            start, end = block.map or (0, 1)
            line, column = _locate(lines, start, end, target)
            if kind == "story-image" and column:  # where the image starts: its "!["
                column = lines[line].rfind("![", 0, column) + 1 or column
            yield problem(kind, shown, body_line + line, column, value=target)
            found += 1


def _inline(children: list[Token]) -> Iterator[Token]:
    """Inline tokens in order, with those inside an image's description."""
    stack = list(reversed(children))
    while stack:
        token = stack.pop()
        yield token
        stack.extend(reversed(token.children or []))


def _target(token: Token) -> tuple[str, str]:
    if token.type == "link_open":
        return "story-link", str(token.attrGet("href") or "")
    if token.type == "image":
        return "story-image", str(token.attrGet("src") or "")
    return "", ""


def _locate(lines: list[str], start: int, end: int, target: str) -> tuple[int, int]:
    """(line index, column) of ``target`` or its scheme in lines[start:end]; else the block."""
    scheme = target.split(":", 1)[0] if ":" in target else ""
    for wanted in (target.lower(), scheme.lower()):
        if not wanted:
            continue
        for i in range(start, min(end, len(lines))):
            at = lines[i].find(wanted)
            if at >= 0:
                return i, at + 1
    return start, 0


def _key_line(text: str, key: str) -> int:
    for i, line in enumerate(text.split("\n"), 1):
        if line.startswith(f"{key}:"):
            return i
    return 1


def _check_values(story: RawStory, front: dict[str, object], clubs: dict[str, object] | None,
                  services: list[str] | None) -> Iterator[Problem]:
    shown = story.display
    for key in ("tytul", "streszczenie"):
        value = front.get(key)
        if key in front and (not isinstance(value, str) or not value.strip()):
            yield problem("story-bad-value", shown, _key_line(story.text, key), key=key,
                          value=user_value(value if value is not None else ""),
                          fix="wpisz tekst w cudzysłowie")
    club = front.get("klub")
    if "klub" in front and clubs is not None and str(club) not in clubs:
        yield problem("story-club-unknown", shown, _key_line(story.text, "klub"),
                      value=user_value(club))
    day = front.get("data")
    if "data" in front and not isinstance(day, date):
        yield problem("story-bad-value", shown, _key_line(story.text, "data"), key="data",
                      value=user_value(day), fix="wpisz datę jako RRRR-MM-DD, np. 2025-06-12")
    listed = front.get("uslugi")
    if "uslugi" in front:
        if not isinstance(listed, list) or not listed:
            yield problem("story-bad-value", shown, _key_line(story.text, "uslugi"),
                          key="uslugi", value=user_value(listed),
                          fix="wpisz listę kodów w nawiasach kwadratowych, np. [grupa_wsparcia]")
        elif services is not None:
            for code in listed:
                if str(code) not in services:
                    yield problem("story-service-unknown", shown,
                                  _key_line(story.text, "uslugi"), value=user_value(code),
                                  examples=", ".join(services[:3]))
