"""Good-practice stories: front matter, references, and no HTML or unsafe links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from generator.problems import Problem, problem
from generator.register.load import RawRegister, RawStory
from generator.register.stories import STORY_KEYS, FrontMatterError, split_front_matter
from generator.validation.rules import Context, all_complete, complete
from generator.validation.rules.references import club_index, codes

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^>]*)?/?>|<!--")
LINK = re.compile(r"\]\(\s*<?([^)\s>]*)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>")
IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]*)")
REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(\S+)", re.MULTILINE)


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
    try:
        front, body, body_line = split_front_matter(story.text)
    except FrontMatterError as err:
        yield problem("story-front-matter", shown, err.line, detail=str(err))
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
    for offset, text in enumerate(body.split("\n")):
        line = body_line + offset
        tag = HTML_TAG.search(text)
        if tag:
            yield problem("story-html", shown, line, tag.start() + 1, value=tag.group(0))
        for image in IMAGE.finditer(text):
            yield problem("story-image", shown, line, image.start() + 1, value=image.group(1))
        for match in [*LINK.finditer(text), *REF_DEF.finditer(text)]:
            target = next(g for g in match.groups() if g is not None)
            if target and not re.match(r"^(https?://|#|mailto:[^:]+@)", target, re.I):
                yield problem("story-link", shown, line, match.start() + 1, value=target)


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
                          value=value if value is not None else "", fix="wpisz tekst w cudzysłowie")
    club = front.get("klub")
    if "klub" in front and clubs is not None and str(club) not in clubs:
        yield problem("story-club-unknown", shown, _key_line(story.text, "klub"), value=club)
    day = front.get("data")
    if "data" in front and not isinstance(day, date):
        yield problem("story-bad-value", shown, _key_line(story.text, "data"), key="data",
                      value=day, fix="wpisz datę jako RRRR-MM-DD, np. 2025-06-12")
    listed = front.get("uslugi")
    if "uslugi" in front:
        if not isinstance(listed, list) or not listed:
            yield problem("story-bad-value", shown, _key_line(story.text, "uslugi"),
                          key="uslugi", value=listed,
                          fix="wpisz listę kodów w nawiasach kwadratowych, np. [grupa_wsparcia]")
        elif services is not None:
            for code in listed:
                if str(code) not in services:
                    yield problem("story-service-unknown", shown,
                                  _key_line(story.text, "uslugi"), value=code,
                                  examples=", ".join(services[:3]))
