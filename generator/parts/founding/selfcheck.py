"""The readiness self-check (samoocena): the criteria table of the standard as a checklist.

Everything comes from ``Register.criterion_groups`` and ``Register.criteria`` (the same table the
validator and form 3 use), so a changed table changes the checklist with no code change. Only the
advice on what to do about a missing group lives in ``site_templates/pages/founding/
samoocena.yaml``; a group it does not know gets the default advice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from generator.parts.founding.links import Target, resolve
from generator.parts.views import service_url, story_service_url
from generator.polish import plural
from generator.register.model import Criterion, CriterionGroup, Register

STORAGE_PREFIX = "kis-samoocena-v1-"


@dataclass(frozen=True)
class Item:
    criterion: Criterion
    input_id: str  # id of the checkbox
    note_id: str  # id of the explanation (aria-describedby)
    conditional: bool  # the required level is conditional ("obowiązkowe, jeśli dotyczy")
    example: Target | None  # for a service: good-practice stories or clubs that offer it


@dataclass(frozen=True)
class Group:
    group: CriterionGroup
    items: tuple[Item, ...]
    advice: str
    next: Target


@dataclass(frozen=True)
class Scope:
    code: str
    name: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Checklist:
    scopes: tuple[Scope, ...]
    storage_key: str
    count: int
    done: Target  # what to do when every criterion is met
    done_text: str

    @property
    def count_text(self) -> str:
        """„21 kryteriów”, „22 kryteria”."""
        return f"{self.count} {plural(self.count, 'kryterium', 'kryteria', 'kryteriów')}"


def storage_key(criteria: tuple[Criterion, ...]) -> str:
    """localStorage key of the answers; a different set of criterion codes gets a new key."""
    digest = hashlib.sha256("\n".join(c.code for c in criteria).encode("utf-8")).hexdigest()
    return STORAGE_PREFIX + digest[:12]


def checklist(register: Register, content: dict[str, Any], forms: dict[int, str]) -> Checklist:
    """The self-check for ``register``'s criteria, grouped by scope and group in table order."""
    with_stories = {code for s in register.stories for code in s.services}
    scopes: dict[str, list[Group]] = {}
    for g in register.criterion_groups:
        items = tuple(_item(c, with_stories, content) for c in register.criteria
                      if c.group == g.code)
        if not items:
            continue
        advice = content["grupy"].get(g.code, content["domyslnie"])
        scopes.setdefault(g.scope, []).append(
            Group(g, items, str(advice["tekst"]), resolve(advice, forms)))
    names = content["zakresy"]
    return Checklist(
        scopes=tuple(Scope(code, str(names.get(code, f"Zakres: {code}")), tuple(groups))
                     for code, groups in scopes.items()),
        storage_key=storage_key(register.criteria),
        count=len(register.criteria),
        done=resolve(content["gotowe"], forms),
        done_text=str(content["gotowe"]["tekst"]))


def _item(c: Criterion, with_stories: set[str], content: dict[str, Any]) -> Item:
    example = None
    if c.service:
        if c.service in with_stories:
            example = Target(story_service_url(c.service), str(content["uslugi"]["opisy"]))
        else:
            example = Target(service_url(c.service), str(content["uslugi"]["kluby"]))
    return Item(criterion=c, input_id=f"kryterium-{c.code}", note_id=f"kryterium-{c.code}-opis",
                conditional=c.required_level.strip() != "obowiązkowe", example=example)
