"""The form's text area of events: one event per line, read leniently (pure).

A line holds a date (RRRR-MM-DD or D.M.RRRR), the event type (its plain Polish name, the start of
the name, or its code, with any case and with or without Polish letters), for certificates the
number, and optional notes. Parts are separated by semicolons or tabs (a row pasted from a
spreadsheet); without separators the line is read as "date type [number] [notes]"::

    2024-03-05 wniosek złożony
    05.03.2024; certyfikat wydany; KIS-22-2024-001
    2025-06-30; wykreślenie klubu z rejestru; zakończenie działalności
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

from generator import polish
from generator.register.spreadsheet import normalise_cell

BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
DATE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})(?:\s*r\.)?(?=[\s;,\t]|$)")
# "15.04.25": a date whose year lost its first two digits
SHORT_YEAR = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2})(?:\s*r\.)?(?=[\s;,\t]|$)")
NUMBER = re.compile(r"\bKIS-\d{2}-\d{4}-\d{3,4}\b", re.IGNORECASE)
# "nr KIS-…", "numer: KIS-…": the word before a number belongs to it
NUMBER_WORD = re.compile(r"\b(?:nr|numer)\b\.?:?\s*$", re.IGNORECASE)
NUMBERED = re.compile(r"(?:(?:nr|numer)\b\.?:?\s*)?(KIS-\S*)", re.IGNORECASE)
SEPARATORS = re.compile(r"[;\t]")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
DATE_FIELD = {"type": "date"}
CLOSE = 0.8  # how alike a mistyped type name and a real one must be to suggest it
CLOSE_MARGIN = 0.05  # names this much less alike than the best are suggested too
CLOSE_LIMIT = 3


@dataclass(frozen=True)
class EventLine:
    """One event read from the text area; ``item`` is its line in the text area (1-based)."""

    item: int
    day: str  # ISO date
    kind: str  # event type code
    number: str = ""
    notes: str = ""


@dataclass(frozen=True)
class LineError:
    """Why line ``item`` could not be read: a message code and its parameters."""

    item: int
    code: str
    params: dict[str, str]


def fold(text: str) -> str:
    """Lower case, no diacritics, words separated by single spaces."""
    return polish.fold(text)


def short_year(value: str) -> tuple[str, str] | None:
    """(the date as typed, the same date with a four-digit year) when ``value`` starts with a
    date whose year has two digits ("15.04.25" -> "15.04.2025"), else None."""
    found = SHORT_YEAR.match(value.strip())
    if not found:
        return None
    day, month, year = found.groups()
    return found.group(0), f"{day}.{month}.20{year}"


def iso_date(value: str) -> str | None:
    """``value`` as an ISO date, or None when it is no real date.

    Read by the register's one spreadsheet date reader (RRRR-MM-DD, D.M.RRRR, RRRR.MM.DD).
    """
    iso, _ = normalise_cell(value.strip(), DATE_FIELD)
    if not ISO_DATE.fullmatch(iso):
        return None
    try:
        return date.fromisoformat(iso).isoformat()
    except ValueError:
        return None


class EventTypes:
    """Event type codes and names, matched the lenient way officers type them."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names  # code -> plain name
        self.keys: dict[str, str] = {}
        for code, name in names.items():
            self.keys[fold(name)] = code
            self.keys[fold(code)] = code

    def match(self, text: str) -> tuple[str | None, list[str]]:
        """The code meant by ``text``; else (None, the candidates when several fit)."""
        key = fold(text)
        if not key:
            return None, []
        if key in self.keys:
            return self.keys[key], []
        starts = sorted({c for k, c in self.keys.items() if k.startswith(key + " ")})
        if len(starts) == 1:
            return starts[0], []
        return None, starts

    def close(self, text: str) -> list[str]:
        """Codes whose name (or its start) ``text`` is probably a typo of, best first."""
        key = fold(text)
        if not key:
            return []
        words = len(key.split())
        scores: dict[str, float] = {}
        for name, code in self.keys.items():
            head = " ".join(name.split()[:words])
            score = max(
                difflib.SequenceMatcher(None, key, name).ratio(),
                difflib.SequenceMatcher(None, key, head).ratio(),
            )
            if score >= CLOSE:
                scores[code] = max(scores.get(code, 0.0), score)
        if not scores:
            return []
        best = max(scores.values())
        ranked = sorted(scores, key=lambda c: (-scores[c], c))
        return [c for c in ranked if scores[c] >= best - CLOSE_MARGIN][:CLOSE_LIMIT]

    def leading(self, text: str) -> tuple[str | None, str]:
        """The longest type name at the start of ``text`` and the rest (the notes)."""
        words = text.split()
        for exact in (True, False):
            # a start of a name must be two words at least: one word is too often a note
            for end in range(len(words), 0 if exact else 1, -1):
                head = " ".join(words[:end])
                code = self.keys.get(fold(head)) if exact else self.match(head)[0]
                if code and end < len(words) and self._continues(" ".join(words[: end + 1])):
                    continue  # "certyfikat wydany przed…" goes on as another type's name
                if code:
                    return code, " ".join(words[end:])
        return None, ""

    def _continues(self, text: str) -> bool:
        key = fold(text)
        return any(k == key or k.startswith(key + " ") for k in self.keys)

    def name(self, code: str) -> str:
        return self.names.get(code, code)


def _parts(rest: str) -> tuple[str, str, str]:
    """(type text, number, notes) of the text after the date."""
    if SEPARATORS.search(rest):
        parts = [p.strip() for p in SEPARATORS.split(rest)]
        if parts and not parts[0]:
            parts = parts[1:]  # "2024-03-05; type" leaves an empty part before the type
        kind = parts[0] if parts else ""
        number, notes = "", []
        for part in parts[1:]:
            numbered = NUMBERED.fullmatch(part)
            if not number and not notes and numbered:
                number = numbered.group(1)
            elif part:
                notes.append(part)
        return kind, number.upper(), "; ".join(notes)
    found = NUMBER.search(rest)
    number = found.group(0).upper() if found else ""
    if found:
        rest = NUMBER_WORD.sub("", rest[: found.start()]) + " " + rest[found.end() :]
    return " ".join(rest.split()), number, ""


def read(
    text: str, types: EventTypes, default: str | None = None
) -> tuple[list[EventLine], list[LineError]]:
    """The events in ``text`` and the lines that could not be read.

    ``default`` is the type of a line that names none (the strike-off form needs only a date).
    """
    events: list[EventLine] = []
    errors: list[LineError] = []
    for item, raw_line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = BULLET.sub("", raw_line).strip()
        if not line:
            continue
        shown = " ".join(line.split())
        found = DATE.match(line)
        short = None if found else short_year(line)
        if short:
            typed, suggestion = short
            errors.append(
                LineError(item, "form-date-short-year", {"value": typed, "suggestion": suggestion})
            )
            continue
        if not found:
            errors.append(LineError(item, "form-event-no-date", {"value": shown}))
            continue
        day = iso_date(found.group(1))
        if day is None:
            errors.append(LineError(item, "form-event-bad-date", {"value": found.group(1)}))
            continue
        rest = line[found.end() :].strip().lstrip(",").strip()
        kind_text, number, notes = _parts(rest)
        separated = bool(SEPARATORS.search(rest))
        code, candidates = types.match(kind_text)
        if code is None and not separated:
            code, notes = types.leading(kind_text)
        if code is None and default:
            code, notes = default, "; ".join(t for t in (kind_text, notes) if t)
        if code is None:
            if not kind_text:
                errors.append(LineError(item, "form-event-no-type", {"value": shown}))
            elif candidates:
                errors.append(
                    LineError(
                        item,
                        "form-event-ambiguous-type",
                        {
                            "value": kind_text,
                            "matches": ", ".join(f"„{types.name(c)}”" for c in candidates),
                        },
                    )
                )
            elif close := types.close(kind_text):
                errors.append(
                    LineError(
                        item,
                        "form-event-close-type",
                        {
                            "value": kind_text,
                            "matches": ", ".join(f"„{types.name(c)}”" for c in close),
                        },
                    )
                )
            else:
                errors.append(LineError(item, "form-event-unknown-type", {"value": kind_text}))
            continue
        events.append(EventLine(item, day, code, number, notes))
    return events, errors
