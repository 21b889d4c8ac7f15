"""Document definitions: ``forms/<nn>-<slug>.yaml`` read into typed, validated dataclasses.

A definition says what a document contains (sections of blocks: prose, fields, tables); the data
blocks (criteria, process steps, units…) only name what they take from the register, so the
document always matches the reference tables. Unknown keys are errors, never ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from generator.resources import FORMS

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where installed: 10× faster

FORMS_DIR = FORMS
FILE_NAME = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

FIELD_TYPES = ("text", "textarea", "date")
LAYOUTS = ("form", "prose", "certificate")
ORIENTATIONS = ("portrait", "landscape")
SCOPES = ("instytucjonalny", "uslugowy")
CRITERION_VALUES = ("nazwa", "poziom_wymagany", "objasnienie")
FILL_KEYS = ("wojewodztwo", "jednostka_certyfikujaca", "stan_na", "liczba")
REGISTER_COLUMNS = ("lp", "numer", "wydany", "wazny_do", "klub", "podmiot", "wpis")


class DefinitionError(ValueError):
    """A definition file is not valid; the message says where and what (in Polish)."""


@dataclass(frozen=True)
class Field:
    """One fillable field (a PDF form field and an HTML input)."""

    name: str
    label: str
    help: str = ""
    type: str = "text"  # one of FIELD_TYPES
    lines: int = 1  # visible lines of a textarea
    fill: str | None = None  # FILL_KEYS: printed instead of an input in a filled-in document
    context: str = ""  # the table row the field belongs to (criterion, step…)

    @property
    def tooltip(self) -> str:
        """What a screen reader and a PDF viewer's tooltip say about the field."""
        head = f"{self.context}: {self.label}" if self.context else self.label
        return f"{head} – {self.help}" if self.help else head


@dataclass(frozen=True)
class Column:
    """A column of a criteria table: a value from the reference table or a field."""

    label: str
    value: str | None = None  # CRITERION_VALUES
    field: str | None = None  # field name prefix
    help: str = ""
    type: str = "textarea"
    width: int | None = None  # percent of the table width


@dataclass(frozen=True)
class Block:
    """One block of a section; ``kind`` says how ``value`` is shaped (see ``BLOCK_PARSERS``)."""

    kind: str
    value: Any


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    key: str  # file stem, e.g. "03-karta-standardu"
    number: int | None  # 1–7 for forms 1–7, None for the certification process card
    slug: str
    label: str  # "Formularz 3"
    code: str  # short name used in the source, e.g. "KA KIS"; may be empty
    title: str
    heading: str  # the document's own heading (h1); the title unless the definition says otherwise
    purpose: str
    filled_by: str
    layout: str
    orientation: str
    intro: tuple[Block, ...]
    sections: tuple[Section, ...]
    filled_note: str = ""  # printed on the document filled from the register

    @property
    def full_title(self) -> str:
        return f"{self.label}. {self.title}" if self.number else self.title

    @property
    def blocks(self) -> tuple[Block, ...]:
        return self.intro + tuple(b for s in self.sections for b in s.blocks)


# --- small validators -------------------------------------------------------------------------


def _fail(where: str, detail: str) -> DefinitionError:
    return DefinitionError(f"{where}: {detail}")


def _mapping(
    value: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(where, "oczekiwano listy pól „klucz: wartość”")
    allowed = required + optional
    for key in value:
        if key not in allowed:
            raise _fail(where, f"nieznany klucz „{key}” (dozwolone: {', '.join(allowed)})")
    for key in required:
        if key not in value:
            raise _fail(where, f"brak wymaganego klucza „{key}”")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, "oczekiwano niepustego tekstu")
    return " ".join(value.split())


def _texts(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(where, "oczekiwano niepustej listy tekstów")
    return tuple(_text(item, f"{where}[{i}]") for i, item in enumerate(value))


def _choice(value: Any, where: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise _fail(where, f"wartość „{value}” spoza listy: {', '.join(allowed)}")
    return str(value)


def _int(value: Any, where: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _fail(where, f"oczekiwano liczby całkowitej od {low} do {high}")
    return value


def _name(value: Any, where: str) -> str:
    if not isinstance(value, str) or not FIELD_NAME.match(value):
        raise _fail(where, "nazwa pola: małe litery bez polskich znaków, cyfry i „_”")
    return value


def _empty(value: Any, where: str) -> dict[str, Any]:
    return _mapping(value if value is not None else {}, where, ())


# --- blocks -----------------------------------------------------------------------------------


def _field(value: Any, where: str) -> Field:
    data = _mapping(value, where, ("name", "label"), ("help", "type", "lines", "fill"))
    return Field(
        name=_name(data["name"], f"{where}.name"),
        label=_text(data["label"], f"{where}.label"),
        help=_text(data["help"], f"{where}.help") if "help" in data else "",
        type=_choice(data.get("type", "text"), f"{where}.type", FIELD_TYPES),
        lines=_int(data.get("lines", 1), f"{where}.lines", 1, 20),
        fill=_choice(data["fill"], f"{where}.fill", FILL_KEYS) if "fill" in data else None,
    )


def _fields(value: Any, where: str) -> tuple[Field, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(where, "oczekiwano niepustej listy pól")
    return tuple(_field(item, f"{where}[{i}]") for i, item in enumerate(value))


def _column(value: Any, where: str) -> Column:
    data = _mapping(value, where, ("label",), ("value", "field", "help", "type", "width"))
    if ("value" in data) == ("field" in data):
        raise _fail(where, "kolumna ma mieć dokładnie jeden z kluczy „value” albo „field”")
    return Column(
        label=_text(data["label"], f"{where}.label"),
        value=_choice(data["value"], f"{where}.value", CRITERION_VALUES)
        if "value" in data
        else None,
        field=_name(data["field"], f"{where}.field") if "field" in data else None,
        help=_text(data["help"], f"{where}.help") if "help" in data else "",
        type=_choice(data.get("type", "textarea"), f"{where}.type", FIELD_TYPES),
        width=_int(data["width"], f"{where}.width", 5, 90) if "width" in data else None,
    )


def _criteria(value: Any, where: str) -> dict[str, Any]:
    data = _mapping(value, where, ("scope", "columns"))
    columns = data["columns"]
    if not isinstance(columns, list) or not columns:
        raise _fail(f"{where}.columns", "oczekiwano niepustej listy kolumn")
    return {
        "scope": _choice(data["scope"], f"{where}.scope", SCOPES),
        "columns": tuple(_column(c, f"{where}.columns[{i}]") for i, c in enumerate(columns)),
    }


def _criteria_groups(value: Any, where: str) -> dict[str, Any]:
    data = _mapping(value, where, ("scope",), ("help", "lines"))
    return {
        "scope": _choice(data["scope"], f"{where}.scope", SCOPES),
        "help": _text(data["help"], f"{where}.help") if "help" in data else "",
        "lines": _int(data.get("lines", 4), f"{where}.lines", 1, 20),
    }


def _registration_table(value: Any, where: str) -> dict[str, Any]:
    data = _mapping(value, where, ("columns",), ("blank_rows",))
    columns = data["columns"]
    if not isinstance(columns, list) or not columns:
        raise _fail(f"{where}.columns", "oczekiwano niepustej listy kolumn")
    parsed = []
    for i, col in enumerate(columns):
        at = f"{where}.columns[{i}]"
        item = _mapping(col, at, ("key", "label"), ("help", "width"))
        parsed.append(
            {
                "key": _choice(item["key"], f"{at}.key", REGISTER_COLUMNS),
                "label": _text(item["label"], f"{at}.label"),
                "help": _text(item["help"], f"{at}.help") if "help" in item else "",
                "width": _int(item["width"], f"{at}.width", 3, 90) if "width" in item else None,
            }
        )
    return {
        "columns": tuple(parsed),
        "blank_rows": _int(data.get("blank_rows", 10), f"{where}.blank_rows", 1, 40),
    }


def _process_steps(value: Any, where: str) -> dict[str, Any]:
    data = _mapping(value if value is not None else {}, where, (), ("continuation",))
    if "continuation" in data:
        data["continuation"] = _text(data["continuation"], f"{where}.continuation")
    return data


def _terms(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, list) or not value:
        raise _fail(where, "oczekiwano niepustej listy pojęć")
    items = []
    for i, item in enumerate(value):
        data = _mapping(item, f"{where}[{i}]", ("term", "text"))
        items.append(
            (_text(data["term"], f"{where}[{i}].term"), _text(data["text"], f"{where}[{i}].text"))
        )
    return tuple(items)


def _table(value: Any, where: str) -> dict[str, Any]:
    data = _mapping(value, where, ("header", "rows"), ("caption",))
    header = _texts(data["header"], f"{where}.header")
    rows = data["rows"]
    if not isinstance(rows, list) or not rows:
        raise _fail(f"{where}.rows", "oczekiwano niepustej listy wierszy")
    parsed = []
    for i, row in enumerate(rows):
        cells = _texts(row, f"{where}.rows[{i}]")
        if len(cells) != len(header):
            raise _fail(f"{where}.rows[{i}]", f"wiersz ma mieć {len(header)} komórki")
        parsed.append(cells)
    caption = _text(data["caption"], f"{where}.caption") if "caption" in data else ""
    return {"header": header, "rows": tuple(parsed), "caption": caption}


BLOCK_PARSERS = {
    "text": _text,  # a paragraph
    "instruction": _text,  # a paragraph of the blank form only (how to fill it in)
    "note": _text,  # a framed remark
    "subheading": _text,
    "list": _texts,  # bulleted list
    "steps": _texts,  # numbered list
    "terms": _terms,  # bulleted list of {term, text}: the term in bold
    "table": _table,  # a small static table written in the definition
    "fields": _fields,
    "signatures": _texts,  # lines for handwritten signatures (not fillable)
    "criteria": _criteria,  # criteria table from kryteria.csv
    "criteria_groups": _criteria_groups,  # one field per group from grupy_kryteriow.csv
    "process_steps": _process_steps,  # a dated row per event type (typy_zdarzen.csv); filled:
    # the heading of the table of events that do not fit a row (continuation)
    "event_codes": _empty,  # event types and their codes, for the register
    "units": _empty,  # certifying and audit units of every voivodeship
    "appeal_unit": _empty,  # the appeal unit
    "documents": _empty,  # the document pack: who fills in what
    "registration_table": _registration_table,  # form 7: blank rows or the certified clubs
    "verification": _empty,  # where to check a certificate
}


def _block(value: Any, where: str) -> Block:
    if not isinstance(value, dict) or len(value) != 1:
        raise _fail(where, "blok to jeden klucz, np. „text: …” albo „fields: […]”")
    kind, body = next(iter(value.items()))
    if kind not in BLOCK_PARSERS:
        raise _fail(
            where, f"nieznany rodzaj bloku „{kind}” (dozwolone: {', '.join(BLOCK_PARSERS)})"
        )
    return Block(kind, BLOCK_PARSERS[kind](body, f"{where}.{kind}"))


def _blocks(value: Any, where: str) -> tuple[Block, ...]:
    if not isinstance(value, list) or not value:
        raise _fail(where, "oczekiwano niepustej listy bloków")
    return tuple(_block(item, f"{where}[{i}]") for i, item in enumerate(value))


def _section(value: Any, where: str) -> Section:
    data = _mapping(value, where, ("heading", "blocks"))
    return Section(
        _text(data["heading"], f"{where}.heading"), _blocks(data["blocks"], f"{where}.blocks")
    )


# --- documents --------------------------------------------------------------------------------

DOCUMENT_REQUIRED = ("number", "label", "title", "purpose", "filled_by", "sections")
DOCUMENT_OPTIONAL = ("code", "heading", "layout", "orientation", "intro", "filled_note")


def parse_document(data: Any, file_name: str) -> Document:
    """Validate one definition (already parsed YAML); ``file_name`` is ``nn-slug.yaml``."""
    match = FILE_NAME.match(file_name)
    if not match:
        raise _fail(file_name, "nazwa pliku ma postać nn-nazwa.yaml, np. 03-karta-standardu.yaml")
    data = _mapping(data, file_name, DOCUMENT_REQUIRED, DOCUMENT_OPTIONAL)
    number = data["number"]
    if number is not None:
        number = _int(number, f"{file_name}: number", 1, 7)
    sections = data["sections"]
    if not isinstance(sections, list) or not sections:
        raise _fail(f"{file_name}: sections", "oczekiwano niepustej listy sekcji")
    doc = Document(
        key=file_name.removesuffix(".yaml"),
        number=number,
        slug=match.group(2),
        label=_text(data["label"], f"{file_name}: label"),
        code=_text(data["code"], f"{file_name}: code") if "code" in data else "",
        title=_text(data["title"], f"{file_name}: title"),
        heading=_text(data["heading"], f"{file_name}: heading")
        if "heading" in data
        else _text(data["title"], f"{file_name}: title"),
        purpose=_text(data["purpose"], f"{file_name}: purpose"),
        filled_by=_text(data["filled_by"], f"{file_name}: filled_by"),
        layout=_choice(data.get("layout", "form"), f"{file_name}: layout", LAYOUTS),
        orientation=_choice(
            data.get("orientation", "portrait"), f"{file_name}: orientation", ORIENTATIONS
        ),
        intro=_blocks(data["intro"], f"{file_name}: intro") if "intro" in data else (),
        sections=tuple(_section(s, f"{file_name}: sections[{i}]") for i, s in enumerate(sections)),
        filled_note=_text(data["filled_note"], f"{file_name}: filled_note")
        if "filled_note" in data
        else "",
    )
    _check_unique_fields(doc, file_name)
    return doc


def _check_unique_fields(doc: Document, file_name: str) -> None:
    seen: set[str] = set()
    for block in doc.blocks:
        if block.kind == "fields":
            for fld in block.value:
                if fld.name in seen:
                    raise _fail(file_name, f"pole „{fld.name}” występuje więcej niż raz")
                seen.add(fld.name)


def load_definitions(folder: Path = FORMS_DIR) -> tuple[Document, ...]:
    """All definitions in ``folder``, in file name order; raise DefinitionError on any problem.
    Read once per process while the files stay unchanged (a build asks for them several times)."""
    paths = sorted(folder.glob("*.yaml"))
    signature = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    return _load(folder, signature)


@lru_cache(maxsize=8)
def _load(folder: Path, signature: tuple[tuple[str, int, int], ...]) -> tuple[Document, ...]:
    docs = []
    for name, _, _ in signature:
        path = folder / name
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
        except yaml.YAMLError as err:
            raise _fail(path.name, f"błąd składni YAML: {err}") from None
        docs.append(parse_document(data, path.name))
    if not docs:
        raise _fail(str(folder), "brak definicji dokumentów (*.yaml)")
    for attr in ("slug", "number"):
        values = [getattr(d, attr) for d in docs if getattr(d, attr) is not None]
        duplicates = sorted({str(v) for v in values if values.count(v) > 1})
        if duplicates:
            raise _fail(str(folder), f"powtórzone {attr}: {', '.join(duplicates)}")
    return tuple(docs)
