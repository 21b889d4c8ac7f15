"""Business rules that Table Schema cannot express: one small module per rule family.

Each check is a function ``check(raw, ctx) -> Iterable[Problem]``. Adding a rule means adding a
function to one of these modules and listing it in :data:`CHECKS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from generator.problems import Problem
from generator.register.load import RawRegister


@dataclass(frozen=True)
class Context:
    as_of: date
    boundaries: object | None  # generator.geo.boundaries boundaries, loaded by the caller


Check = Callable[[RawRegister, Context], Iterable[Problem]]


def all_checks() -> list[Check]:
    from generator.validation.rules import clubs, events, package, references, stories, text

    return [
        package.check_resources,
        text.check_text,
        references.check_references,
        clubs.check_clubs,
        clubs.check_coordinates,
        events.check_events,
        events.check_certificate_numbers,
        stories.check_stories,
    ]
