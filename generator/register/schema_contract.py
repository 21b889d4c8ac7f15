"""What the code relies on in the register's own tables, whatever their schema files say.

The table schemas in ``register/schematy/`` are data an officer may edit (titles, descriptions,
examples, hints, lengths), but some of their facts are assumed by the code that builds the site:
the columns :mod:`generator.register.build_model` reads, a club's id used in addresses and file
names, dates parsed without a second check. A schema edit that drops one of those facts would let
the validator pass a register the build cannot take, so it is a located problem naming the schema
file and the field.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.problems import Problem, problem
from generator.register.yaml_lines import key_line

REQUIRED = "required"  # constraints.required: true
UNIQUE = "unique"  # constraints.unique: true, or the table's one-column primary key
SAFE_ID = "safe_id"  # a pattern that refuses anything unsafe in an address or a file name
DATE = "date"  # type: date
NUMBER = "number"  # type: number

_ID = (REQUIRED, UNIQUE, SAFE_ID)
# table kind (schema file stem) -> column -> what the code relies on. Every column listed must
# be in the schema: the model reads it.
RELIED: dict[str, dict[str, tuple[str, ...]]] = {
    "wojewodztwa": {"teryt": _ID, "nazwa": (REQUIRED,), "nazwa_dopelniacz": (REQUIRED,),
                    "nazwa_miejscownik": (REQUIRED,), "slug": _ID,
                    "jednostka_certyfikujaca": (), "jednostka_certyfikujaca_adres": (),
                    "jednostka_audytu": (), "jednostka_audytu_adres": (), "kody_pocztowe": ()},
    "jednostka_odwolawcza": {"nazwa": (), "adres": (), "www": ()},
    "typy_podmiotow": {"kod": _ID, "nazwa": (REQUIRED,), "opis": ()},
    "katalog_uslug": {"kod": _ID, "grupa": (REQUIRED,), "nazwa": (REQUIRED,), "opis": ()},
    "grupy_kryteriow": {"kod": _ID, "zakres": (REQUIRED,), "nazwa": (REQUIRED,), "opis": ()},
    "kryteria": {"kod": _ID, "grupa": (REQUIRED,), "nazwa": (REQUIRED,),
                 "poziom_wymagany": (), "objasnienie": (), "usluga": ()},
    "typy_zdarzen": {"kod": _ID, "nazwa": (REQUIRED,), "etap": (), "opis": (),
                     "dozwolone_po": (REQUIRED,), "wymaga_numeru": (REQUIRED,)},
    "statusy": {"kod": _ID, "nazwa": (REQUIRED,), "opis": ()},
    "wartosci_zastepcze": {"wartosc": (REQUIRED,), "dopasowanie": (REQUIRED,)},
    "kluby": {"klub_id": _ID, "nazwa": (REQUIRED,), "wojewodztwo": (REQUIRED,),
              "podmiot_nazwa": (), "podmiot_typ": (REQUIRED,), "krs": (), "regon": (), "nip": (),
              "adres": (), "kod_pocztowy": (), "miejscowosc": (), "telefon": (), "email": (),
              "www": (), "szerokosc": (NUMBER,), "dlugosc": (NUMBER,),
              "data_wpisu": (REQUIRED, DATE), "numer_wpisu": ()},
    "zdarzenia": {"klub_id": (REQUIRED,), "data": (REQUIRED, DATE), "typ": (REQUIRED,),
                  "numer_certyfikatu": (), "uwagi": ()},
    "uslugi": {"klub_id": (REQUIRED,), "usluga": (REQUIRED,), "opis": ()},
}
# Values an id must never take: a path step, a separator, a space, markup, capitals, diacritics.
UNSAFE_IDS = ("..", ".", "a/b", "../a", "a\\b", "a b", "<a>", "a?b", "a#b", "a%2fb", "A", "ą",
              "a:b", "a&b", '"a"', "'a'", "")
WHAT = {
    REQUIRED: "wymagana wartość (required: true)",
    UNIQUE: "niepowtarzalność (unique: true albo klucz główny)",
    SAFE_ID: "wzorzec, który dopuszcza tylko małe litery, cyfry, „_” i „-” (pattern)",
    DATE: "typ daty (type: date)",
    NUMBER: "typ liczby (type: number)",
}


def fields_named(schema: dict[str, Any]) -> bool:
    """Every field is a mapping with a non-empty text ``name``, each name once."""
    fields = schema.get("fields")
    if not isinstance(fields, list):
        return False
    names = [f.get("name") if isinstance(f, dict) else None for f in fields]
    return (all(isinstance(n, str) and n.strip() for n in names)
            and len(set(names)) == len(names))


def check_field_names(schema: dict[str, Any], path: Path, shown: str) -> list[Problem]:
    """A field without a usable name (none, empty, not text, repeated), located by its line."""
    fields = schema.get("fields")
    if not isinstance(fields, list):
        return []  # reported by descriptor.check_schema
    found: list[Problem] = []
    seen: set[str] = set()
    for i, fld in enumerate(fields):  # the file is composed again only for a problem's line
        name = fld.get("name") if isinstance(fld, dict) else None
        if not isinstance(fld, dict) or "name" not in fld:
            continue  # reported by descriptor.check_schema (descriptor-missing-key)
        if not isinstance(name, str) or not name.strip():
            found.append(problem("schema-field-name", shown, key_line(path, ("fields", i)),
                                 number=i + 1, value="" if name is None else str(name)[:60]))
        elif name in seen:
            found.append(problem("schema-field-repeated", shown, key_line(path, ("fields", i)),
                                 name=name))
        else:
            seen.add(name)
    return found


def check_relied(kind: str, schema: dict[str, Any], path: Path, shown: str) -> list[Problem]:
    """The facts of table ``kind`` the code relies on, as ``schema`` states them."""
    relied = RELIED.get(kind)
    if relied is None or not fields_named(schema):
        return []
    fields = {f["name"]: (i, f) for i, f in enumerate(schema["fields"])}
    keys = schema.get("primaryKey")
    keys = [keys] if isinstance(keys, str) else keys if isinstance(keys, list) else []
    found: list[Problem] = []
    for name, needs in relied.items():
        if name not in fields:
            found.append(problem("schema-field-relied", shown, key_line(path, ("fields",)),
                                 0, name, name=name))
            continue
        index, fld = fields[name]
        missing = [need for need in needs if not _holds(need, fld, keys, name)]
        if missing:
            found.append(problem("schema-constraint-relaxed", shown,
                                 key_line(path, ("fields", index)), 0, name, name=name,
                                 what="; ".join(WHAT[m] for m in missing)))
    return found


def _holds(need: str, fld: dict[str, Any], keys: list[Any], name: str) -> bool:
    constraints = fld.get("constraints")
    constraints = constraints if isinstance(constraints, dict) else {}
    if need == REQUIRED:
        return constraints.get("required") is True
    if need == UNIQUE:
        return constraints.get("unique") is True or keys == [name]
    if need == DATE:
        return fld.get("type") == "date"
    if need == NUMBER:
        return fld.get("type") == "number"
    return _safe_pattern(constraints.get("pattern"))


def _safe_pattern(pattern: object) -> bool:
    """A pattern (matched whole, as Table Schema does) that refuses every unsafe id."""
    if not isinstance(pattern, str) or not pattern:
        return False
    try:
        compiled = re.compile(pattern)
    except re.error:
        return False
    return not any(compiled.fullmatch(value) for value in UNSAFE_IDS)
