"""The two animation paths (administrative, local leader) and their examples from the register.

The text is content (``site_templates/pages/founding/sciezki.yaml``). From the register come the
examples: for every step, good-practice stories of certified clubs whose text contains one of the
step's word stems; for every path, certified clubs run by the kinds of institution that lead it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.parts.views import club_url, story_url
from generator.register.model import Club, Register, Story
from generator.register.status import standing

STORIES_PER_STEP = 2
CLUBS_PER_PATH = 6


@dataclass(frozen=True)
class StoryLink:
    url: str  # relative to the site root
    title: str
    club_name: str
    town: str


@dataclass(frozen=True)
class ClubLink:
    url: str
    name: str
    town: str
    operator_name: str


@dataclass(frozen=True)
class Step:
    id: str
    name: str
    text: str
    who: str
    produces: str
    tool: dict[str, str] | None  # {"link": ..., "etykieta": ...}
    stories: tuple[StoryLink, ...]


@dataclass(frozen=True)
class AnimationPath:
    id: str
    name: str
    short: str
    for_whom: str
    lead: str
    lead_short: str
    steps: tuple[Step, ...]
    recommendations: tuple[str, ...]
    clubs_caption: str
    clubs: tuple[ClubLink, ...]
    clubs_total: int


def certified_clubs(register: Register, as_of: date) -> dict[str, Club]:
    return {c.id: c for c in register.clubs if standing(c.events, as_of).is_certified}


def matching_stories(stories: tuple[Story, ...], stems: list[str],
                     certified: dict[str, Club]) -> tuple[StoryLink, ...]:
    """Stories of certified clubs that mention a stem; most mentions first, then newest."""
    scored = []
    for s in stories:
        if s.club_id not in certified or not stems:
            continue
        text = " ".join((s.title, s.summary, s.body_markdown)).lower()
        hits = sum(text.count(stem.lower()) for stem in stems)
        if hits:
            scored.append((-hits, -s.date.toordinal(), s.slug, s))
    return tuple(StoryLink(story_url(s.slug), s.title, certified[s.club_id].name,
                           certified[s.club_id].town)
                 for *_, s in sorted(scored)[:STORIES_PER_STEP])


def _clubs(path: dict[str, Any], certified: dict[str, Club], as_of: date
           ) -> tuple[list[ClubLink], int]:
    kinds = set(path["typy_podmiotow"])
    mine = [c for c in certified.values() if c.operator_type in kinds]

    def newest_first(c: Club) -> tuple[int, str]:
        issued = standing(c.events, as_of).issued
        return (-(issued.toordinal() if issued else 0), c.id)

    chosen = sorted(mine, key=newest_first)[:CLUBS_PER_PATH]
    return ([ClubLink(club_url(c.id), c.name, c.town, c.operator_name) for c in chosen],
            len(mine))


def animation_paths(register: Register, as_of: date, content: dict[str, Any]
                    ) -> tuple[AnimationPath, ...]:
    certified = certified_clubs(register, as_of)
    out = []
    for p in content["sciezki"]:
        steps = tuple(
            Step(id=s["id"], name=s["nazwa"], text=s["opis"], who=s["kto"],
                 produces=s["powstaje"], tool=s.get("narzedzie"),
                 stories=matching_stories(register.stories, list(s["slowa"]), certified))
            for s in p["kroki"])
        clubs, total = _clubs(p, certified, as_of)
        out.append(AnimationPath(
            id=p["id"], name=p["nazwa"], short=p["krotko"], for_whom=p["dla_kogo"],
            lead=p["prowadzi"], lead_short=p["prowadzi_krotko"], steps=steps,
            recommendations=tuple(p["rekomendacje"]), clubs_caption=p["przyklady_kluby"],
            clubs=tuple(clubs), clubs_total=total))
    return tuple(out)


def anchors(content: dict[str, Any]) -> set[str]:
    """Every id the paths page defines for its steps and paths (targets of other pages)."""
    ids = {p["id"] for p in content["sciezki"]}
    ids |= {s["id"] for p in content["sciezki"] for s in p["kroki"]}
    return ids
