"""Polish texts for argparse's own messages (usage, errors, help headings)."""

from __future__ import annotations

import argparse

TEXTS = {
    "usage: ": "użycie: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s: błąd: %(message)s\n",
    "the following arguments are required: %s": "brakuje wymaganych argumentów: %s",
    "unrecognized arguments: %s": "nieznane argumenty: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "niepoprawny wybór: %(value)r (do wyboru: %(choices)s)",
    "show this help message and exit": "pokaż tę pomoc i zakończ",
    "positional arguments": "argumenty",
    "options": "opcje",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "oczekiwano jednej wartości",
    "invalid %(type)s value: %(value)r": "niepoprawna wartość: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s":
        "niejednoznaczna opcja: %(option)s pasuje do %(matches)s",
}


def _translate(message: str) -> str:
    return TEXTS.get(message, message)


def install() -> None:
    """Make argparse speak Polish (it looks up ``_`` in its module at call time)."""
    argparse._ = _translate  # type: ignore[attr-defined]
