"""What spreadsheets write, read back as the register's canonical CSV (pure).

Polish-locale Excel and LibreOffice save a CSV file in Windows-1250, UTF-16 or UTF-8 with a BOM,
with CRLF line ends, semicolons or tabs, dates as 05.03.2026, decimal commas, all-digit codes
without their leading zeros and, when asked to, every cell in quotes. Wherever the intended
value is unambiguous this module reads it back to the value the canonical file holds (UTF-8
without BOM, LF, commas, ISO dates, minimal quoting); the loader validates that value and
``kis popraw`` writes it. What is ambiguous is left as written, so the
schema check reports it where it is.

Which fields keep leading zeros or capitals is declared in the table schemas
(``zera_wiodace: true``, ``wielkie_litery: true``); the widths of a code come from its pattern.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
DELIMITERS = {",": "", ";": "kolumny rozdzielone średnikami",
              "\t": "kolumny rozdzielone tabulatorami"}
# Characters a Polish text in Windows-1250 plausibly holds besides ASCII: letters (Polish and
# other Latin ones, as in foreign names) and typographic punctuation. Bytes that decode to
# anything else (±, ¶, ¦, ¬, ˇ… = ą, ś, Ś, Ź, Ą in ISO-8859-2) mean another encoding.
CP1250_PUNCTUATION = set("„”“‚‘’–—…«»°§·×•\u00a0")
POLISH = set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")

TIME_MIDNIGHT = r"(?: 0?0:00(?::00)?)?"
DATE_SHAPES = (
    re.compile(rf"(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}}){TIME_MIDNIGHT}", re.ASCII),
    re.compile(rf"(?P<y>\d{{4}})(?P<s>[-.])(?P<m>\d{{1,2}})(?P=s)(?P<d>\d{{1,2}}){TIME_MIDNIGHT}",
               re.ASCII),
)
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+", re.ASCII)
DIGITS = re.compile(r"\d+", re.ASCII)
# a code typed in groups of two digits or more: "183-016-61-38", "123 456 785"
CODE_SEPARATED = re.compile(r"\d{2,}(?:[- ]\d{2,})+", re.ASCII)
CODE_SEPARATORS = re.compile(r"[- ]")
WIDTH = re.compile(r"\\d\{(\d+)\}")
WIDTHS_ONLY = re.compile(r"[()|]*")

SHAPE_BOM = "znak BOM na początku pliku"
SHAPE_UTF16 = "kodowanie UTF-16"
SHAPE_CP1250 = "kodowanie Windows-1250"
SHAPE_CRLF = "końce wierszy z systemu Windows"
SHAPE_CR = "końce wierszy ze starego systemu Mac OS"
SHAPE_NO_FINAL_NEWLINE = "brak końca wiersza na końcu pliku"
SHAPE_QUOTES = "cudzysłowy wokół wszystkich komórek"
SHAPE_DATE = "daty"
SHAPE_DECIMAL = "przecinki dziesiętne"
SHAPE_ZEROS = "kody bez zer na początku"
SHAPE_CASE = "małe litery"
SHAPE_SEPARATORS = "kody z myślnikami lub spacjami między cyframi"


HEADER_LINES = 30  # the first lines of a file decide its delimiter
LINE_ENDS = (("\r\n", SHAPE_CRLF), ("\r", SHAPE_CR), ("", SHAPE_NO_FINAL_NEWLINE))


class DecodeError(ValueError):
    """The file cannot be read as text, or its delimiter cannot be inferred.

    ``str(err)`` is a Polish reason; ``code``, ``line`` and ``params`` make a located problem.
    """

    def __init__(self, code: str, reason: str, line: int = 0, **params: object) -> None:
        super().__init__(reason)
        self.code = code
        self.line = line
        self.params = params


@dataclass(frozen=True)
class Decoded:
    text: str  # decoded, BOM removed, record ends "\n" (line breaks inside quoted cells as written)
    delimiter: str  # ",", ";" or "\t"
    shapes: tuple[str, ...]  # Polish names of what differs from canonical
    # lines whose record ends differently from most records of the file (a file edited in two
    # programs), with the two endings' names: (lines, their ending, the others' ending)
    mixed_ends: tuple[tuple[int, ...], str, str] | None = None


@dataclass(frozen=True)
class Record:
    """One CSV record after the header."""

    line: int  # first line of the record in the file
    cells: tuple[str, ...]  # canonical values
    text: str  # the record in canonical form, "\n" included (as written when nothing changed)


@dataclass(frozen=True)
class Change:
    """A cell read differently from how it was written."""

    line: int
    column: int
    field: str
    before: str
    after: str
    shape: str


@dataclass(frozen=True)
class CsvError:
    """Where the CSV reader gave up, and why (the csv module's English detail)."""

    start: int  # first line of the record being read
    line: int  # the line the reader had reached
    detail: str

    @property
    def unclosed_quote(self) -> bool:
        return "end of data" in self.detail

    @property
    def quote_inside(self) -> bool:
        return "expected after" in self.detail

    @property
    def cell_too_long(self) -> bool:
        return "field larger" in self.detail


@dataclass(frozen=True)
class Sheet:
    """A CSV file read in any spreadsheet shape, with its canonical form."""

    decoded: Decoded
    header: tuple[str, ...]
    header_text: str  # the header in canonical form, "\n" included
    records: tuple[Record, ...]
    changes: tuple[Change, ...]
    error: CsvError | None = None  # a CSV syntax error, which ends the reading
    rest: str = ""  # text after the syntax error, as written
    quoted: bool = False  # every cell in quotes (header too): rewritten with minimal quoting

    @property
    def text(self) -> str:
        """The canonical CSV text."""
        return self.header_text + "".join(r.text for r in self.records) + self.rest

    @property
    def shapes(self) -> tuple[str, ...]:
        """What differs from canonical: file shapes, then one example of each kind of cell."""
        seen: dict[str, Change] = {}
        for change in self.changes:
            seen.setdefault(change.shape, change)
        cells = tuple(f"{c.shape} {c.before}" if c.shape == SHAPE_DATE
                      else f"{c.shape} ({c.before})" for c in seen.values())
        return self.decoded.shapes + ((SHAPE_QUOTES,) if self.quoted else ()) + cells

    @property
    def first_line(self) -> int:
        """Where the first difference is: line 1 for the whole file, else the first changed row."""
        if self.decoded.shapes or self.quoted or not self.changes:
            return 1
        return min(c.line for c in self.changes)


def serialise(values: tuple[str, ...] | list[str], delimiter: str = ",") -> str:
    """One CSV record as the register writes it: commas, minimal quoting, LF ending.

    Written with a CRLF terminator, then given LF: the csv writer quotes a cell holding any
    character of its terminator, and a lone CR unquoted would end the record when read back.
    """
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerow(values)
    return buffer.getvalue()[:-2] + "\n"


def split_lines(text: str) -> list[str]:
    """``text`` cut into lines, ends kept, exactly where the csv module counts lines.

    ``\n``, ``\r\n`` and a lone ``\r`` end a line; U+2028, form feed, U+0085 and the other
    characters :meth:`str.splitlines` also cuts at do not. Every line count and record span of
    a CSV file (``reader.line_num``) is made with this, so lines and records never drift apart.
    """
    return io.StringIO(text, newline="").readlines()


def decode_csv(data: bytes) -> Decoded:
    """Decode a CSV file and infer its delimiter; raise :class:`DecodeError` when impossible."""
    return _decode(data)[0]


def _decode(data: bytes) -> tuple[Decoded, list[str]]:
    """:func:`decode_csv` and the decoded text's lines (as :func:`split_lines` cuts them)."""
    shapes: list[str] = []
    if data.startswith(UTF8_BOM):
        shapes.append(SHAPE_BOM)
        text = _utf8(data[len(UTF8_BOM):])
    elif data.startswith(UTF16_BOMS):
        shapes.append(SHAPE_UTF16)
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise _encoding_error(data, err.start) from None
    elif b"\x00" in data:
        raise DecodeError("file-binary", "plik zawiera bajty zerowe i nie jest plikiem tekstowym")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            text = _cp1250(data, err.start)
            shapes.append(SHAPE_CP1250)
    if "\x00" in text:
        raise DecodeError("file-binary", "plik zawiera znaki zerowe i nie jest plikiem tekstowym")
    lines = split_lines(text)
    delimiter = infer_delimiter(lines[:HEADER_LINES])
    lines, ends = _record_ends(lines, delimiter) if "\r" in text else _lf_ends(lines)
    shapes += [shape for end, shape in LINE_ENDS if end in ends]
    if DELIMITERS[delimiter]:
        shapes.insert(0, DELIMITERS[delimiter])
    return Decoded("".join(lines), delimiter, tuple(shapes), _mixed(ends)), lines


# How a record's end is named in a message about a file mixing them.
END_NAMES = {"\n": "LF (jak w rejestrze)", "\r\n": "CR LF (Windows)", "\r": "CR (stary Mac OS)"}


def _mixed(ends: dict[str, list[int]]) -> tuple[tuple[int, ...], str, str] | None:
    """The lines of the rarer record ending when a file has two or more kinds; else None.

    The last record without any line end is not a kind: only a missing final newline.
    """
    kinds = {end: lines for end, lines in ends.items() if end}
    if len(kinds) < 2:
        return None
    common = max(kinds, key=lambda end: (len(kinds[end]), end == "\n"))
    rare = sorted(line for end, lines in kinds.items() if end != common for line in lines)
    names = sorted({END_NAMES[end] for end in kinds if end != common})
    return tuple(rare), " i ".join(names), END_NAMES[common]


def _record_ends(lines: list[str], delimiter: str) -> tuple[list[str], dict[str, list[int]]]:
    """``lines`` with every record ending in "\n", and each ending found ("" = none) with its lines.

    A line break inside a quoted cell is part of the cell's value and stays as written. After a
    CSV syntax error (reported by :func:`read_sheet`) every remaining line end is made "\n".
    """
    out = list(lines)
    ends: dict[str, list[int]] = {}

    def end_record(index: int) -> None:
        line = out[index]
        body = line.rstrip("\r\n")
        ending = line[len(body):]
        ends.setdefault(ending, []).append(index + 1)
        if ending != "\n":
            out[index] = body + "\n"

    reader = csv.reader(iter(lines), delimiter=delimiter, strict=True)
    done = 0
    try:
        for _ in reader:
            done = reader.line_num
            end_record(done - 1)
    except csv.Error:
        for index in range(done, len(out)):
            end_record(index)
    return out, ends


def _lf_ends(lines: list[str]) -> tuple[list[str], dict[str, list[int]]]:
    """:func:`_record_ends` of text without a carriage return, without parsing it.

    Every line ends in "\n" but perhaps the last, which is given one; the one ending that can
    differ is that last line's "" (no final newline). The lines ending in "\n" are not listed:
    only a second kind of ending, which needs a "\r", makes them matter (see :func:`_mixed`).
    """
    if not lines or lines[-1].endswith("\n"):
        return lines, {}
    return [*lines[:-1], lines[-1] + "\n"], {"": [len(lines)]}


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _invalid_utf8_byte(data, err.start) from None


def _cp1250(data: bytes, bad: int) -> str:
    """Windows-1250 text, when that is plausible; else the UTF-8 error at byte ``bad``."""
    if _utf8_polish(data):  # UTF-8 with a damaged byte, not Windows-1250
        raise _invalid_utf8_byte(data, bad)
    try:
        text = data.decode("cp1250")
    except UnicodeDecodeError:
        raise _encoding_error(data, bad) from None
    foreign = {ch for ch in text if ord(ch) > 127} - CP1250_PUNCTUATION
    if any(not ch.isalpha() for ch in foreign):
        raise _encoding_error(data, bad)
    return text


def _utf8_polish(data: bytes) -> bool:
    """Valid UTF-8 Polish letters or quotes among the bytes: a damaged UTF-8 file."""
    for match in re.finditer(rb"[\xc2-\xdf][\x80-\xbf]|\xe2[\x80-\xbf]{2}", data):
        try:
            ch = match.group().decode("utf-8")
        except UnicodeDecodeError:
            continue
        if ch in POLISH or ch in CP1250_PUNCTUATION:
            return True
    return False


def _invalid_utf8_byte(data: bytes, offset: int) -> DecodeError:
    """A UTF-8 file with a byte that is not UTF-8: which byte, on which line, after what text."""
    start = data.rfind(b"\n", 0, offset) + 1
    before = data[start:offset].decode("utf-8", errors="replace")
    line = data.count(b"\n", 0, offset) + 1
    try:
        delimiter = infer_delimiter([before])
    except DecodeError:
        delimiter = ","
    cells = next(csv.reader([before], delimiter=delimiter), None) or [""]  # "" → no row
    context = cells[-1][-30:].lstrip() or "początek komórki"  # the cell's text up to the byte
    return DecodeError(
        "file-utf8-invalid-byte",
        f"plik jest zapisany w UTF-8, ale bajt 0x{data[offset]:02x} w wierszu {line} nie jest "
        "znakiem UTF-8",
        line, column=len(cells), byte=f"0x{data[offset]:02x}", char=len(before) + 1, line_no=line,
        before=context,
    )


def _encoding_error(data: bytes, offset: int) -> DecodeError:
    byte = f"0x{data[offset]:02x}" if offset < len(data) else "?"
    line = data.count(b"\n", 0, offset) + 1
    return DecodeError(
        "file-encoding-unknown",
        f"plik nie jest zapisany ani w UTF-8, ani w Windows-1250 (bajt {byte} w pozycji {offset},"
        f" wiersz {line})",
        line, byte=byte, offset=offset,
    )


def infer_delimiter(lines: list[str]) -> str:
    """The delimiter of a CSV file from its first ``lines`` (text in quotes not counted).

    The header, the first line with any, decides (the one it has most of: a semicolon or two
    among commas is a damaged header, read with commas), unless fewer lines have it than another:
    then it is a title above the header of an office's sheet („Wykaz klubów, stan na…”) and the
    one on most lines wins; a title without any is passed over. No delimiter at all means a comma;
    a header with as many of two cannot be decided.
    """
    outside = [re.sub(r'"[^"]*"', "", line) for line in lines]
    counts = {d: sum(d in line for line in outside) for d in DELIMITERS}
    first = next((line for line in outside if any(d in line for d in DELIMITERS)), None)
    if first is None:
        return ","
    times = {d: first.count(d) for d in DELIMITERS}
    header = max(times, key=lambda d: times[d])
    found = [d for d in DELIMITERS if times[d] == times[header]]
    if len(found) > 1:
        names = " i ".join({",": "przecinki", ";": "średniki", "\t": "tabulatory"}[d]
                           for d in found)
        raise DecodeError("file-delimiter",
                          f"nie da się ustalić separatora kolumn: w nagłówku są {names}",
                          1, found=names)
    best = max(counts.values())
    return header if counts[header] == best else max(counts, key=lambda d: counts[d])


def digit_widths(fld: dict[str, Any]) -> tuple[int, ...]:
    """Widths of an all-digit code whose leading zeros count, from its pattern; () otherwise."""
    if not fld.get("zera_wiodace"):
        return ()
    return _pattern_widths(str(fld.get("constraints", {}).get("pattern", "")))


@functools.cache
def _pattern_widths(pattern: str) -> tuple[int, ...]:
    """Widths of the all-digit code ``pattern`` matches (e.g. ``^(\\d{9}|\\d{14})$``); ()."""
    widths = tuple(sorted(int(w) for w in WIDTH.findall(pattern)))
    if not widths or not WIDTHS_ONLY.fullmatch(WIDTH.sub("", pattern)):
        return ()
    return widths


def normalise_cell(value: str, field: dict[str, Any]) -> tuple[str, str | None]:
    """(canonical value, Polish shape name or None) of one cell of the Table Schema ``field``."""
    kind = field.get("type")
    if kind == "date":
        return _date(value)
    if kind == "number" and DECIMAL_COMMA.fullmatch(value):
        return value.replace(",", "."), SHAPE_DECIMAL
    widths = digit_widths(field)
    if widths and CODE_SEPARATED.fullmatch(value):
        digits = CODE_SEPARATORS.sub("", value)
        if len(digits) in widths:  # a whole code typed in groups: "183-016-61-38"
            return digits, SHAPE_SEPARATORS
    if widths and DIGITS.fullmatch(value) and len(value) < widths[-1]:
        width = next(w for w in widths if w >= len(value))
        if width != len(value):
            return value.zfill(width), SHAPE_ZEROS
    if field.get("wielkie_litery") and value != value.upper():
        return value.upper(), SHAPE_CASE
    return value, None


def _date(value: str) -> tuple[str, str | None]:
    for shape in DATE_SHAPES:
        match = shape.fullmatch(value)
        if match:
            try:
                day = date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return value, None  # no such day: the schema check says so
            iso = day.isoformat()
            return (value, None) if iso == value else (iso, SHAPE_DATE)
    return value, None


def read_sheet(data: bytes, fields: list[dict[str, Any]]) -> Sheet:
    """Decode ``data`` and read its records with canonical cells (fields matched by header name).

    Raises :class:`DecodeError` when the file cannot be decoded. A CSV syntax error ends the
    reading: ``error`` says where, and the text from that record on is kept as written.
    """
    decoded, lines = _decode(data)
    reader = csv.reader(iter(lines), delimiter=decoded.delimiter, strict=True)
    try:
        header = tuple(next(reader))
    except (csv.Error, StopIteration) as err:
        error = CsvError(1, reader.line_num or 1, str(err) or "brak nagłówka")
        return Sheet(decoded, (), "", (), (), error, decoded.text)
    written = _span(lines, 1, reader.line_num)
    # Nobody quotes column names by hand: quotes there mean "quote all text cells" on saving.
    quoted = written != serialise(header, decoded.delimiter)
    rewrite = quoted or decoded.delimiter != ","
    header_text = serialise(header) if rewrite else written
    by_name = {f.get("name"): f for f in fields if isinstance(f, dict)}
    columns = [(i, _normaliser(fld)) for i, name in enumerate(header)
               if (fld := _affected(by_name.get(name))) is not None]
    records: list[Record] = []
    changes: list[Change] = []
    start = reader.line_num + 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            canonical = cells
            for i, normalise in columns:
                cell = cells[i] if i < len(cells) else ""
                if not cell:
                    continue
                value, shape = normalise(cell)
                if shape:  # the value changed
                    if canonical is cells:
                        canonical = list(cells)
                    canonical[i] = value
                    changes.append(Change(line, i + 1, header[i], cell, value, shape))
            same = canonical is cells and not rewrite
            text = _span(lines, line, reader.line_num) if same else serialise(canonical)
            records.append(Record(line, tuple(canonical), text))
    except csv.Error as err:
        return Sheet(decoded, header, header_text, tuple(records), tuple(changes),
                     CsvError(start, reader.line_num, str(err)), "".join(lines[start - 1:]),
                     quoted)
    return Sheet(decoded, header, header_text, tuple(records), tuple(changes), quoted=quoted)


def _normaliser(fld: dict[str, Any]) -> Callable[[str], tuple[str, str | None]]:
    """:func:`normalise_cell` for one column, each distinct value worked out once."""
    seen: dict[str, tuple[str, str | None]] = {}
    kind = fld.get("type")
    widths = digit_widths(fld)
    upper = fld.get("wielkie_litery")
    # the canonical shape itself, told without a look-up: an ISO day (a valid one is kept, one
    # that does not exist is left for the schema check), a number without a comma, a code of
    # ASCII digits as long as the code is
    as_is: Callable[[str], object] | None = None
    if kind == "date":
        as_is = ISO_DAY.fullmatch
    elif kind == "number" and not widths and not upper:
        as_is = lambda v: "," not in v  # noqa: E731
    elif widths and not upper and kind != "number":
        as_is = lambda v: len(v) in widths and v.isascii() and v.isdigit()  # noqa: E731

    def normalise(value: str) -> tuple[str, str | None]:
        if as_is is not None and as_is(value):
            return value, None
        found = seen.get(value)
        if found is None:
            found = seen[value] = normalise_cell(value, fld)
        return found

    return normalise


def _affected(fld: dict[str, Any] | None) -> dict[str, Any] | None:
    """The field, when a spreadsheet can change how its values are written; else None."""
    if fld is None:
        return None
    if fld.get("type") in ("date", "number") or fld.get("wielkie_litery") or digit_widths(fld):
        return fld
    return None


def _span(lines: list[str], first: int, last: int) -> str:
    """Lines ``first`` to ``last`` (1-based, as :func:`split_lines` cuts them), ends included."""
    return "".join(lines[first - 1:last])
