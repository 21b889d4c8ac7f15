"""Personal data of private persons in free text: national identifiers and private contacts.

A PESEL, ID-card or passport number (pattern and check digit) anywhere in a CSV cell or a story
is an error: the register is public. A first name next to a mobile number, or an e-mail address
named after a person at a free e-mail service, is likely a private contact: a warning shown on
the pull request. What counts is data, in ``personal_data.yaml`` beside this module; messages
never repeat an identifier in full. Every scan is linear in the text (bounded look-arounds).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from generator.polish import fold
from generator.problems import Problem, problem
from generator.register.load import RawRegister
from generator.validation.rules import Context, cells

POLICY = Path(__file__).with_name("personal_data.yaml")
# cheap filter: a cell without a "@" or two 3-digit groups (6 digits in a row, or with a space
# or hyphen between) has nothing to find
CANDIDATE = re.compile(r"@|[0-9]{3}[ -]?[0-9]{3}")
EMAIL = re.compile(r"(?<![\w.%+-])([\w.%+-]{1,64})@([A-Za-z0-9.-]{1,253}[A-Za-z0-9])")
MOBILE = r"(?<![\w+])(?:\+48[ -]?|0048[ -]?)?(?:{prefix})[0-9] ?-?[0-9]{{3}} ?-?[0-9]{{3}}(?!\w)"


CAPITALISED = re.compile(r"(?<!\w)[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+(?!\w)")


@dataclass(frozen=True)
class Identifier:
    name: str  # how the message names it, e.g. "numer PESEL"
    pattern: re.Pattern[str]
    weights: tuple[int, ...]
    birth_date: bool  # PESEL: the first six digits are a date of birth

    def valid(self, text: str) -> bool:
        chars = text.replace(" ", "")
        total = sum(int(ch, 36) * w for ch, w in zip(chars, self.weights, strict=True))
        return total % 10 == 0 and (not self.birth_date or _pesel_date(chars))


@dataclass(frozen=True)
class Policy:
    identifiers: tuple[Identifier, ...]
    free_mail: frozenset[str]
    mobile: re.Pattern[str]
    distance: int
    first_names: frozenset[str]  # as written, e.g. "Łukasz"
    folded_names: frozenset[str]  # folded, e.g. "lukasz" (e-mail addresses have no diacritics)
    free_mail_text: re.Pattern[str]  # any free e-mail service's domain (in lower case text)

    @property
    def scans(self) -> tuple[re.Pattern[str], ...]:
        """What a text with an identifier or a mobile number finding holds."""
        return (*(i.pattern for i in self.identifiers), self.mobile)


@cache
def policy() -> Policy:
    data = yaml.safe_load(POLICY.read_text(encoding="utf-8"))
    identifiers = tuple(
        Identifier(item["nazwa"], re.compile(rf"(?<!\w)(?:{item['wzorzec']})(?!\w)"),
                   tuple(item["wagi"]), bool(item.get("data_urodzenia")))
        for item in data["identyfikatory"]
    )
    prefixes = "|".join(re.escape(str(p)) for p in data["komorkowe_prefiksy"])
    free_mail = frozenset(d.lower() for d in data["darmowe_poczty"])
    return Policy(identifiers, free_mail, re.compile(MOBILE.format(prefix=prefixes)),
                  int(data["odleglosc_imienia"]), frozenset(data["imiona"]),
                  frozenset(fold(n) for n in data["imiona"]),
                  re.compile("|".join(re.escape(d) for d in sorted(free_mail))))


def _pesel_date(digits: str) -> bool:
    year, month, day = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    century = {0: 1900, 1: 2000, 2: 2100, 3: 2200, 4: 1800}.get(month // 20)
    if century is None:
        return False
    try:
        date(century + year, month % 20, day)
    except ValueError:
        return False
    return True


def mask(value: str) -> str:
    """An identifier as a message shows it: its first two characters, the rest as "•"."""
    chars = value.replace(" ", "")
    return chars[:2] + "•" * (len(chars) - 2)


def text_findings(text: str) -> Iterator[tuple[int, str, dict[str, str]]]:
    """(1-based column, code, params) of each piece of personal data in ``text``."""
    if not CANDIDATE.search(text):
        return
    rules = policy()
    for ident in rules.identifiers:
        for match in ident.pattern.finditer(text):
            if ident.valid(match.group(0)):
                yield match.start() + 1, "personal-id", {"what": ident.name,
                                                         "masked": mask(match.group(0))}
    for match in EMAIL.finditer(text):
        local, domain = match.group(1).lower(), match.group(2).lower()
        if _free_mail(domain, rules.free_mail) and _named_after_person(local, rules):
            yield match.start() + 1, "personal-email", {"domain": domain}
    mobiles = list(rules.mobile.finditer(text))
    if mobiles:
        names = [(m.start(), m.end(), m.group(0)) for m in CAPITALISED.finditer(text)
                 if m.group(0) in rules.first_names]
        starts = [n[0] for n in names]
        for match in mobiles:
            name = _name_near(names, starts, match.start(), match.end(), rules.distance)
            if name:
                yield match.start() + 1, "personal-phone", {"name": name}


def _free_mail(domain: str, services: frozenset[str]) -> bool:
    parts = domain.split(".")
    return any(".".join(parts[i:]) in services for i in range(len(parts) - 1))


def _named_after_person(local: str, rules: Policy) -> bool:
    """imie.nazwisko, nazwisko_imie, imie-nazwisko2: two or more parts, one a first name."""
    parts = [p for p in re.split(r"[._-]", local) if p]
    return len(parts) >= 2 and any(fold(p.rstrip("0123456789"), None) in rules.folded_names
                                   for p in parts)


def _name_near(names: list[tuple[int, int, str]], starts: list[int], start: int, end: int,
               distance: int) -> str:
    """The first name (of ``names``, sorted by position) within ``distance`` characters of
    text[start:end], or ''."""
    i = bisect.bisect_left(starts, start - distance)
    while i < len(names) and names[i][0] <= end + distance:
        first, last, name = names[i]
        if last >= start - distance and (last <= start or first >= end):
            return name
        i += 1
    return ""


def check_personal_data(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    """Every free-text CSV cell (stories are checked line by line in rules/stories.py).

    Dates, numbers and columns with a list of allowed values cannot hold personal data. The
    other columns are searched whole (see :mod:`.cells`); only the cells where :func:`_suspects`
    finds something are looked at one by one.
    """
    for table in raw.tables.values():
        for name in _free_text(table.schema):
            col = cells.column(table.rows, name)
            found = {value: list(text_findings(value)) for value in _suspects(col)}
            for i in col.rows_of({value for value, said in found.items() if said}):
                for _, code, params in found[col.values[i]]:
                    yield problem(code, table.display, table.lines[i], table.column(name),
                                  name, **params)


def _suspects(col: cells.Column) -> set[str]:
    """The values in which :func:`text_findings` may find something.

    First the :data:`CANDIDATE` values, then those of them that hold what a finding needs: an
    identifier or a mobile number (:attr:`Policy.scans`, searched together), or a "@" and a free
    e-mail service's domain. A superset of the values with findings.
    """
    first = col.values_with(CANDIDATE)
    if not first:
        return set()
    rules = policy()
    some = cells.Column(sorted(first))
    found = {v for v in first if "@" in v and rules.free_mail_text.search(v.lower())}
    for pattern in rules.scans:
        found |= some.values_with(pattern)
    return found


def _free_text(schema: dict[str, object]) -> list[str]:
    """Names of the schema's fields that may hold free text: strings without an ``enum``."""
    fields = schema.get("fields")
    return [str(f["name"]) for f in fields if isinstance(f, dict) and "name" in f
            and f.get("type", "string") == "string"
            and "enum" not in (f.get("constraints") or {})] if isinstance(fields, list) else []
