"""Where the founding pages link to: forms of the document pack, or a fallback without them."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.util import find_spec
from typing import Any

FORMS_INDEX = "formularze/"
NO_FORMS = "certyfikacja/"  # the certification page explains the forms when the pack is absent


@dataclass(frozen=True)
class Target:
    """A link: ``href`` relative to the site root (``"formularze/wniosek/"``) and its text."""

    href: str
    label: str


def form_urls() -> dict[int, str]:
    """Page of every numbered form (``{1: "formularze/wniosek/", ...}``); empty without forms."""
    if not _exists("generator.forms"):
        return {}
    from generator.forms.definitions import load_definitions

    return {d.number: f"{FORMS_INDEX}{d.slug}/" for d in load_definitions() if d.number}


def resolve(entry: dict[str, Any], forms: dict[int, str]) -> Target:
    """A ``{link|formularz, etykieta}`` entry of the content files as a link target."""
    if "formularz" in entry:
        number = int(entry["formularz"])
        href = forms.get(number, FORMS_INDEX if forms else NO_FORMS)
    else:
        href = str(entry["link"])
    return Target(href, str(entry["etykieta"]))


def _exists(module: str) -> bool:
    try:
        return find_spec(module) is not None
    except ModuleNotFoundError:
        return False
