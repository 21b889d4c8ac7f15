"""Where the founding pages link to: forms of the document pack, or a fallback without them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

FORMS_INDEX = "formularze/"


@dataclass(frozen=True)
class Target:
    """A link: ``href`` relative to the site root (``"formularze/wniosek/"``) and its text."""

    href: str
    label: str


def form_urls() -> dict[int, str]:
    """Page of every numbered form (``{1: "formularze/wniosek/", ...}``); empty without forms."""
    from generator.parts.documents.definitions import load_definitions

    return {d.number: f"{FORMS_INDEX}{d.slug}/" for d in load_definitions() if d.number}


def resolve(entry: dict[str, Any], forms: dict[int, str]) -> Target:
    """A ``{link|formularz, etykieta}`` entry of the content files as a link target."""
    if "formularz" in entry:
        number = int(entry["formularz"])
        href = forms.get(number, FORMS_INDEX)
    else:
        href = str(entry["link"])
    return Target(href, str(entry["etykieta"]))

