"""Good-practice stories: Markdown files with a YAML front matter."""

from __future__ import annotations

from typing import Any

import yaml

STORY_KEYS = {
    "tytul": "tytuł opowieści, np. \"Grupa wsparcia, która działa od 10 lat\"",
    "klub": "identyfikator klubu (klub_id) z pliku kluby.csv",
    "uslugi": "lista kodów usług z katalogu, np. [grupa_wsparcia, doradztwo_zawodowe]",
    "data": "data publikacji w postaci RRRR-MM-DD",
    "streszczenie": "jedno lub dwa zdania streszczenia",
}


class FrontMatterError(ValueError):
    """The front matter is missing or is not a YAML mapping."""

    def __init__(self, detail: str, line: int = 1) -> None:
        super().__init__(detail)
        self.line = line


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
        data = yaml.safe_load("\n".join(lines[1:end]))
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
