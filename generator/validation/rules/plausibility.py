"""Plausibility warnings: values that pass every rule but are probably wrong.

None of these makes the register invalid; each is a warning on the pull request:

- a placeholder typed instead of data („do uzupełnienia”, „brak”, „00-000”; the list is the
  national table ``slowniki/wartosci_zastepcze.csv``);
- a postal code whose first two digits are not used in the club's voivodeship (column
  ``kody_pocztowe`` of ``slowniki/wojewodztwa.csv``);
- a probable duplicate club: the same name, town and operator, or the same entry number in the
  voivode's register, under another id (across all voivodeships);
- a "club" whose name says it is a social integration centre (CIS), not a club (KIS).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from generator import polish
from generator.problems import Problem, problem
from generator.register.load import RawRegister, Table
from generator.validation.rules import Context, complete
from generator.validation.rules.clubs import CONTACT_RULES
from generator.validation.rules.references import CODE_REFERENCES
from generator.validation.rules.voivodeship import folder_teryt, misplaced

PLACEHOLDERS = "wartosci-zastepcze"
DATA_KINDS = ("kluby", "zdarzenia", "uslugi")
IDENTIFIERS = {"klub_id"}
# Free text where a fragment such as „do uzupełnienia” may be a true note („wezwano do
# uzupełnienia wniosku”): only a cell that is nothing but a placeholder is reported there.
FREE_TEXT = {("zdarzenia", "uwagi"), ("uslugi", "opis")}
POSTAL_CODE = re.compile(r"\d{2}-\d{3}")
STRUCK_OFF = "klub_wykreslony"
CIS_PHRASE = re.compile(r"\bcentr\w* integracji spolecznej\b")
KIS_PHRASE = re.compile(r"\bklub\w* integracji spolecznej\b")
CIS_WORD = re.compile(r"\bCIS\b")
KIS_WORD = re.compile(r"\bKIS\b")
KIS_ABBREVIATION = re.compile(r"\bkis\b")
_SPACES_DOTS = re.compile(r"[\s.]+")
_RUNS = re.compile(r"(.)\1+", re.DOTALL)


def squeezed(text: str) -> str:
    """Compared form of a placeholder: lower case, no spaces or dots, each run of a character once.

    „B. d.” → „bd”, „XXXXX” → „x”, „000 000 000” → „0”, „00-000” → „0-0”.
    """
    return _RUNS.sub(r"\1", _SPACES_DOTS.sub("", text.casefold()))


def folded(text: str) -> str:
    """Lower case, no Polish diacritics or punctuation, single spaces: „Przystań” → przystan."""
    return polish.fold(text)


def _loose(entry: str) -> str:
    """A regular expression for the raw text whose compared form is ``entry`` (already squeezed).

    Each character may repeat and be followed by spaces or dots, as :func:`squeezed` allows.
    """
    return "".join(f"(?:{re.escape(ch)}[\\s.]*)+" for ch in entry)


@dataclass(frozen=True)
class Placeholders:
    """The national list of placeholders, in compared form (see :func:`squeezed`)."""

    whole: frozenset[str]  # the cell is nothing but the placeholder
    fragments: tuple[str, ...]  # the placeholder may be part of a longer cell

    @classmethod
    def of(cls, raw: RawRegister) -> Placeholders:
        table = complete(raw, PLACEHOLDERS)
        rows = table.rows if table else []
        fragments = tuple(squeezed(r["wartosc"]) for r in rows if r["dopasowanie"] == "fragment")
        whole = frozenset(squeezed(r["wartosc"]) for r in rows)
        return cls(whole, tuple(f for f in fragments if f))

    @cached_property
    def _patterns(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """(whole cell only, whole cell or a fragment anywhere): one search per value."""
        entries = sorted(self.whole, key=lambda e: (-len(e), e))
        whole = r"\A[\s.]*(?:" + "|".join(_loose(e) for e in entries) + r")\Z"
        parts = "|".join(_loose(f) for f in self.fragments)
        either = f"{whole}|{parts}" if parts else whole
        return re.compile(whole, re.DOTALL), re.compile(either, re.DOTALL)

    def match(self, value: str, fragments: bool = True) -> bool:
        """The value is a placeholder (or, with ``fragments``, contains one).

        Same answer as comparing :func:`squeezed` forms, without building them: one regular
        expression runs over the text (validating 20,000 clubs checks some 100,000 values).
        """
        if not self.whole:
            return False
        whole, either = self._patterns
        return bool((either if fragments else whole).search(value.casefold()))


def _text_columns(table: Table) -> list[tuple[str, int, re.Pattern[str] | None, bool]]:
    """(name, column, schema pattern, required) of the columns where people type text."""
    codes = {column for kind, column in CODE_REFERENCES if kind == table.kind}
    found = []
    for i, fld in enumerate(table.schema.get("fields", [])):
        constraints: dict[str, Any] = fld.get("constraints") or {}
        name = fld.get("name", "")
        if (fld.get("type", "string") != "string" or "enum" in constraints
                or name in codes or name in IDENTIFIERS):
            continue
        found.append((name, i + 1, _pattern(constraints.get("pattern")),
                      bool(constraints.get("required"))))
    return found


def _pattern(text: object) -> re.Pattern[str] | None:
    try:
        return re.compile(text) if isinstance(text, str) else None
    except re.error:
        return None


def check_placeholders(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    placeholders = Placeholders.of(raw)
    if not placeholders.whole:
        return
    valid = {column: check for column, check, _ in CONTACT_RULES}
    for table in (t for kind in DATA_KINDS for t in raw.of_kind(kind)):
        for name, col, pattern, required in _text_columns(table):
            fragments = (table.kind, name) not in FREE_TEXT
            check = valid.get(name) if table.kind == "kluby" else None
            values = [row.get(name, "") for row in table.rows]
            hits = {v for v in set(values) if v and placeholders.match(v, fragments)}
            for value, line in zip(values, table.lines, strict=True):
                if value not in hits or (pattern and not pattern.fullmatch(value)):
                    continue  # no placeholder, or already an error of the column's format
                if check is not None and not check(value):
                    continue  # already an error (e-mail „brak”, telefon „xxx”)
                optional = "" if required else (
                    " albo zostaw komórkę pustą – ta kolumna nie jest wymagana")
                yield problem("value-placeholder", table.display, line, col, name,
                              value=value, optional=optional)


def check_postal_codes(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    voivodeships = complete(raw, "wojewodztwa")
    if voivodeships is None or "kody_pocztowe" not in voivodeships.field_names:
        return
    owners: dict[str, list[str]] = defaultdict(list)  # prefix -> TERYT codes using it
    for r in voivodeships.rows:
        for prefix in r["kody_pocztowe"].split():
            owners[prefix].append(r["teryt"])
    genitive = {r["teryt"]: r["nazwa_dopelniacz"] for r in voivodeships.rows}
    locative = {r["teryt"]: r["nazwa_miejscownik"] for r in voivodeships.rows}
    placeholders = Placeholders.of(raw)
    by_folder = folder_teryt(raw)
    elsewhere = misplaced(raw, ctx)  # reported once, as club-voivodeship-elsewhere
    for table in raw.of_kind("kluby"):
        col = table.column("kod_pocztowy")
        for row, line in zip(table.rows, table.lines, strict=True):
            # the folder decides: a wrong code in the row is club-folder-mismatch
            value = row["kod_pocztowy"]
            teryt = by_folder.get(table.voivodeship or "") or row["wojewodztwo"]
            if (teryt not in genitive or not POSTAL_CODE.fullmatch(value)
                    or placeholders.match(value)
                    or (table.voivodeship or "", row["klub_id"]) in elsewhere):
                continue  # unknown voivodeship, wrong format or a placeholder: said elsewhere
            prefix = value[:2]
            if teryt in owners[prefix]:
                continue
            names = " albo ".join(locative[t] for t in owners[prefix])
            found = (f"są używane w województwie {names}" if names
                     else "nie są używane w żadnym województwie")
            yield problem("postal-code-voivodeship", table.display, line, col, "kod_pocztowy",
                          value=value, voivodeship=genitive[teryt], prefix=prefix, found=found)


def check_duplicates(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    struck_off = {r["klub_id"] for t in raw.of_kind("zdarzenia") for r in t.rows
                  if r["typ"] == STRUCK_OFF}
    placeholders = Placeholders.of(raw)
    same_club: dict[tuple[str, str, str], tuple[str, str]] = {}
    same_number: dict[str, tuple[str, str]] = {}
    for table in raw.of_kind("kluby"):
        for row, line in zip(table.rows, table.lines, strict=True):
            club = row["klub_id"]
            here = (club, f"{table.display}:{line}")
            key = club_key(row)
            if all(key) and club not in struck_off:  # a struck-off club may be founded anew
                first = same_club.setdefault(key, here)
                if first[0] != club:
                    yield problem("club-duplicate", table.display, line, table.column("nazwa"),
                                  "nazwa", value=club, other_id=first[0], other=first[1])
            number = row["numer_wpisu"]
            if number and not placeholders.match(number):
                first = same_number.setdefault(entry_number_key(number), here)
                if first[0] != club:
                    yield problem("entry-number-duplicate", table.display, line,
                                  table.column("numer_wpisu"), "numer_wpisu", value=number,
                                  other_id=first[0], other=first[1])


def club_key(row: dict[str, str]) -> tuple[str, str, str]:
    """What makes two rows of kluby.csv the same club: name, town and operator, compared.

    Also used by ``kis import`` to leave out clubs already in the register.
    """
    return (_club_name(row.get("nazwa", "")), folded(row.get("miejscowosc", "")),
            folded(row.get("podmiot_nazwa", "")))


def entry_number_key(number: str) -> str:
    """An entry number in the voivode's register as compared: no case, no spaces."""
    return "".join(number.casefold().split())


def _club_name(name: str) -> str:
    """Compared form of a club's name: „KIS »Przystań«” is „Klub Integracji Społecznej Przystań”."""
    return KIS_ABBREVIATION.sub("klub integracji spolecznej", folded(name))


def says_cis(name: str) -> bool:
    """The name is that of a social integration centre (CIS) and not of a club at one."""
    text = folded(name)
    cis = bool(CIS_PHRASE.search(text) or CIS_WORD.search(name))
    kis = bool(KIS_PHRASE.search(text) or KIS_WORD.search(name))
    return cis and not kis


def check_cis_names(raw: RawRegister, ctx: Context) -> Iterator[Problem]:
    for table in raw.of_kind("kluby"):
        col = table.column("nazwa")
        for row, line in zip(table.rows, table.lines, strict=True):
            if says_cis(row["nazwa"]):
                yield problem("club-name-cis", table.display, line, col, "nazwa",
                              value=row["nazwa"])
