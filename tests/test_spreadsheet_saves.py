"""Files saved from Polish-locale Excel or LibreOffice read to the canonical values; `kis popraw`
writes them back byte for byte (issue 16, items 1 and 2)."""

from __future__ import annotations

import csv
import io
import shutil
from contextlib import redirect_stdout
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.officers import csv_edit, sheet_reader
from generator.register import load
from generator.register import spreadsheet as ss
from generator.register.build_model import build_register
from generator.register.descriptor import check_schema
from generator.validation.validate import validate
from tests.registers import REGISTER, apply_edit, make_base

AS_OF = date(2026, 11, 22)
SAVES = Path(__file__).resolve().parent / "saves"
NOTICE = "file-spreadsheet-save"
# The spec, written out (not read from the schemas): which columns a spreadsheet damages how.
ZERO_FIELDS = {"wojewodztwo", "teryt", "krs", "regon", "nip"}
UPPER_FIELDS = {"numer_certyfikatu"}
DATE_FIELDS = {"data", "data_wpisu"}
NUMBER_FIELDS = {"szerokosc", "dlugosc"}
DEMO_FILES = [*sorted((REGISTER / "wojewodztwa").rglob("*.csv")),
              REGISTER / "slowniki" / "wojewodztwa.csv"]
ENCODINGS = ("cp1250", "bom", "utf16")
DELIMITERS = ("semicolons", "tabs")
LINE_ENDS = ("crlf", "cr")
CELLS = ("dates", "short_dates", "zeros", "decimal_comma", "lower")


def fields_of(path: Path) -> list[dict]:
    schema = yaml.safe_load((REGISTER / "schematy" / f"{path.stem}.yaml").read_text("utf-8"))
    return schema["fields"]


def spreadsheet_save(data: bytes, shapes: set[str]) -> bytes:
    """``data`` (a canonical CSV file) as a spreadsheet would save it with ``shapes``."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    header = rows[0]
    for row in rows[1:]:
        for i, name in enumerate(header):
            value = row[i]
            if not value:
                continue
            if name in DATE_FIELDS and shapes & {"dates", "short_dates"}:
                y, m, d = value.split("-")
                value = f"{d}.{m}.{y}" if "dates" in shapes else f"{int(d)}.{int(m)}.{y}"
            if name in ZERO_FIELDS and "zeros" in shapes:
                value = value.lstrip("0") or "0"
            if name in NUMBER_FIELDS and "decimal_comma" in shapes:
                value = value.replace(".", ",")
            if name in UPPER_FIELDS and "lower" in shapes:
                value = value.lower()
            row[i] = value
    delimiter = ";" if "semicolons" in shapes else "\t" if "tabs" in shapes else ","
    ending = "\r\n" if "crlf" in shapes else "\r" if "cr" in shapes else "\n"
    text = write_rows(rows, delimiter, ending, "quote_all" in shapes)
    if "no_final_newline" in shapes:
        text = text[: -len(ending)]
    if "cp1250" in shapes:
        return text.encode("cp1250")
    if "utf16" in shapes:
        return text.encode("utf-16")
    return (ss.UTF8_BOM if "bom" in shapes else b"") + text.encode("utf-8")


def write_rows(rows: list[list[str]], delimiter: str = ",", ending: str = "\n",
               quote_all: bool = False) -> str:
    """Rows as a spreadsheet writes them: a cell with any line break is always quoted."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n",
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    text = ""
    for row in rows:
        out.seek(0)
        out.truncate()
        writer.writerow(row)
        text += out.getvalue()[:-2] + ending
    return text


@st.composite
def save_shapes(draw: st.DrawFn) -> set[str]:
    """A consistent combination: one encoding, one delimiter, one kind of line end at most."""
    shapes = set(draw(st.sets(st.sampled_from(CELLS))))
    if {"dates", "short_dates"} <= shapes:
        shapes.discard("short_dates")
    for group in (ENCODINGS, DELIMITERS, LINE_ENDS):
        choice = draw(st.sampled_from((None, *group)))
        if choice:
            shapes.add(choice)
    if draw(st.booleans()):
        shapes.add("no_final_newline")
    if draw(st.booleans()):
        shapes.add("quote_all")  # LibreOffice's "quote all text cells"
    return shapes


# --- the reader alone: every demo file, every shape and combination --------------------------

@pytest.mark.parametrize("shape", [*ENCODINGS, *DELIMITERS, *LINE_ENDS, *CELLS,
                                   "no_final_newline", "quote_all"])
def test_every_shape_alone_reads_back_to_the_canonical_file(shape: str) -> None:
    changed = 0
    for path in DEMO_FILES:
        original = path.read_bytes()
        saved = spreadsheet_save(original, {shape})
        sheet = ss.read_sheet(saved, fields_of(path))
        assert sheet.text.encode("utf-8") == original, (path, shape)
        assert bool(sheet.shapes) == (saved != original), (path, shape)
        changed += saved != original
    assert changed, f"{shape} changed no demo file: the test would prove nothing"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shapes=save_shapes(), index=st.integers(0, len(DEMO_FILES) - 1))
def test_any_combination_reads_back_byte_for_byte(shapes: set[str], index: int) -> None:
    path = DEMO_FILES[index]
    original = path.read_bytes()
    sheet = ss.read_sheet(spreadsheet_save(original, shapes), fields_of(path))
    assert sheet.text.encode("utf-8") == original
    canonical_rows = list(csv.reader(io.StringIO(original.decode("utf-8"), newline="")))
    assert [list(r.cells) for r in sheet.records] == canonical_rows[1:]
    again = ss.read_sheet(sheet.text.encode("utf-8"), fields_of(path))
    assert again.shapes == () and again.text == sheet.text  # idempotent


def test_canonical_files_have_no_shapes() -> None:
    for path in REGISTER.rglob("*.csv"):
        schema = REGISTER / "schematy" / f"{path.stem}.yaml"
        fields = fields_of(path) if schema.is_file() else []
        sheet = ss.read_sheet(path.read_bytes(), fields)
        assert sheet.shapes == () and sheet.text.encode("utf-8") == path.read_bytes(), path


# --- the register: one voivodeship saved by a spreadsheet ------------------------------------

REGISTER_SAVES = {
    "średniki": {"semicolons"},
    "tabulatory, UTF-16": {"tabs", "utf16"},
    "Windows-1250": {"cp1250"},
    "BOM": {"bom"},
    "CRLF": {"crlf"},
    "CR": {"cr"},
    "bez końca wiersza": {"no_final_newline"},
    "daty dd.mm.rrrr": {"dates"},
    "daty d.m.rrrr": {"short_dates"},
    "kody bez zer": {"zeros"},
    "przecinki dziesiętne": {"decimal_comma"},
    "małe litery": {"lower"},
    "cudzysłowy": {"quote_all"},
    "Excel": {"semicolons", "cp1250", "crlf", "dates", "zeros", "decimal_comma",
              "no_final_newline"},
    "LibreOffice": {"semicolons", "quote_all", "short_dates", "zeros", "decimal_comma", "bom"},
}
VOIVODESHIP = "dolnoslaskie"  # TERYT 02: the code a spreadsheet turns into 2


@pytest.fixture(scope="module")
def demo_model() -> object:
    report = validate(REGISTER, AS_OF)
    assert report.problems == []
    return build_register(report.raw)


def popraw(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["popraw", *args])
    return code, out.getvalue()


@pytest.mark.parametrize("kind", REGISTER_SAVES)
def test_voivodeship_saved_by_a_spreadsheet_validates_as_before(
        tmp_path: Path, kind: str, demo_model: object) -> None:
    root = tmp_path / "register"
    shutil.copytree(REGISTER, root)
    folder = root / "wojewodztwa" / VOIVODESHIP
    originals = {p.name: p.read_bytes() for p in folder.glob("*.csv")}
    changed = set()
    for name, data in originals.items():
        saved = spreadsheet_save(data, REGISTER_SAVES[kind])
        (folder / name).write_bytes(saved)
        if saved != data:
            changed.add(name)
    assert changed

    report = validate(root, AS_OF)
    assert report.valid, [str(p) for p in report.problems]
    assert all(p.code == NOTICE and p.severity == "notice" for p in report.problems)
    assert sorted(Path(p.path).name for p in report.problems) == sorted(changed)  # once a file
    assert build_register(report.raw) == demo_model

    untouched = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    before = untouched.stat().st_mtime_ns
    code, out = popraw(str(root))
    assert code == 0
    assert all(f"{VOIVODESHIP}/{name}: " in out for name in changed), out
    assert f"Poprawiono {len(changed)} plik" in out
    for name, data in originals.items():
        assert (folder / name).read_bytes() == data, name
    assert untouched.stat().st_mtime_ns == before  # a file that needs nothing is not touched
    code, out = popraw(str(root))
    assert code == 0 and "nic nie zmieniono" in out
    assert not list(folder.glob(".*.tmp"))


# --- former bad registers that are now accepted (tests/saves/) -------------------------------

@pytest.mark.parametrize("name", sorted(p.stem for p in SAVES.glob("*.yaml")))
def test_spreadsheet_save_is_accepted(tmp_path: Path, name: str) -> None:
    case = yaml.safe_load((SAVES / f"{name}.yaml").read_text("utf-8"))
    base = make_base(tmp_path / "base")
    root = make_base(tmp_path / "register")
    for edit in case["zmiany"]:
        apply_edit(root, edit)
    report = validate(root, AS_OF)
    assert report.valid, [str(p) for p in report.problems]
    [notice] = report.problems
    [want] = case["oczekiwane"]
    assert notice.code == want["code"] == NOTICE
    assert notice.path.endswith(want["file"]) and notice.line == want["line"]
    assert "kis popraw" in notice.hint
    assert build_register(report.raw) == build_register(validate(base, AS_OF).raw)
    code, out = popraw(str(root))
    assert code == 0 and want["file"] in out
    for path in base.rglob("*.csv"):
        assert (root / path.relative_to(base)).read_bytes() == path.read_bytes(), path


# --- ambiguous values stay located errors ----------------------------------------------------

def test_ambiguous_date_in_an_excel_save_is_an_error_at_its_cell(tmp_path: Path) -> None:
    root = make_base(tmp_path / "register")
    path = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
    rows[1][8] = "ul. Kołobrzeska 41\nlokal 2"  # a quoted line break moves the next row down
    rows[2][16] = "04/05/2021"
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("cp1250"))
    report = validate(root, AS_OF)
    errors = [p for p in report.problems if p.blocking]
    assert [(p.code, p.line, p.column, p.field) for p in errors if p.code.startswith("cell-")] \
        == [("cell-date-ambiguous", 4, 17, "data_wpisu")]
    [error] = [p for p in errors if p.code == "cell-date-ambiguous"]
    assert "2021-05-04 (4 maja 2021) albo 2021-04-05 (5 kwietnia 2021)" in error.hint
    assert [p.code for p in report.problems if not p.blocking] == [NOTICE]


@pytest.mark.parametrize(("value", "fld"), [
    ("05/03/2026", {"type": "date"}),  # 5 March or 3 May
    ("05.03.26", {"type": "date"}),  # which century
    ("31.02.2026", {"type": "date"}),  # no such day
    ("2026-3-5 12:30", {"type": "date"}),
    ("54,40,5", {"type": "number"}),
    ("1.054,5", {"type": "number"}),
    ("1,92346E+13", {"type": "string", "zera_wiodace": True,
                     "constraints": {"pattern": r"(\d{9}|\d{14})"}}),
    ("123456789012345", {"type": "string", "zera_wiodace": True,
                         "constraints": {"pattern": r"(\d{9}|\d{14})"}}),
    ("12-345", {"type": "string", "zera_wiodace": True, "constraints": {"pattern": r"\d{10}"}}),
    ("123", {"type": "string", "constraints": {"pattern": r"\d{10}"}}),  # not declared
    ("2 2", {"type": "string", "zera_wiodace": True, "constraints": {"pattern": r"\d{2}"}}),
    ("183-016-61-3", {"type": "string", "zera_wiodace": True,  # a digit short
                      "constraints": {"pattern": r"\d{10}"}}),
])
def test_ambiguous_or_undeclared_values_are_left_as_written(value: str, fld: dict) -> None:
    assert ss.normalise_cell(value, fld) == (value, None)


@pytest.mark.parametrize(("value", "fld", "expected"), [
    ("5.3.2026", {"type": "date"}, "2026-03-05"),
    ("05.03.2026 00:00:00", {"type": "date"}, "2026-03-05"),
    ("2026-3-5", {"type": "date"}, "2026-03-05"),
    ("54,4055", {"type": "number"}, "54.4055"),
    ("2", {"type": "string", "zera_wiodace": True, "constraints": {"pattern": r"\d{2}"}}, "02"),
    ("12345678", {"type": "string", "zera_wiodace": True,
                  "constraints": {"pattern": r"(\d{9}|\d{14})"}}, "012345678"),
    ("1234567890123", {"type": "string", "zera_wiodace": True,
                       "constraints": {"pattern": r"(\d{9}|\d{14})"}}, "01234567890123"),
    ("kis-02-2024-001", {"type": "string", "wielkie_litery": True}, "KIS-02-2024-001"),
    ("183-016-61-38", {"type": "string", "zera_wiodace": True,
                       "constraints": {"pattern": r"\d{10}"}}, "1830166138"),
    ("000 012 34 56", {"type": "string", "zera_wiodace": True,
                       "constraints": {"pattern": r"\d{10}"}}, "0000123456"),
    ("12 345 67 89", {"type": "string", "zera_wiodace": True,
                      "constraints": {"pattern": r"(\d{9}|\d{14})"}}, "123456789"),
])
def test_unambiguous_values_are_read_to_canonical(value: str, fld: dict, expected: str) -> None:
    canonical, shape = ss.normalise_cell(value, fld)
    assert canonical == expected and shape


# --- decoding -------------------------------------------------------------------------------

def test_decode_names_every_file_shape() -> None:
    data = "klub_id;usluga;opis\r\nłódź;a;b".encode("cp1250")
    decoded = ss.decode_csv(data)
    assert decoded == ss.Decoded("klub_id;usluga;opis\nłódź;a;b\n", ";",
                                 ("kolumny rozdzielone średnikami", "kodowanie Windows-1250",
                                  "końce wierszy z systemu Windows",
                                  "brak końca wiersza na końcu pliku"))
    assert ss.decode_csv(b"\xef\xbb\xbfa,b\n").shapes == ("znak BOM na początku pliku",)
    assert ss.decode_csv("a\tb\n".encode("utf-16")).shapes == (
        "kolumny rozdzielone tabulatorami", "kodowanie UTF-16")
    assert ss.decode_csv(b"a,b\rc,d\r").text == "a,b\nc,d\n"


@pytest.mark.parametrize(("data", "code"), [
    ("a,b\nśroda,Łódź\n".encode("iso8859_2"), "file-encoding-unknown"),  # ¶ and ±: not Polish
    ("a,b\nśroda,".encode() + b"\xb9\n", "file-utf8-invalid-byte"),  # damaged UTF-8
    (b"a,b\n\x98\x98\n", "file-encoding-unknown"),  # undefined in Windows-1250
    (b"PK\x03\x04\x14\x00\x00\x00", "file-binary"),
    (b"klub_id;usluga,opis\n", "file-delimiter"),
])
def test_undecodable_files_raise_a_polish_reason(data: bytes, code: str) -> None:
    with pytest.raises(ss.DecodeError) as err:
        ss.decode_csv(data)
    assert err.value.code == code
    assert str(err.value).startswith(("plik ", "nie da się"))


# --- kis popraw ------------------------------------------------------------------------------

def test_popraw_refuses_an_unreadable_file_and_leaves_it(tmp_path: Path) -> None:
    root = make_base(tmp_path / "register")
    bad = root / "wojewodztwa" / "mazowieckie" / "uslugi.csv"
    bad.write_bytes("klub_id,usluga,opis\nśroda".encode("iso8859_2"))
    saved = root / "wojewodztwa" / "pomorskie" / "uslugi.csv"
    original = saved.read_bytes()
    saved.write_bytes(spreadsheet_save(original, {"semicolons", "crlf"}))
    code, out = popraw(str(root))
    assert code == 1
    assert "mazowieckie/uslugi.csv:2: nie da się odczytać pliku" in out
    assert ("pomorskie/uslugi.csv: średniki → przecinki, końce wierszy z systemu Windows → jak w"
            " rejestrze") in out
    assert saved.read_bytes() == original
    assert bad.read_bytes() == "klub_id,usluga,opis\nśroda".encode("iso8859_2")


def test_popraw_check_writes_nothing_and_one_file_can_be_named(tmp_path: Path) -> None:
    root = make_base(tmp_path / "register")
    first = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    second = root / "wojewodztwa" / "pomorskie" / "zdarzenia.csv"
    originals = {p: p.read_bytes() for p in (first, second)}
    for p, data in originals.items():
        p.write_bytes(spreadsheet_save(data, {"dates"}))
    code, out = popraw(str(first), "--check")
    assert code == 1 and "daty → RRRR-MM-DD (2 komórki)" in out and "Do poprawienia: 1 plik" in out
    assert first.read_bytes() != originals[first]
    code, out = popraw(str(first))
    assert code == 0 and first.read_bytes() == originals[first]
    assert second.read_bytes() != originals[second]  # not named, not touched


def test_there_is_one_csv_writer() -> None:
    assert csv_edit.serialise is ss.serialise


def test_leading_zeros_need_a_digits_pattern_in_the_schema() -> None:
    schema = {"fields": [{"name": "kod_pocztowy", "type": "string", "zera_wiodace": True,
                          "constraints": {"pattern": r"\d{2}-\d{3}"}},
                         {"name": "x", "type": "string", "wielkie_litery": "tak"}]}
    found = check_schema(schema, "schematy/kluby.yaml")
    assert [(p.code, p.params["key"]) for p in found] == [
        ("descriptor-bad-value", "zera_wiodace"), ("descriptor-bad-value", "wielkie_litery")]


# --- line breaks inside cells: lines are cut where the csv module cuts them ------------------

KLUBY = REGISTER / "wojewodztwa" / "pomorskie" / "kluby.csv"
ODD_TEXT = st.text(st.one_of(
    st.sampled_from(["\r", "\n", "\u2028", "\u2029", "\x0c", "\x0b", "\x85", "\x1c",
                     '"', ",", ";", "\t", " ", "ł", "„"]),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
), min_size=1, max_size=12)


def canonical_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shapes=save_shapes(), texts=st.lists(ODD_TEXT, min_size=3, max_size=3))
def test_any_cell_text_survives_a_save_and_popraw(
        tmp_path_factory: pytest.TempPathFactory, shapes: set[str], texts: list[str]) -> None:
    if "cp1250" in shapes:  # Windows-1250 is recognised by its Polish letters (heuristic)
        texts = ["".join(c for c in t if c.isascii() or c in "łŁąćęńóśźżĄĆĘŃÓŚŹŻ„”") or "x"
                 for t in texts]
    rows = canonical_rows(KLUBY.read_text("utf-8"))
    for row, text in zip(rows[1:], texts, strict=False):
        row[1], row[8] = text, f"ul. {text}"
    original = write_rows(rows).encode("utf-8")
    saved = spreadsheet_save(original, shapes)
    fields = fields_of(KLUBY)

    sheet = ss.read_sheet(saved, fields)
    assert sheet.error is None
    assert canonical_rows(sheet.text) == rows  # what `kis popraw` writes: the same record set
    assert [list(r.cells) for r in sheet.records] == rows[1:]
    again = ss.read_sheet(sheet.text.encode("utf-8"), fields)
    assert again.text == sheet.text and [r.cells for r in again.records] == \
        [r.cells for r in sheet.records]

    path = tmp_path_factory.mktemp("sheet") / "kluby.csv"
    path.write_bytes(saved)
    table = load.Table("kluby-pomorskie", "kluby", "pomorskie", path, "kluby.csv",
                       {"fields": fields})
    found = load.read_table(table)
    assert [p.code for p in found if p.blocking] == []
    assert [list(r.values()) for r in table.rows] == rows[1:]  # validation reads the same rows
    decoded = ss.decode_csv(saved)
    reader = csv.reader(iter(ss.split_lines(decoded.text)), delimiter=decoded.delimiter)
    starts = [1]
    starts += [reader.line_num + 1 for _ in reader]
    assert table.lines == starts[1:-1]


def test_lone_cr_in_a_quoted_cell_keeps_every_row(tmp_path: Path) -> None:
    root = make_base(tmp_path / "register")
    path = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    rows = canonical_rows(path.read_text("utf-8"))
    rows[1][8] = "ul. X\rlok. 2"
    rows[2][16] = "29.04.2021"
    saved = write_rows(rows)
    rows[2][16] = "2021-04-29"
    path.write_text(saved, "utf-8", newline="")
    before = validate(root, AS_OF)
    # the CR itself is reported at its cell; the row after it starts on line 4
    assert sorted((p.code, p.line) for p in before.problems) == [
        (NOTICE, 4), ("text-control", 2)]
    code, out = popraw(str(root))
    assert code == 0, out
    assert canonical_rows(path.read_bytes().decode("utf-8")) == rows
    after = validate(root, AS_OF)
    assert [(p.code, p.line) for p in after.problems] == [("text-control", 2)]
    assert after.raw.tables["kluby-pomorskie"].rows == before.raw.tables["kluby-pomorskie"].rows


def test_serialise_quotes_every_line_break() -> None:
    for text in ("a\rb", "a\nb", "a\r\nb"):
        assert ss.serialise([text, "x"]) == f'"{text}",x\n'
        assert canonical_rows(ss.serialise([text, "x"])) == [[text, "x"]]
    assert ss.serialise(["a\u2028b", "x"]) == "a\u2028b,x\n"  # not a line break in CSV


@pytest.mark.parametrize("inside", ["\u2028", "\x0c", "\x85", "\x1e", "\r", "\r\n"])
def test_edits_land_after_the_right_record_whatever_the_cell_holds(inside: str) -> None:
    text = f'a,b\n"x{inside}y",1\nz,2\n'
    out = csv_edit.apply(text, [csv_edit.Edit("after", ("n", "9"), 2)])
    assert canonical_rows(out) == [["a", "b"], [f"x{inside}y", "1"], ["n", "9"], ["z", "2"]]
    out = csv_edit.apply(text, [csv_edit.Edit("replace", ("n", "9"), 3 + inside.count("\r"))])
    assert canonical_rows(out) == [["a", "b"], [f"x{inside}y", "1"], ["n", "9"]]


def test_unclosed_quote_in_a_semicolon_file_is_the_one_problem(tmp_path: Path) -> None:
    root = make_base(tmp_path / "register")
    path = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    lines = spreadsheet_save(path.read_bytes(), {"semicolons"}).decode("utf-8").split("\n")
    lines[2] = lines[2].replace(";ul. ", ';"ul. ', 1)  # a quote opened and never closed
    path.write_text("\n".join(lines), "utf-8")
    problems = [p for p in validate(root, AS_OF).problems if p.path.endswith("pomorskie/kluby.csv")]
    blocking = [(p.code, p.line) for p in problems if p.blocking]
    assert blocking == [("file-unclosed-quote", 3)]
    assert not [p for p in validate(root, AS_OF).problems if "średnik" in p.hint
                and p.code.startswith("row-")]


@pytest.mark.parametrize(("text", "delimiter"), [
    ("Wykaz klubów, stan na 2026\nklub_id;usluga;opis\na;b;c\n", ";"),  # a title with a comma
    ("Wykaz klubów\nklub_id\tusluga\topis\na\tb\tc\n", "\t"),  # a title without any
    ("klub_id,usluga,opis\na,b;c,d\n", ","),  # a semicolon in a cell: the header decides
    ("klub_id;usluga;opis\na;ul. Długa 5, lok. 2;c\n", ";"),
    ("jedna kolumna\nwartość\n", ","),
    ("Wykaz klubów\n\nklub_id,usluga;opis\na,b,c\n", None),  # as many of two in the header
    ("klub_id;nazwa,wojewodztwo,krs\na,b,c,d\n", ","),  # a damaged header: read with commas
])
def test_one_delimiter_inference(text: str, delimiter: str | None) -> None:
    if delimiter is None:
        with pytest.raises(ss.DecodeError):
            ss.decode_csv(text.encode("utf-8"))
        return
    assert ss.infer_delimiter(ss.split_lines(text)) == delimiter
    assert ss.decode_csv(text.encode("utf-8")).delimiter == delimiter


def test_office_sheet_with_a_title_line_is_read_with_the_register_inference(
        tmp_path: Path) -> None:
    path = tmp_path / "wykaz.csv"
    path.write_text("Wykaz klubów, stan na 2026\nklub_id;usluga\na;b\n", "utf-8")
    [sheet] = sheet_reader.read_sheets(path)
    assert sheet.rows == [["Wykaz klubów, stan na 2026"], ["klub_id", "usluga"], ["a", "b"]]
    assert not hasattr(sheet_reader, "_delimiter")


def test_a_value_read_differently_is_quoted_as_typed(tmp_path: Path) -> None:
    root = make_base(tmp_path / "register")
    path = root / "wojewodztwa" / "pomorskie" / "kluby.csv"
    rows = canonical_rows(path.read_text("utf-8"))
    rows[1][7] = "123456788"  # a mistyped NIP, saved by a spreadsheet without its leading zero
    path.write_text(write_rows(rows), "utf-8")
    [error] = [p for p in validate(root, AS_OF).problems if p.blocking]
    assert (error.code, error.line, error.field) == ("nip-checksum", 2, "nip")
    assert error.message == ("NIP „123456788” (w pliku; po uzupełnieniu zera: „0123456788”) ma "
                             "błędną cyfrę kontrolną")


def test_separators_in_a_code_are_their_own_shape() -> None:
    fld = {"type": "string", "zera_wiodace": True, "constraints": {"pattern": r"\d{10}"}}
    assert ss.normalise_cell("183-016-61-38", fld) == ("1830166138", ss.SHAPE_SEPARATORS)


# --- the notice names everything it found, however much -------------------------------------

ALL_CELL_SHAPES = ("dates", "zeros", "decimal_comma", "lower")
LONGEST_SAVE = {"cp1250", "semicolons", "crlf", "no_final_newline", "quote_all",
                *ALL_CELL_SHAPES}


@pytest.mark.parametrize("encoding", ["cp1250", "bom"])
def test_the_longest_spreadsheet_notice_is_never_cut(tmp_path: Path, encoding: str) -> None:
    root = make_base(tmp_path / "register")
    saved = sorted(p for p in root.glob("wojewodztwa/*/*.csv")
                   if p.stem != "uslugi" and p.read_text("utf-8").count("\n") > 1)
    shapes = (LONGEST_SAVE - {"cp1250"}) | {encoding}
    for path in saved:
        path.write_bytes(spreadsheet_save(path.read_bytes(), shapes))
    notices = [p for p in validate(root, AS_OF).problems if p.code == NOTICE]
    assert len(notices) == len(saved)
    longest = max(notices, key=lambda p: len(p.message))
    expected = {ss.SHAPE_CRLF, ss.SHAPE_NO_FINAL_NEWLINE, ss.SHAPE_QUOTES, ss.SHAPE_DATE,
                "kolumny rozdzielone średnikami"}
    expected.add(ss.SHAPE_CP1250 if encoding == "cp1250" else ss.SHAPE_BOM)
    assert all("…" not in notice.message for notice in notices)
    assert all(name in longest.message for name in expected), longest.message
    shown = " ".join(p.message for p in notices)
    for name in (ss.SHAPE_ZEROS, ss.SHAPE_DECIMAL, ss.SHAPE_CASE):
        assert name in shown
    assert len(longest.message) > 200  # longer than any bound a user value gets


def test_a_composed_list_is_shown_whole_and_its_quoted_cells_stay_bounded() -> None:
    from generator.problems import problem
    items = (ss.SHAPE_BOM, ss.SHAPE_CRLF, ss.SHAPE_NO_FINAL_NEWLINE, ss.SHAPE_QUOTES,
             f"{ss.SHAPE_DATE} 05.03.2026", f"{ss.SHAPE_DECIMAL} ({'1,' + '5' * 5000})",
             f"{ss.SHAPE_ZEROS} (8305)", f"{ss.SHAPE_CASE} (kis-22-2024-001)")
    found = problem(NOTICE, "kluby.csv", 1, shapes=items)
    for item in items[:5] + items[6:]:
        assert item in found.message
    assert len(found.message) < 600  # the 5000-character cell is cut
    assert f"{ss.SHAPE_DECIMAL} (1,555" in found.message and "5…" in found.message


def test_a_long_user_value_is_cut_after_a_whole_word() -> None:
    from generator.problems import problem
    found = problem("cell-too-long", "kluby.csv", 2, 3, "nazwa",
                    value="Klub Integracji Społecznej " * 40, limit=5000, length=1080)
    [shown] = [v for k, v in found.params.items() if k == "value"]
    assert shown.endswith("Integracji…") and len(shown) <= 160
