"""Located validation problems: errors are values until the CLI prints them."""

from __future__ import annotations

import dataclasses
import reprlib
import unicodedata
from dataclasses import dataclass

from generator.messages import CATALOGUE, SEVERITY

# How a severity is named to officers (JSON output, messages page).
LEVELS = {"error": "błąd", "warning": "ostrzeżenie", "notice": "uwaga"}


class ProblemsError(Exception):
    """Base of every exception that carries located problems for the CLI to print."""

    def __init__(self, problems: list[Problem], summary: str = "") -> None:
        shown = "; ".join(str(p) for p in problems[:3])
        more = f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"{summary}: {shown}{more}" if summary else f"{shown}{more}")
        self.problems = problems


def terminal_safe(text: str) -> str:
    """``text`` with control and bidi characters shown as ``\\uXXXX`` (line ends and tabs kept).

    What the CLI prints can echo a file name, a cell or a form answer; an ESC sequence there
    would drive the officer's terminal (colours, cursor moves, a rewritten line), a bidi override
    would reorder what they read.
    """
    if text.isascii() and all(ch >= " " or ch in "\n\t" for ch in text) and "\x7f" not in text:
        return text
    return "".join(f"\\u{ord(ch):04x}" if ch not in "\n\t" and
                   unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in text)


def blocking(problems: list[Problem]) -> list[Problem]:
    """The errors among ``problems`` (warnings and notices do not make a register invalid)."""
    return [p for p in problems if p.blocking]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where it is, what is wrong and how to fix it (both in Polish)."""

    path: str  # file, as shown to the user (relative to the working directory when possible)
    line: int  # 1-based line in the file; 0 when the problem concerns the whole file
    column: int  # 1-based column (field position); 0 when not about one column
    code: str  # key of generator.messages.CATALOGUE
    message: str
    hint: str
    field: str = ""  # column name, when the problem is about one column
    severity: str = "error"  # "error" (the register is invalid), "warning" or "notice"
    params: dict[str, str] = dataclasses.field(default_factory=dict, compare=False, hash=False)

    def location(self) -> str:
        loc = self.path
        if self.line:
            loc += f":{self.line}"
            if self.column:
                loc += f":{self.column}"
        return loc

    def __str__(self) -> str:
        return f"{self.location()}: {self.message} — {self.hint}"

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "kod": self.code,
            "plik": self.path,
            "wiersz": self.line,
            "kolumna": self.column,
            "pole": self.field,
            "komunikat": self.message,
            "wskazowka": self.hint,
            "poziom": LEVELS[self.severity],
        }
        if self.proposal is not None:
            data["propozycja"] = self.proposal
        return data

    @property
    def proposal(self) -> str | None:
        """The exact value the hint proposes for this problem's cell (``line``, ``column``).

        Typed into that cell, it removes the problem (tests/test_proposals.py checks this over
        the whole bad-register corpus). None when the hint proposes no single value.
        """
        return self.params.get("proposal")

    @property
    def blocking(self) -> bool:
        """An error: the register is not valid while it is there."""
        return self.severity == "error"


def problem(
    code: str, path: str, line: int = 0, column: int = 0, field: str = "", **params: object
) -> Problem:
    """Build a problem from the message catalogue; ``params`` fill its templates.

    A text parameter is a user value (a cell, a header): it is bounded by :func:`_short`. A list
    or tuple parameter is a list the program composed of what it found: it is shown in full,
    items joined with ", ", and only each item is bounded (an item may quote a cell).
    ``proposal``, when given, is the exact cell value the hint proposes (see ``Problem.proposal``).
    """
    message, hint = CATALOGUE[code]
    text = {k: _param(v) for k, v in params.items()}
    text.setdefault("field", field)
    text.setdefault("label", field)
    kept = {**text, "proposal": str(params["proposal"])} if "proposal" in params else text
    return Problem(
        path=path,
        line=line,
        column=column,
        code=code,
        message=message.format(**text),
        hint=hint.format(**text),
        field=field,
        severity=SEVERITY.get(code, "error"),
        params=kept,
    )


def user_value(value: object) -> str:
    """A value the user wrote, of any type (e.g. from YAML), as one bounded message parameter.

    Unlike a list given to :func:`problem` (a list the program composed, shown whole), a list
    here is the user's and is cut like any other value.
    """
    return _short(value)


def _param(value: object) -> str:
    """A template parameter as shown: a composed list in full, any other value bounded."""
    if isinstance(value, (list, tuple)):
        return ", ".join(_short(item, ITEM_LIMIT) for item in value)
    return _short(value)


VALUE_LIMIT = 160  # characters of one user value shown in a message
ITEM_LIMIT = 80  # characters of one item of a composed list


def _short(value: object, limit: int = VALUE_LIMIT) -> str:
    """Quote-safe, bounded rendering of a user value inside a message.

    A longer value is cut after its last whole word that fits (mid-word only when a single word
    is longer than the limit) and ends with "…", so no word is ever shown cut.
    """
    text = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}"
                   for ch in _bounded_text(value, limit + 1))
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if not (text[limit - 1].isspace() or head[-1].isspace()):
        cut = head.rfind(" ")
        head = head[:cut] if cut >= limit // 2 else head  # one very long word: cut inside it
    return head.rstrip(" ,;:–-") + "…"


_REPR = reprlib.Repr()  # Python 3.11 takes no limits in the constructor
_REPR.maxlevel = 3
_REPR.maxdict = _REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxfrozenset = 8
_REPR.maxstring = _REPR.maxother = VALUE_LIMIT


def _bounded_text(value: object, limit: int) -> str:
    """At most ``limit`` characters of ``value`` as text, never formatting more of it.

    A long string is cut before anything is done with it; a mapping or list (e.g. from YAML) is
    rendered to a bounded depth and length, so a huge value costs no more than a small one.
    """
    if isinstance(value, str):
        return value[:limit]
    if isinstance(value, (dict, list, tuple, set, frozenset)):
        return _REPR.repr(value)[:limit]
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 512:
        return f"{'-' if value < 0 else ''}liczba o ponad 150 cyfrach"
    return str(value)[:limit]
