"""Plausibility warnings: each case is a small variant of the base register that stays valid.

The cases have the shape of the bad-register corpus (tests/bad/README.md): ``zmiany`` edit the
base register, ``oczekiwane`` are the warnings that must be reported at their place, and
``bez`` are codes that must not be reported. Unlike the corpus, the register must stay valid.
"""

from __future__ import annotations

import csv
import io
import re
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.messages import SEVERITY
from generator.validation.rules.plausibility import Placeholders, says_cis, squeezed
from generator.validation.validate import validate
from tests.conftest import AS_OF
from tests.registers import REGISTER, apply_edit, make_base

KOLBUDY = ("kolbudy,Klub Integracji Społecznej,22,Gminny Ośrodek Pomocy Społecznej w Kolbudach,"
           "ops,,,,ul. Wybickiego 28,83-050,Kolbudy,58 682 71 00,gops@kolbudy.pl,,54.2690,18.4560,"
           "2021-05-04,")
GDANSK = ("gdansk-przymorze,Klub Integracji Społecznej „Przystań”,22,Stowarzyszenie „Razem dla "
          "Przymorza”,organizacja_pozarzadowa,0000123456,192345678,5841234561,ul. Kołobrzeska 41,"
          "80-394,Gdańsk,+48 58 123 45 67,kis@razem-przymorze.pl,https://razem-przymorze.pl,54.4050,"
          "18.5860,2020-02-10,KIS/22/001")
CLUBS = "wojewodztwa/pomorskie/kluby.csv"
EVENTS = "wojewodztwa/pomorskie/zdarzenia.csv"


def kolbudy(column: str, value: str) -> dict[str, Any]:
    """Replace one cell of the kolbudy row (line 3 of pomorskie/kluby.csv)."""
    header = (REGISTER / "schematy" / "kluby.yaml").read_text(encoding="utf-8")
    names = re.findall(r"name: (\w+)", header)
    cells = next(csv.reader([KOLBUDY]))
    cells[names.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return {"file": CLUBS, "replace": [KOLBUDY, out.getvalue()]}


CASES: dict[str, dict[str, Any]] = {
    "placeholder-street": {
        "opis": "ulica „do uzupełnienia”",
        "zmiany": [kolbudy("adres", "ul. do uzupełnienia")],
        "oczekiwane": [{"code": "value-placeholder", "file": CLUBS, "line": 3, "column": 9,
                        "hint": "z dokumentów klubu albo instytucji tworzącej",
                        "hint_not": "pustą"}],
    },
    "placeholder-postal-code": {
        "opis": "kod pocztowy 00-000 (nie jest też kodem Warszawy w województwie pomorskim)",
        "zmiany": [kolbudy("kod_pocztowy", "00-000")],
        "oczekiwane": [{"code": "value-placeholder", "file": CLUBS, "line": 3, "column": 10}],
        "bez": ["postal-code-voivodeship"],
    },
    "placeholder-optional-column": {
        "opis": "numer wpisu „b. d.”",
        "zmiany": [kolbudy("numer_wpisu", "b. d.")],
        "oczekiwane": [{"code": "value-placeholder", "file": CLUBS, "line": 3, "column": 18,
                        "hint": "zostaw komórkę pustą"}],
    },
    "placeholder-repeated-letters": {
        "opis": "instytucja „XXXXX”",
        "zmiany": [kolbudy("podmiot_nazwa", "XXXXX")],
        "oczekiwane": [{"code": "value-placeholder", "file": CLUBS, "line": 3, "column": 4}],
    },
    "placeholder-phone": {
        "opis": "telefon „000 000 000” (poprawny jako numer, ale zastępczy)",
        "zmiany": [kolbudy("telefon", "000 000 000")],
        "oczekiwane": [{"code": "value-placeholder", "file": CLUBS, "line": 3, "column": 12}],
    },
    "placeholder-whole-note": {
        "opis": "uwagi do zdarzenia: „brak”",
        "zmiany": [{"file": EVENTS, "replace": ["kolbudy,2026-09-20,wniosek_dopuszczony,,",
                                                "kolbudy,2026-09-20,wniosek_dopuszczony,,brak"]}],
        "oczekiwane": [{"code": "value-placeholder", "file": EVENTS, "line": 13, "column": 5}],
    },
    "placeholder-words-in-a-true-note": {
        "opis": "uwagi „wezwano do uzupełnienia wniosku” to prawdziwa informacja",
        "zmiany": [{"file": EVENTS, "replace": [
            "kolbudy,2026-09-20,wniosek_dopuszczony,,",
            "kolbudy,2026-09-20,wniosek_dopuszczony,,wezwano do uzupełnienia wniosku"]}],
        "oczekiwane": [],
        "bez": ["value-placeholder"],
    },
    "postal-code-other-voivodeship": {
        "opis": "kod pocztowy Radomia w klubie z Kolbud",
        "zmiany": [kolbudy("kod_pocztowy", "26-600")],
        "oczekiwane": [{"code": "postal-code-voivodeship", "file": CLUBS, "line": 3, "column": 10,
                        "message": "nie pasuje do województwa pomorskiego: kody 26-… są używane "
                                   "w województwie łódzkim albo mazowieckim albo świętokrzyskim"}],
    },
    "postal-code-across-a-border": {
        "opis": "kody 82-… są i w pomorskim, i w warmińsko-mazurskim (Elbląg)",
        "zmiany": [kolbudy("kod_pocztowy", "82-300")],
        "oczekiwane": [],
        "bez": ["postal-code-voivodeship"],
    },
    "club-copied-under-new-id": {
        "opis": "ten sam klub pod nowym identyfikatorem (skrót KIS, cudzysłowy, wielkie litery)",
        "zmiany": [{"file": CLUBS, "append": GDANSK.replace("gdansk-przymorze,", "przymorze-2,")
                    .replace("Klub Integracji Społecznej „Przystań”", "\"KIS \"\"PRZYSTAŃ\"\"\"")
                    .replace("KIS/22/001", "") + "\n"}],
        "oczekiwane": [{"code": "club-duplicate", "file": CLUBS, "line": 4, "column": 2,
                        "message": ["powtórzenie klubu „gdansk-przymorze” (", "kluby.csv:2)"]}],
        "bez": ["entry-number-duplicate"],
    },
    "club-founded-anew-after-striking-off": {
        "opis": "klub wykreślony i założony ponownie pod nowym identyfikatorem",
        "zmiany": [
            {"file": CLUBS, "append": GDANSK.replace("gdansk-przymorze,", "przymorze-2,")
             .replace("KIS/22/001", "KIS/22/009") + "\n"},
            {"file": EVENTS, "append": "gdansk-przymorze,2026-06-01,klub_wykreslony,,\n"},
        ],
        "oczekiwane": [],
        "bez": ["club-duplicate"],
    },
    "entry-number-in-two-voivodeships": {
        "opis": "numer wpisu klubu z Gdańska powtórzony w klubie z Radomia",
        "zmiany": [{"file": "wojewodztwa/mazowieckie/kluby.csv",
                    "replace": ["2019-06-01,KIS/14/007", "2019-06-01,kis/22/001"]}],
        "oczekiwane": [{"code": "entry-number-duplicate", "file": CLUBS, "line": 2, "column": 18,
                        "message": "ma już klub „radom-centrum”"}],
    },
    "cis-entered-as-club": {
        "opis": "centrum integracji społecznej wpisane jako klub",
        "zmiany": [kolbudy("nazwa", "Centrum Integracji Społecznej w Kolbudach")],
        "oczekiwane": [{"code": "club-name-cis", "file": CLUBS, "line": 3, "column": 2}],
    },
    "cis-abbreviation": {
        "opis": "skrót CIS w nazwie",
        "zmiany": [kolbudy("nazwa", "CIS Kolbudy")],
        "oczekiwane": [{"code": "club-name-cis", "file": CLUBS, "line": 3, "column": 2}],
    },
    "events-file-emptied": {
        "opis": "plik zdarzeń skrócony do nagłówka: każdy klub spadłby do „bez certyfikatu”",
        "zmiany": [{"file": EVENTS, "write": "klub_id,data,typ,numer_certyfikatu,uwagi\n"}],
        "oczekiwane": [{"code": "events-file-empty", "file": EVENTS, "line": 1, "column": 1,
                        "message": "w pliku kluby.csv tego województwa są 2 kluby",
                        "hint": "przywróć plik z poprzedniej wersji"}],
    },
    "events-file-empty-without-clubs": {
        "opis": "województwo bez klubów i bez zdarzeń",
        "zmiany": [{"file": "wojewodztwa/lubuskie/zdarzenia.csv",
                    "write": "klub_id,data,typ,numer_certyfikatu,uwagi\n"}],
        "oczekiwane": [],
        "bez": ["events-file-empty"],
    },
    "club-at-a-cis": {
        "opis": "klub działający przy CIS jest klubem",
        "zmiany": [kolbudy("nazwa", "Klub Integracji Społecznej przy CIS w Kolbudach")],
        "oczekiwane": [],
        "bez": ["club-name-cis"],
    },
}


def run(tmp_path: Path, case: dict[str, Any]) -> list[Any]:
    root = make_base(tmp_path / "register")
    for edit in case["zmiany"]:
        apply_edit(root, edit)
    report = validate(root, AS_OF)
    assert report.valid, [str(p) for p in report.problems]
    return report.problems


@pytest.mark.parametrize("name", sorted(CASES))
def test_warning_case(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    problems = run(tmp_path, case)
    for want in case["oczekiwane"]:
        found = [p for p in problems if p.code == want["code"] and p.path.endswith(want["file"])
                 and p.line == want["line"] and p.column == want["column"]]
        assert found, f"{name}: {want} not in {[str(p) for p in problems]}"
        assert found[0].severity == "warning"
        message = want.get("message", [])
        for part in [message] if isinstance(message, str) else message:
            assert part in found[0].message
        assert want.get("hint", "") in found[0].hint
        assert "hint_not" not in want or want["hint_not"] not in found[0].hint
    assert not {p.code for p in problems} & set(case.get("bez", [])), name
    assert len(problems) == len(case["oczekiwane"]), [str(p) for p in problems]


def test_every_warning_code_has_a_case() -> None:
    warnings = {code for code, level in SEVERITY.items() if level == "warning"}
    plausibility = {"value-placeholder", "postal-code-voivodeship", "club-duplicate",
                    "entry-number-duplicate", "club-name-cis", "events-file-empty"}
    assert plausibility <= warnings
    covered = {w["code"] for case in CASES.values() for w in case["oczekiwane"]}
    assert plausibility <= covered


def test_warnings_become_warning_annotations_and_exit_zero(tmp_path: Path) -> None:
    root = make_base(tmp_path / "register")
    apply_edit(root, kolbudy("adres", "do uzupełnienia"))
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["validate", str(root), "--format", "github", "--as-of", AS_OF.isoformat()])
    assert code == 0
    assert re.search(r"^::warning file=[^,]*kluby\.csv,line=3,col=9,", out.getvalue(), re.M)
    assert "::error" not in out.getvalue()


def test_a_placeholder_that_is_already_an_error_is_said_once(tmp_path: Path) -> None:
    root = make_base(tmp_path / "register")
    apply_edit(root, kolbudy("email", "brak"))
    assert [p.code for p in validate(root, AS_OF).problems] == ["email-invalid"]


def test_compared_form_of_placeholders() -> None:
    assert squeezed("B. d.") == squeezed("b.d.") == "bd"
    assert squeezed("XXXXX") == squeezed("xxx") == "x"
    assert squeezed("000 000 000") == squeezed("0000000000") == "0"
    assert squeezed("000-0000") == squeezed("00-000")
    assert squeezed("80-394") != squeezed("00-000")


def test_placeholders_come_from_the_national_table(tmp_path: Path) -> None:
    root = make_base(tmp_path / "register")
    with (root / "slowniki" / "wartosci_zastepcze.csv").open("a", encoding="utf-8") as f:
        f.write("jeszcze nie wiem,fragment\n")
    apply_edit(root, kolbudy("adres", "ul. Jeszcze  Nie Wiem 5".replace("  ", " ")))
    assert [p.code for p in validate(root, AS_OF).problems] == ["value-placeholder"]
    placeholders = Placeholders(frozenset({"brak"}), ())
    assert placeholders.match("BRAK") and not placeholders.match("brak porozumienia z PUP")


NATIONAL = Placeholders(
    frozenset(squeezed(v) for v in ("brak", "b.d.", "xxx", "-", "...", "00-000", "000000000",
                                    "do uzupełnienia")),
    (squeezed("do uzupełnienia"),),
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="xX0-. \tbBdDoOuUzZpPeEłŁnNiIaAkKr/", max_size=24), st.booleans())
def test_matching_agrees_with_the_compared_form(value: str, fragments: bool) -> None:
    key = squeezed(value)
    expected = key in NATIONAL.whole or (fragments and any(f in key for f in NATIONAL.fragments))
    assert NATIONAL.match(value, fragments) == expected


def test_cis_names() -> None:
    assert says_cis("Centrum Integracji Społecznej w Gdyni")
    assert says_cis("CENTRUM INTEGRACJI SPOLECZNEJ „Szansa”")
    assert says_cis("CIS Gdynia")
    assert not says_cis("Klub Integracji Społecznej przy Centrum Integracji Społecznej")
    assert not says_cis("KIS przy CIS w Gdyni")
    assert not says_cis("Klub Integracji Społecznej „Cisy”")  # a word that begins with cis


def _voivodeships() -> list[dict[str, str]]:
    with (REGISTER / "slowniki" / "wojewodztwa.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_postal_prefixes_cover_poland_and_fit_the_offices_addresses() -> None:
    rows = _voivodeships()
    used = {p for r in rows for p in r["kody_pocztowe"].split()}
    assert {f"{n:02d}" for n in range(100)} - used == {"79"}  # 79-… is not in use
    for r in rows:
        prefixes = r["kody_pocztowe"].split()
        assert prefixes == sorted(set(prefixes)), r["nazwa"]
        for address in (r["jednostka_certyfikujaca_adres"], r["jednostka_audytu_adres"]):
            code = re.search(r"\b(\d{2})-\d{3}\b", address)
            assert code and code.group(1) in prefixes, (r["nazwa"], address)


def test_demo_register_has_no_warnings() -> None:
    report = validate(REGISTER, AS_OF)
    assert [str(p) for p in report.problems] == []
