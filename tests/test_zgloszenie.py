"""``kis zgloszenie``: an issue filed with the form becomes a checked change of the CSV files."""

from __future__ import annotations

import functools
import io
import re
from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.officers import csv_edit, event_lines, issue_form
from generator.officers import submission as zgloszenie
from generator.officers.csv_edit import Edit
from generator.officers.form_problems import place
from generator.officers.git_revisions import digests
from generator.register.load import load_register
from generator.validation.validate import validate
from tests.registers import REGISTER, add_rows, certification, club, csv_line, make_register

AS_OF = date(2026, 1, 31)
ACCESS = "Dostępność lokalu dla osób z niepełnosprawnościami"

# An issue exactly as GitHub renders the form (abridged: empty sections may also be left out).
SAMPLE = """### Rodzaj zmiany

Nowe zdarzenie w procesie certyfikacji

### Województwo

pomorskie

### Identyfikator klubu

kolbudy

### Nazwa klubu

_No response_

### Zdarzenia

2025-12-01; zgłoszenie przedłużenia certyfikatu; zmiana adresu, "nowy" lokal

### Dane osobowe

- [X] Potwierdzam, że zgłoszenie nie zawiera danych osobowych osób fizycznych.
"""


@pytest.fixture
def register(tmp_path: Path) -> Path:
    root = make_register(tmp_path / "register", clubs=(), stories={})
    add_rows(root, "pomorskie", "kluby", [club("kolbudy", www="https://ops.kolbudy.pl/kis")])
    add_rows(root, "pomorskie", "zdarzenia", certification("kolbudy"))
    add_rows(root, "pomorskie", "uslugi", [{"klub_id": "kolbudy", "usluga": "poradnictwo_prawne"}])
    add_rows(
        root,
        "slaskie",
        "kluby",
        [
            club(
                "katowice",
                wojewodztwo="24",
                kod_pocztowy="40-001",
                miejscowosc="Katowice",
                numer_wpisu="12/2020",
            )
        ],
    )
    add_rows(root, "slaskie", "zdarzenia", certification("katowice", "KIS-24-2024-001")[:1])
    return root


def body(
    kind: str,
    voivodeship: str = "pomorskie",
    club_id: str = "kolbudy",
    *,
    consent: bool = True,
    **answers: str,
) -> str:
    """An issue body with every section of the form; ``answers`` by label (underscores=spaces)."""
    given = {"Rodzaj zmiany": kind, "Województwo": voivodeship, "Identyfikator klubu": club_id}
    given.update({k.replace("_", " "): v for k, v in answers.items()})
    parts = []
    for f in form_fields():
        if f.type == "checkboxes":
            mark = "X" if consent else " "
            parts.append(f"### {f.label}\n\n- [{mark}] {f.options[0]}\n")
        else:
            parts.append(f"### {f.label}\n\n{given.get(f.label) or '_No response_'}\n")
    return "\n".join(parts)


@functools.cache
def form_fields() -> list[issue_form.FormField]:
    """The form of the shipped register (its reference tables are all the form needs)."""
    return issue_form.fields(load_register(REGISTER))


def run(register: Path, text: str, tmp_path: Path, *extra: str) -> int:
    issue = tmp_path / "zgloszenie.md"
    issue.write_text(text, encoding="utf-8")
    return main(
        [
            "zgloszenie",
            str(issue),
            "--register",
            str(register),
            "--as-of",
            AS_OF.isoformat(),
            *extra,
        ]
    )


def lines(register: Path, slug: str, kind: str) -> list[str]:
    path = register / "wojewodztwa" / slug / f"{kind}.csv"
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_parse_body() -> None:
    answers = zgloszenie.parse_body(SAMPLE.replace("\n", "\r\n"))
    assert answers["Rodzaj zmiany"] == "Nowe zdarzenie w procesie certyfikacji"
    assert answers["Nazwa klubu"] == ""
    assert (
        answers["Zdarzenia"]
        == '2025-12-01; zgłoszenie przedłużenia certyfikatu; zmiana adresu, "nowy" lokal'
    )
    assert answers["Dane osobowe"].startswith("- [X] Potwierdzam")


def test_sample_issue_appends_an_event(
    register: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = lines(register, "pomorskie", "zdarzenia")
    assert run(register, SAMPLE, tmp_path) == 0
    after = lines(register, "pomorskie", "zdarzenia")
    added = 'kolbudy,2025-12-01,zgloszenie_przedluzenia,,"zmiana adresu, ""nowy"" lokal"\n'
    assert after == [*before, added]
    out = capsys.readouterr().out
    assert "Zmieniono:\n- " in out
    said = "- zdarzenie z 1 grudnia 2025: zgłoszenie przedłużenia certyfikatu – zmiana adresu"
    assert said in out
    assert "zdarzenia.csv: dopisano 1 wiersz" in out
    assert "Rejestr po zmianie jest poprawny (stan na 31 stycznia 2026)." in out
    assert validate(register, AS_OF).valid


def test_new_club_writes_club_event_and_services(register: Path, tmp_path: Path) -> None:
    text = body(
        "Nowy klub",
        club_id="sopot-centrum",
        **{
            "Nazwa klubu": "Klub Integracji Społecznej „Morze”",
            "Instytucja tworząca klub": "Miejski Ośrodek Pomocy Rodzinie w Sopocie",
            "Rodzaj instytucji tworzącej": "ośrodek pomocy społecznej",
            "Ulica i numer": "ul. Kolejowa 4",
            "Kod pocztowy": "81-717",
            "Miejscowość": "Sopot",
            "Telefon": "+48 58 551 17 10",
            "Data wpisu do rejestru wojewody": "2025-02-03",
            "Zdarzenia": "2025-03-10; złożenie wniosku o certyfikat",
            "Usługi": "poradnictwo prawne, samopomocowe grupy wsparcia",
            "Opis usługi": "co tydzień",
        },
    )
    assert run(register, text, tmp_path) == 0
    assert lines(register, "pomorskie", "kluby")[-1] == csv_line(
        [
            "sopot-centrum",
            "Klub Integracji Społecznej „Morze”",
            "22",
            "Miejski Ośrodek Pomocy Rodzinie w Sopocie",
            "ops",
            "",
            "",
            "",
            "ul. Kolejowa 4",
            "81-717",
            "Sopot",
            "+48 58 551 17 10",
            "",
            "",
            "",
            "",
            "2025-02-03",
            "",
            "",  # godziny_otwarcia, dostepnosc, dostepnosc_opis
            "",
            "",
        ]
    )
    assert (
        lines(register, "pomorskie", "zdarzenia")[-1]
        == "sopot-centrum,2025-03-10,wniosek_zlozony,,\n"
    )
    assert lines(register, "pomorskie", "uslugi")[-2:] == [
        "sopot-centrum,poradnictwo_prawne,co tydzień\n",
        "sopot-centrum,grupa_wsparcia,co tydzień\n",
    ]
    assert validate(register, AS_OF).valid


def test_change_of_club_data_rewrites_one_line(register: Path, tmp_path: Path) -> None:
    before = lines(register, "pomorskie", "kluby")
    text = body(
        "Zmiana danych klubu",
        **{
            "Telefon": "58 123 45 67",
            "Strona internetowa": "-",
            "Szerokość geograficzna": "54,2700",
            "Długość geograficzna": "18,4700",
        },
    )
    assert run(register, text, tmp_path) == 0
    after = lines(register, "pomorskie", "kluby")
    assert after[0] == before[0]
    row = after[1].rstrip("\n").split(",")
    assert (row[11], row[13], row[14], row[15]) == ("58 123 45 67", "", "54.2700", "18.4700")
    assert len(after) == len(before)


def test_access_dropdown_writes_the_schema_value(register: Path, tmp_path: Path) -> None:
    """The access field is a dropdown of the schema's categories; the choice is the value."""
    assert run(register, body("Zmiana danych klubu", **{ACCESS: "częściowo"}), tmp_path) == 0
    header, row = (line.rstrip("\n").split(",") for line in lines(register, "pomorskie", "kluby"))
    assert row[header.index("dostepnosc")] == "częściowo"


def test_polish_date_is_accepted(register: Path, tmp_path: Path) -> None:
    text = body(
        "Wykreślenie klubu z rejestru",
        **{"Zdarzenia": "3.02.2025 klub zlikwidowany"},
    )
    assert run(register, text, tmp_path) == 0
    assert (
        lines(register, "pomorskie", "zdarzenia")[-1]
        == "kolbudy,2025-02-03,klub_wykreslony,,klub zlikwidowany\n"
    )


def test_new_service_goes_after_the_clubs_services(register: Path, tmp_path: Path) -> None:
    add_rows(register, "pomorskie", "kluby", [club("pruszcz")])
    add_rows(register, "pomorskie", "zdarzenia", certification("pruszcz", "KIS-22-2024-002")[:1])
    add_rows(register, "pomorskie", "uslugi", [{"klub_id": "pruszcz", "usluga": "grupa_wsparcia"}])
    assert run(register, body("Nowa usługa klubu", Usługi="doradztwo zawodowe"), tmp_path) == 0
    assert lines(register, "pomorskie", "uslugi")[1:] == [
        "kolbudy,poradnictwo_prawne,\n",
        "kolbudy,doradztwo_zawodowe,\n",
        "pruszcz,grupa_wsparcia,\n",
    ]


def test_check_only_writes_nothing(
    register: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digests(register)
    assert run(register, SAMPLE, tmp_path, "--check") == 0
    assert digests(register) == before
    assert "Zgłoszenie jest poprawne; zmieniłoby:" in capsys.readouterr().out


def test_reads_standard_input(register: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(SAMPLE))
    assert main(["zgloszenie", "-", "--register", str(register), "--as-of", "2026-01-31"]) == 0
    assert lines(register, "pomorskie", "zdarzenia")[-1].startswith("kolbudy,2025-12-01,")


def test_missing_file_is_a_usage_error(register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["zgloszenie", str(register / "brak.md"), "--register", str(register)]) == 2
    assert "nie można odczytać pliku" in capsys.readouterr().err


WRONG = {
    "unknown-voivodeship": (
        body("Nowa usługa klubu", "mazowsze", Usługi="doradztwo zawodowe"),
        "pole „Województwo”: „mazowsze” nie jest nazwą województwa — wybierz jedną z nazw: "
        "dolnośląskie, kujawsko-pomorskie, lubelskie",
    ),
    "no-voivodeship": (
        body("Nowa usługa klubu", "", Usługi="doradztwo zawodowe"),
        "pole „Województwo”: nie wybrano województwa —",
    ),
    "bad-date": (
        body(
            "Nowe zdarzenie w procesie certyfikacji",
            **{"Zdarzenia": "2025-02-30; cofnięcie certyfikatu"},
        ),
        "pole „Zdarzenia”, wiersz 1: „2025-02-30” nie jest poprawną datą — sprawdź dzień",
    ),
    "missing-club": (
        body(
            "Nowe zdarzenie w procesie certyfikacji",
            club_id="nieznany",
            **{"Zdarzenia": "2025-02-03; cofnięcie certyfikatu"},
        ),
        "klubu „nieznany” nie ma w rejestrze",
    ),
    "club-of-another-voivodeship": (
        body("Nowa usługa klubu", "pomorskie", "katowice", Usługi="doradztwo zawodowe"),
        "klub „katowice” jest w rejestrze innego województwa (śląskie), a w zgłoszeniu "
        "wybrano: pomorskie",
    ),
    "existing-club-as-new": (
        body("Nowy klub", **{"Nazwa klubu": "KIS"}),
        "klub „kolbudy” jest już w rejestrze (województwo pomorskie)",
    ),
    "new-club-without-required-fields": (
        body("Nowy klub", club_id="nowy", **{"Nazwa klubu": "Klub Nowy"}),
        "przy zmianie „Nowy klub” trzeba wypełnić pola: „Instytucja tworząca klub”, "
        "„Rodzaj instytucji tworzącej”, „Ulica i numer”, „Kod pocztowy”, „Miejscowość”, "
        "„Data wpisu do rejestru wojewody”",
    ),
    "field-of-another-kind": (
        body("Zmiana danych klubu", Telefon="58 123 45 67", **{"Zdarzenia": "2025-01-01 audyt"}),
        "pole „Zdarzenia”: to pole nie dotyczy zmiany „Zmiana danych klubu”",
    ),
    "access-not-a-category": (
        body("Zmiana danych klubu", **{ACCESS: "może"}),
        f"pole „{ACCESS}”: „może” nie jest jedną z wartości do wyboru",
    ),
    "no-new-value": (
        body("Zmiana danych klubu", Miejscowość="Kolbudy"),
        "zgłoszenie nie zmienia żadnej wartości",
    ),
    "unknown-kind": (
        body("Usunięcie klubu"),
        "pole „Rodzaj zmiany”: „Usunięcie klubu” nie jest jednym z rodzajów",
    ),
    "unknown-event-type": (
        body(
            "Nowe zdarzenie w procesie certyfikacji",
            **{"Zdarzenia": "2025-02-03; kontrola"},
        ),
        "pole „Zdarzenia”, wiersz 1: „kontrola” nie jest rodzajem zdarzenia — wpisz nazwę "
        "jednego z rodzajów zdarzeń: „złożenie wniosku o certyfikat”",
    ),
    "service-already-there": (
        body("Nowa usługa klubu", Usługi="poradnictwo prawne"),
        "klub „kolbudy” ma już usługę „poradnictwo prawne”",
    ),
    "strike-off-with-other-event": (
        body(
            "Wykreślenie klubu z rejestru",
            **{"Zdarzenia": "2025-02-03; cofnięcie certyfikatu"},
        ),
        "przy wykreśleniu klubu wpisano zdarzenie „cofnięcie certyfikatu”",
    ),
    "no-consent": (
        body("Nowa usługa klubu", consent=False, Usługi="doradztwo zawodowe"),
        "brak potwierdzenia, że zgłoszenie nie zawiera danych osobowych",
    ),
    "not-from-the-form": (
        "Proszę dopisać klub w Sopocie, dane w załączniku.\n",
        "brak pola „Rodzaj zmiany”",
    ),
    "stale-form": (
        SAMPLE + "\n### Osoba kontaktowa\n\nJan Kowalski\n",
        "zgłoszenie ma pola, których nie ma w formularzu „Zmiana w rejestrze”: „Osoba kontaktowa”",
    ),
}


@pytest.mark.parametrize("case", sorted(WRONG))
def test_wrong_issue_is_refused_and_nothing_written(
    case: str, register: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, expected = WRONG[case]
    before = digests(register)
    assert run(register, text, tmp_path) == 1
    out = capsys.readouterr().out
    assert out.startswith("Zgłoszenia nie można przenieść do rejestru:\n- ")
    assert expected in out
    assert out.endswith(
        "Nic nie zostało zapisane. Popraw zgłoszenie i uruchom polecenie ponownie.\n"
    )
    assert digests(register) == before


def test_result_that_fails_validation_is_not_written(
    register: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digests(register)
    text = body(
        "Nowe zdarzenie w procesie certyfikacji",
        "śląskie",
        "katowice",
        **{"Zdarzenia": "2025-01-15; wydanie certyfikatu KIS na 3 lata; KIS-24-2025-001"},
    )
    assert run(register, text, tmp_path) == 1
    out = capsys.readouterr().out
    assert out.startswith("Po wprowadzeniu zgłoszenia rejestr miałby błędy:\n")
    # in the form's words: its field, the line of the text area, the events' plain names
    assert (
        "- pole „Zdarzenia”, wiersz 1: zdarzenie „wydanie certyfikatu KIS na 3 lata” nie może "
        "nastąpić bezpośrednio po „złożenie wniosku o certyfikat” — po „złożenie wniosku "
        "o certyfikat” dozwolone są: "
    ) in out
    allowed = out.split("dozwolone są: ", 1)[1].split(";", 1)[0]
    assert set(allowed.split(", ")) == {
        "„wykreślenie klubu z rejestru”",
        "„dopuszczenie wniosku do procedury”",
        "„odrzucenie wniosku z przyczyn formalnych”",
    }
    assert "kis-zgloszenie-" not in out
    assert "zdarzenia.csv" not in out and "certyfikat_wydany" not in out
    assert digests(register) == before


def test_problems_the_register_had_already_are_not_blamed(
    register: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_rows(register, "slaskie", "uslugi", [{"klub_id": "katowice", "usluga": "brak_takiej"}])
    assert not validate(register, AS_OF).valid
    text = body(
        "Nowe zdarzenie w procesie certyfikacji",
        "śląskie",
        "katowice",
        **{"Zdarzenia": "2025-01-15; wydanie certyfikatu KIS na 3 lata; KIS-24-2025-001"},
    )
    assert run(register, text, tmp_path) == 1
    out = capsys.readouterr().out
    assert "wydanie certyfikatu KIS na 3 lata" in out
    assert "brak_takiej" not in out


# --- pure parts -----------------------------------------------------------------------------


def test_event_is_inserted_in_date_order(register: Path) -> None:
    raw = load_register(register)
    answers = zgloszenie.parse_body(
        body(
            "Nowe zdarzenie w procesie certyfikacji",
            **{"Zdarzenia": "2024-04-02 cofnięcie certyfikatu"},
        )
    )
    request, errors = zgloszenie.read_request(answers, raw)
    assert errors == [] and request is not None
    ((path, edits),) = zgloszenie.plan(request, raw).items()
    assert path.name == "zdarzenia.csv"
    # lines 2..8 hold the seven events; 2024-04-02 is the sixth (line 7): insert after it
    assert edits == [Edit("after", ("kolbudy", "2024-04-02", "certyfikat_cofniety", "", ""), 7)]


def test_csv_edit_keeps_untouched_bytes() -> None:
    text = 'a,b\n"x, quoted",1\n"multi\nline",2\nlast,3'
    out = csv_edit.apply(
        text,
        [
            Edit("replace", ("y", "9"), 2),
            Edit("after", ("after-multi", "4"), 3),
            Edit("before", ("first", "0"), 2),
            Edit("append", ("end", "5")),
        ],
    )
    assert out == ('a,b\nfirst,0\ny,9\n"multi\nline",2\nafter-multi,4\nlast,3\nend,5\n')
    with pytest.raises(ValueError):
        csv_edit.apply(text, [Edit("after", ("z", "1"), 4)])  # line 4 is inside a record


# --- a complete entry in one issue ------------------------------------------------------------

NEW_CLUB = {
    "Nazwa klubu": "Klub Integracji Społecznej „Morze”",
    "Instytucja tworząca klub": "Miejski Ośrodek Pomocy Rodzinie w Sopocie",
    "Rodzaj instytucji tworzącej": "ośrodek pomocy społecznej",
    "Ulica i numer": "ul. Kolejowa 4",
    "Kod pocztowy": "81-717",
    "Miejscowość": "Sopot",
    "Data wpisu do rejestru wojewody": "2023-02-03",
}


def new_club(events: str, **answers: str) -> str:
    return body(
        "Nowy klub", club_id="sopot-centrum", **{**NEW_CLUB, "Zdarzenia": events, **answers}
    )


def test_new_club_with_its_whole_history_in_one_issue(register: Path, tmp_path: Path) -> None:
    history = "\n".join(
        [
            "- 2023-03-05 wniosek złożony",  # a list item, a code typed with spaces
            "",
            "15.03.2023; dopuszczenie wniosku do procedury",
            "2023-04-02\tpozytywna ocena merytoryczna wniosku",  # pasted from a spreadsheet
            "2023-05-01 rozpoczęcie audytu",  # the start of a name
            "2023-05-20; SPORZĄDZENIE RAPORTU Z AUDYTU",
            "2023-06-01; przekazanie raportu z audytu jednostce certyfikujacej",  # no diacritics
            "20.06.2023; certyfikat wydany; kis-22-2023-007; decyzja z 20 czerwca",
        ]
    )
    assert run(register, new_club(history), tmp_path) == 0
    added = [line for line in lines(register, "pomorskie", "zdarzenia") if "sopot" in line]
    assert added == [
        "sopot-centrum,2023-03-05,wniosek_zlozony,,\n",
        "sopot-centrum,2023-03-15,wniosek_dopuszczony,,\n",
        "sopot-centrum,2023-04-02,ocena_pozytywna,,\n",
        "sopot-centrum,2023-05-01,audyt_rozpoczety,,\n",
        "sopot-centrum,2023-05-20,raport_audytu_sporzadzony,,\n",
        "sopot-centrum,2023-06-01,raport_audytu_przekazany,,\n",
        "sopot-centrum,2023-06-20,certyfikat_wydany,KIS-22-2023-007,decyzja z 20 czerwca\n",
    ]
    assert validate(register, AS_OF).valid


def test_new_club_with_only_its_current_certificate(register: Path, tmp_path: Path) -> None:
    """A club certified before the register: one line, no invented dates."""
    raw = load_register(register)
    names = issue_form.event_names(raw)
    before_register = [c for c in names if c.startswith("certyfikat") and "rejestr" in c]
    assert before_register, "the reference table has an event for certificates issued earlier"
    code = before_register[0]
    line = f"2024-02-01; {names[code]}; KIS-22-2024-005; historia w aktach urzędu"
    assert run(register, new_club(line), tmp_path) == 0
    assert lines(register, "pomorskie", "zdarzenia")[-1] == (
        f"sopot-centrum,2024-02-01,{code},KIS-22-2024-005,historia w aktach urzędu\n"
    )


def test_several_events_of_one_club_go_in_date_order(register: Path, tmp_path: Path) -> None:
    events = "\n".join(
        [
            "2025-09-10; przedłużenie certyfikatu; KIS-22-2025-002",  # typed out of order
            "2025-07-01; zgłoszenie przedłużenia certyfikatu",
            "2025-08-01 audyt przedłużający certyfikat",
            "2024-06-10; cofnięcie certyfikatu",
        ]
    )
    text = body("Nowe zdarzenie w procesie certyfikacji", Zdarzenia=events)
    raw = load_register(register)
    request, problems = zgloszenie.read_request(zgloszenie.read_answers(text), raw)
    assert problems == [] and request is not None
    assert [e.day for e in request.events] == [
        "2024-06-10",
        "2025-07-01",
        "2025-08-01",
        "2025-09-10",
    ]
    ((_, edits),) = zgloszenie.plan(request, raw).items()
    # the withdrawal goes after the certificate (line 8), the rest after the last event
    assert [(e.where, e.line, e.values[2]) for e in edits] == [
        ("after", 8, "certyfikat_cofniety"),
        ("after", 8, "zgloszenie_przedluzenia"),
        ("after", 8, "audyt_przedluzajacy"),
        ("after", 8, "certyfikat_przedluzony"),
    ]


def test_a_spreadsheet_saved_file_is_edited_in_the_registers_own_form(
    register: Path, tmp_path: Path
) -> None:
    path = register / "wojewodztwa" / "pomorskie" / "zdarzenia.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert run(register, SAMPLE, tmp_path) == 0
    text = path.read_bytes()
    assert b"\r\n" not in text
    assert text.endswith(
        b'kolbudy,2025-12-01,zgloszenie_przedluzenia,,"zmiana adresu, ""nowy"" lokal"\n'
    )


# --- every message of the form path, in the form's words ------------------------------------

FORM_CASES = {
    "form-unknown-fields": SAMPLE + "\n### Osoba kontaktowa\n\nJan Kowalski\n",
    "form-not-a-form": "Proszę dopisać klub.\n",
    "form-duplicate-section": body("Nowa usługa klubu", Usługi="doradztwo zawodowe")
    + "\n### Identyfikator klubu\n\ngdansk-przymorze\n",
    "form-unknown-kind": body("Usunięcie klubu"),
    "form-no-consent": body("Nowa usługa klubu", consent=False, Usługi="doradztwo zawodowe"),
    "form-no-voivodeship": body("Nowa usługa klubu", "", Usługi="doradztwo zawodowe"),
    "form-unknown-voivodeship": body("Nowa usługa klubu", "mazowsze", Usługi="doradztwo zawodowe"),
    "form-no-club-id": body("Nowa usługa klubu", club_id="", Usługi="doradztwo zawodowe"),
    "form-choice-unknown": body("Nowa usługa klubu", Usługi="taniec"),
    "form-bad-date": new_club(
        "2023-03-05 wniosek złożony", **{"Data wpisu do rejestru wojewody": "2023-02-30"}
    ),
    "form-field-not-for-kind": body(
        "Zmiana danych klubu", Telefon="58 123 45 67", Zdarzenia="2025-01-01 audyt"
    ),
    "form-missing-fields": body("Nowy klub", club_id="nowy", **{"Nazwa klubu": "Klub Nowy"}),
    "form-no-new-value": body("Zmiana danych klubu"),
    "form-unchanged": body("Zmiana danych klubu", Miejscowość="Kolbudy"),
    "form-club-exists": body("Nowy klub", **NEW_CLUB, Zdarzenia="2024-01-01 wniosek złożony"),
    "form-club-unknown": body("Nowa usługa klubu", club_id="nieznany", Usługi="doradztwo zawodowe"),
    "form-club-other-voivodeship": body(
        "Nowa usługa klubu", "pomorskie", "katowice", Usługi="doradztwo zawodowe"
    ),
    "form-service-exists": body("Nowa usługa klubu", Usługi="poradnictwo prawne"),
    "form-strike-off-type": body(
        "Wykreślenie klubu z rejestru", Zdarzenia="2025-02-03; cofnięcie certyfikatu"
    ),
    "form-strike-off-count": body(
        "Wykreślenie klubu z rejestru", Zdarzenia="2025-02-03\n2025-02-04"
    ),
    "form-event-no-date": body(
        "Nowe zdarzenie w procesie certyfikacji", Zdarzenia="wniosek złożony"
    ),
    "form-event-bad-date": body(
        "Nowe zdarzenie w procesie certyfikacji", Zdarzenia="31.02.2025 cofnięcie certyfikatu"
    ),
    "form-event-no-type": body("Nowe zdarzenie w procesie certyfikacji", Zdarzenia="2025-02-03"),
    "form-event-unknown-type": body(
        "Nowe zdarzenie w procesie certyfikacji", Zdarzenia="2025-02-03; kontrola"
    ),
    "form-event-ambiguous-type": body(
        "Nowe zdarzenie w procesie certyfikacji", Zdarzenia="2025-02-03; odwołanie"
    ),
    "form-cell-required": body("Zmiana danych klubu", **{"Nazwa klubu": "-"}),
    "form-cell-number": body(
        "Zmiana danych klubu",
        **{"Szerokość geograficzna": "pięćdziesiąt", "Długość geograficzna": "18.5"},
    ),
    "form-cell-pattern": body("Zmiana danych klubu", **{"Kod pocztowy": "80394"}),
    "form-cell-range": body(
        "Zmiana danych klubu", **{"Szerokość geograficzna": "60.1", "Długość geograficzna": "18.5"}
    ),
    "form-cell-length": body("Zmiana danych klubu", **{"Nazwa klubu": "AB"}),
    "form-cell-too-long": body("Zmiana danych klubu", **{"Ulica i numer": "ul. " + "x" * 5001}),
    "form-text-not-nfc": body("Zmiana danych klubu", Miejscowość="Gdan\u0301sk"),
    "form-text-control": body("Zmiana danych klubu", Miejscowość="Kol\u200bbudy"),
    "form-coordinates-incomplete": body(
        "Zmiana danych klubu", **{"Szerokość geograficzna": "54.3"}
    ),
    "form-coordinates-outside": body(
        "Zmiana danych klubu",
        **{"Szerokość geograficzna": "50.06", "Długość geograficzna": "19.94"},
    ),
    "form-event-before-entry": new_club("2023-01-10; wniosek złożony"),
    "form-certificate-number-missing": body(
        "Nowe zdarzenie w procesie certyfikacji",
        Zdarzenia="2025-06-01 zgłoszenie przedłużenia\n2025-07-01 audyt przedłużający\n"
        "2025-08-01 przedłużenie certyfikatu",
    ),
    "form-certificate-number-duplicate": new_club(
        "2023-03-05 wniosek złożony\n2023-03-15 wniosek dopuszczony\n2023-04-02 ocena pozytywna\n"
        "2023-05-01 audyt rozpoczęty\n2023-05-20 raport audytu sporządzony\n"
        "2023-06-01 raport audytu przekazany\n2024-06-20 certyfikat wydany KIS-22-2024-001"
    ),
    "form-value-placeholder": body("Zmiana danych klubu", **{"Ulica i numer": "do uzupełnienia"}),
    "form-value-placeholder-optional": body(
        "Zmiana danych klubu", **{"Numer wpisu do rejestru wojewody": "do uzupełnienia"}
    ),
    "form-event-close-type": body(
        "Nowe zdarzenie w procesie certyfikacji", Zdarzenia="2025-02-03; cofniecie certyfkatu"
    ),
    "form-club-duplicate": new_club(
        "2023-03-05 wniosek złożony",
        **{
            "Nazwa klubu": "Klub Integracji Społecznej kolbudy",
            "Instytucja tworząca klub": "Gminny Ośrodek Pomocy Społecznej w Kolbudach",
            "Miejscowość": "Kolbudy",
            "Kod pocztowy": "83-050",
        },
    ),
    "form-entry-number-duplicate": new_club(
        "2023-03-05 wniosek złożony", **{"Numer wpisu do rejestru wojewody": "12/2020"}
    ),
    "form-postal-code-voivodeship": body("Zmiana danych klubu", **{"Kod pocztowy": "00-950"}),
    "form-club-name-cis": body(
        "Zmiana danych klubu", **{"Nazwa klubu": "Centrum Integracji Społecznej w Kolbudach"}
    ),
    "form-key-duplicate": body(
        "Nowe zdarzenie w procesie certyfikacji",
        Zdarzenia="2024-05-20; zgłoszenie przedłużenia\n2024-05-20; zgłoszenie przedłużenia",
    ),
    "form-date-short-year": body(
        "Nowe zdarzenie w procesie certyfikacji", Zdarzenia="15.04.25 zgłoszenie przedłużenia"
    ),
    "form-club-unknown-similar": body(
        "Nowa usługa klubu", club_id="Kolbudy", Usługi="doradztwo zawodowe"
    ),
    "form-club-voivodeship-elsewhere": new_club(
        "",
        **{
            "Kod pocztowy": "65-001",
            "Miejscowość": "Zielona Góra",
            "Szerokość geograficzna": "51.94",
            "Długość geograficzna": "15.50",
        },
    ),
    "form-www-scheme-added": body(
        "Zmiana danych klubu", Strona_internetowa="przystan-ostroda.org.pl"
    ),
}
CODE_LIKE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # an event, service or column code


def test_every_form_code_is_triggered() -> None:
    from generator.messages import CATALOGUE

    assert set(FORM_CASES) == {c for c in CATALOGUE if c.startswith("form-")}


@pytest.mark.parametrize("code", sorted(FORM_CASES))
def test_form_messages_speak_the_forms_words(code: str, register: Path) -> None:
    outcome = zgloszenie.submit(register, FORM_CASES[code], AS_OF, write=False)
    found = outcome.errors + outcome.problems + outcome.warnings
    assert code in {p.code for p in found}, [str(p) for p in found]
    for p in found:
        said = f"{place(p)}: {p.message} — {p.hint}"
        assert "kolumn" not in said and ".csv" not in said and "kis-zgloszenie" not in said, said
        assert not CODE_LIKE.search(said.replace("ul. " + "x" * 5001, "")), said
        assert "{" not in said, said


def test_problems_name_the_line_of_the_issue_body(register: Path) -> None:
    text = SAMPLE.replace(
        '2025-12-01; zgłoszenie przedłużenia certyfikatu; zmiana adresu, "nowy" lokal',
        "2025-12-01; zgłoszenie przedłużenia\n\n2025-12-02 kontrola",
    )
    outcome = zgloszenie.submit(register, text, AS_OF, write=False, source="zgloszenie-7.md")
    (found,) = outcome.errors
    body_lines = text.splitlines()
    assert found.path == "zgloszenie-7.md"
    assert body_lines[found.line - 1] == "2025-12-02 kontrola"
    assert found.params["item"] == "3"
    assert place(found) == "pole „Zdarzenia”, wiersz 3"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2024-03-05 wniosek złożony", ("2024-03-05", "wniosek_zlozony", "", "")),
        ("* 5.3.2024 r. Wniosek Zlozony", ("2024-03-05", "wniosek_zlozony", "", "")),
        (
            "05.03.2024;certyfikat wydany;kis-22-2024-001",
            ("2024-03-05", "certyfikat_wydany", "KIS-22-2024-001", ""),
        ),
        (
            "2024-03-05\twydanie certyfikatu\tKIS-22-2024-001\tpo audycie",
            ("2024-03-05", "certyfikat_wydany", "KIS-22-2024-001", "po audycie"),
        ),
        (
            "2024-05-01 wydanie certyfikatu KIS-22-2024-003 po audycie",
            ("2024-05-01", "certyfikat_wydany", "KIS-22-2024-003", "po audycie"),
        ),
        (
            "2024-05-01 wniosek złożony przez OPS",
            ("2024-05-01", "wniosek_zlozony", "", "przez OPS"),
        ),
        (
            "2024-05-01 wydanie certyfikatu nr KIS-22-2024-003",
            ("2024-05-01", "certyfikat_wydany", "KIS-22-2024-003", ""),
        ),
        (
            "2024-05-01; wydanie certyfikatu; numer: kis-22-2024-003; po audycie",
            ("2024-05-01", "certyfikat_wydany", "KIS-22-2024-003", "po audycie"),
        ),
        # a longer name that starts like a shorter one is never cut short
        (
            "2023-06-01 certyfikat wydany przed prowadzeniem rejestru KIS-22-2023-001",
            ("2023-06-01", "certyfikat_sprzed_rejestru", "KIS-22-2023-001", ""),
        ),
        (
            "2024-01-01; klub wykreślony; zakończenie działalności, likwidacja",
            ("2024-01-01", "klub_wykreslony", "", "zakończenie działalności, likwidacja"),
        ),
    ],
)
def test_event_lines_are_read_the_way_officers_type_them(
    line: str, expected: tuple[str, str, str, str]
) -> None:
    raw = load_register(REGISTER)
    (event,), errors = event_lines.read(line, event_lines.EventTypes(issue_form.event_names(raw)))
    assert errors == []
    assert (event.day, event.kind, event.number, event.notes) == expected


def test_warnings_do_not_block_and_a_repeat_is_said_about_the_issues_club(
    register: Path,
) -> None:
    outcome = zgloszenie.submit(
        register, FORM_CASES["form-entry-number-duplicate"], AS_OF, write=False
    )
    assert outcome.accepted and outcome.errors == outcome.problems == []
    (warning,) = [p for p in outcome.warnings if p.code == "form-entry-number-duplicate"]
    assert warning.severity == "warning"
    assert place(warning) == "pole „Numer wpisu do rejestru wojewody”"
    assert "ma już klub „katowice”" in warning.message


# --- round 2: typos never crash, values are written as the register writes them -----------


@pytest.mark.parametrize("typed", ["05.03", "1.2.3.4", "2024-02", "5/3/2024", "２０２４-01-01"])
def test_a_typo_in_a_form_date_is_a_problem_naming_the_field(register: Path, typed: str) -> None:
    outcome = zgloszenie.submit(
        register,
        new_club("2023-03-05 wniosek złożony", **{"Data wpisu do rejestru wojewody": typed}),
        AS_OF,
        write=False,
    )
    (found,) = outcome.errors
    assert found.code == "form-bad-date" and found.field == "Data wpisu do rejestru wojewody"
    assert found.message == f"„{typed}” nie jest poprawną datą"
    assert place(found) == "pole „Data wpisu do rejestru wojewody”"


@functools.cache
def _shipped_names() -> tuple[dict[str, str], dict[str, str]]:
    raw = load_register(REGISTER)
    services = issue_form.option_names(raw, "katalog-uslug")
    return issue_form.event_names(raw), services


def test_no_text_in_any_field_makes_a_traceback(register: Path) -> None:
    """Whatever is typed into whichever field, submit answers with problems or success."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    labels = [f.label for f in form_fields() if f.type != "checkboxes"]
    typed = st.one_of(
        st.text(max_size=40),
        st.sampled_from(["05.03", "1.2.3.4", "-", "2024-13-40", "31.02.2024", "54,3", "123"]),
        st.builds(
            lambda d, t: f"{d}; {t}",
            st.sampled_from(["2025-02-03", "03.02.2025", "2025-2-3", "99.99.9999"]),
            st.text(max_size=20),
        ),
    )
    kinds = st.sampled_from(list(issue_form.KINDS.values()))

    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(kind=kinds, answers=st.dictionaries(st.sampled_from(labels), typed, max_size=6))
    def check(kind: str, answers: dict[str, str]) -> None:
        text = body(kind, **{**{k.replace(" ", "_"): v for k, v in answers.items()}})
        outcome = zgloszenie.submit(register, text, AS_OF, write=False)
        assert outcome.accepted or outcome.errors or outcome.problems

    check()


def test_a_club_that_never_applied_is_entered_without_events(
    register: Path, tmp_path: Path
) -> None:
    from generator.officers import issue_reply

    for events in ("", "-"):
        outcome = zgloszenie.submit(register, new_club(events), AS_OF, write=False)
        assert outcome.accepted, [str(p) for p in outcome.errors + outcome.problems]
        assert outcome.request is not None and outcome.request.events == ()
        reply = issue_reply.markdown(outcome, load_register(register), AS_OF)
        assert reply.count("bez certyfikatu") == 1  # the resulting status, said once
        assert "nie składał wniosku o certyfikat" in reply
    assert run(register, new_club(""), tmp_path) == 0
    assert not any("sopot" in line for line in lines(register, "pomorskie", "zdarzenia"))
    assert validate(register, AS_OF).valid


def test_codes_typed_without_leading_zeros_are_written_padded_without_a_save_notice(
    register: Path, tmp_path: Path
) -> None:
    from generator.officers import issue_reply

    text = new_club(
        "2023-03-05 wniosek złożony",
        Numer_KRS="12345",
        REGON="1234562",
        NIP="12345673",
        **{"Szerokość geograficzna": "54,35", "Długość geograficzna": "18,6"},
    )
    outcome = zgloszenie.submit(register, text, AS_OF, write=False)
    assert outcome.accepted, [str(p) for p in outcome.errors + outcome.problems]
    assert outcome.request is not None
    values = outcome.request.values
    assert (values["kluby.krs"], values["kluby.regon"], values["kluby.nip"]) == (
        "0000012345",
        "001234562",
        "0012345673",
    )
    assert (values["kluby.szerokosc"], values["kluby.dlugosc"]) == ("54.35", "18.6")
    raw = load_register(register)
    said = issue_reply.markdown(outcome, raw, AS_OF) + issue_reply.text(outcome, raw, AS_OF)
    assert "arkusz" not in said and "kis popraw" not in said
    assert "file-spreadsheet-save" not in {p.code for p in outcome.warnings}


def test_reply_never_shows_the_spreadsheet_save_notice(register: Path) -> None:
    from generator.officers import issue_reply
    from generator.problems import problem

    outcome = zgloszenie.submit(register, SAMPLE, AS_OF, write=False)
    notice = problem("file-spreadsheet-save", "x.csv", 1, 0, "", shapes="daty")
    outcome.warnings.append(notice)
    raw = load_register(register)
    said = issue_reply.markdown(outcome, raw, AS_OF) + issue_reply.text(outcome, raw, AS_OF)
    assert "kis popraw" not in said and "Do sprawdzenia" not in said


def test_a_misspelt_event_type_gets_the_closest_names_not_all(register: Path) -> None:
    text = body(
        "Nowe zdarzenie w procesie certyfikacji", Zdarzenia="2025-02-03; wydanei certyfikatu"
    )
    (found,) = zgloszenie.submit(register, text, AS_OF, write=False).errors
    assert found.code == "form-event-close-type"
    assert "„wydanie certyfikatu KIS na 3 lata”" in found.hint
    assert "cofnięcie certyfikatu" not in found.hint


def test_reply_shows_dates_in_polish(register: Path) -> None:
    from generator.officers import issue_reply

    outcome = zgloszenie.submit(register, SAMPLE, AS_OF, write=False)
    reply = issue_reply.markdown(outcome, load_register(register), AS_OF)
    assert "zdarzenie z 1 grudnia 2025" in reply and "2025-12-01" not in reply


def test_placeholder_hint_is_the_catalogues_form_variant(register: Path) -> None:
    from generator.messages import CATALOGUE

    outcome = zgloszenie.submit(
        register, FORM_CASES["form-value-placeholder-optional"], AS_OF, write=False
    )
    (found,) = [p for p in outcome.warnings if p.code.startswith("form-value-placeholder")]
    assert found.code == "form-value-placeholder-optional"
    assert found.hint == CATALOGUE["form-value-placeholder-optional"][1]
    assert "komórk" not in found.hint and "kolumn" not in found.hint


# --- officer trial, round 2 -----------------------------------------------------------------


def test_a_club_in_another_voivodeship_is_told_to_pick_it_on_the_form(register: Path) -> None:
    text = body(
        "Nowy klub",
        club_id="zielona-gora",
        **{
            **NEW_CLUB,
            "Kod pocztowy": "65-001",
            "Miejscowość": "Zielona Góra",
            "Szerokość geograficzna": "51.94",
            "Długość geograficzna": "15.50",
        },
    )
    outcome = zgloszenie.submit(register, text, AS_OF, write=False)
    found = outcome.errors + outcome.problems
    assert [p.code for p in found] == ["form-club-voivodeship-elsewhere"], [str(p) for p in found]
    (p,) = found
    assert place(p) == "pole „Województwo”"
    assert "wybierz w polu „Województwo”: lubuskie" in p.hint
    assert ".csv" not in p.hint and "folder" not in p.hint


@pytest.mark.parametrize(
    ("field", "typed"),
    [("Zdarzenia", "15.04.25 zgłoszenie przedłużenia"), ("Data wpisu do rejestru wojewody", "")],
)
def test_a_two_digit_year_is_said_to_need_four_digits(
    register: Path, field: str, typed: str
) -> None:
    if field == "Zdarzenia":
        text = body("Nowe zdarzenie w procesie certyfikacji", Zdarzenia=typed)
    else:
        text = new_club("", **{field: "3.02.23"})
    (found,) = zgloszenie.submit(register, text, AS_OF, write=False).errors
    assert found.code == "form-date-short-year"
    assert "nie zaczyna się datą" not in found.message
    assert "czterema cyframi" in found.hint
    assert ("„15.04.2025”" if typed else "„3.02.2023”") in found.hint


def test_codes_with_dashes_and_a_website_without_scheme_are_accepted(register: Path) -> None:
    from generator.officers import issue_reply

    text = body(
        "Zmiana danych klubu",
        NIP="183-016-61-38",
        REGON="123 456 785",
        Strona_internetowa="przystan-ostroda.org.pl",
    )
    outcome = zgloszenie.submit(register, text, AS_OF, write=False)
    assert outcome.accepted, [str(p) for p in outcome.errors + outcome.problems]
    assert outcome.request is not None
    values = outcome.request.values
    assert values["kluby.nip"] == "1830166138"
    assert values["kluby.regon"] == "123456785"
    assert values["kluby.www"] == "https://przystan-ostroda.org.pl"
    reply = issue_reply.markdown(outcome, load_register(register), AS_OF)
    assert "https://" in reply and "dopisano" in reply


def test_a_club_id_differing_in_case_or_letters_gets_a_suggestion(register: Path) -> None:
    for typed in ("Kolbudy", "kołbudy"):
        text = body("Nowa usługa klubu", club_id=typed, Usługi="doradztwo zawodowe")
        (found,) = zgloszenie.submit(register, text, AS_OF, write=False).errors
        assert found.code == "form-club-unknown-similar"
        assert "„kolbudy”" in found.hint


def test_the_reply_states_the_clubs_resulting_status(register: Path) -> None:
    from generator.officers import issue_reply

    line = "2021-02-01; certyfikat sprzed rejestru; KIS-22-2021-005"
    text = new_club(line, **{"Data wpisu do rejestru wojewody": "2020-01-02"})
    outcome = zgloszenie.submit(register, text, AS_OF, write=False)
    assert outcome.accepted, [str(p) for p in outcome.errors + outcome.problems]
    raw = load_register(register)
    for said in (issue_reply.markdown(outcome, raw, AS_OF), issue_reply.text(outcome, raw, AS_OF)):
        assert "po wpisaniu klub będzie miał status: certyfikat wygasł" in said


def test_values_with_quotes_are_not_wrapped_in_more_of_them(register: Path) -> None:
    from generator.officers import issue_reply

    outcome = zgloszenie.submit(register, new_club(""), AS_OF, write=False)
    reply = issue_reply.markdown(outcome, load_register(register), AS_OF)
    assert "„Klub Integracji Społecznej «Morze»”" in reply
    assert "„Morze””" not in reply
    text = body("Zmiana danych klubu", NIP="12a45", Nazwa_klubu="Klub „Most”")
    found = zgloszenie.submit(register, text, AS_OF, write=False)
    said = issue_reply.markdown(found, load_register(register), AS_OF)
    assert "w polu „NIP”" not in said and "NIP" in said
    cis = body("Zmiana danych klubu", Nazwa_klubu="Centrum Integracji Społecznej „Most”")
    (p,) = zgloszenie.submit(register, cis, AS_OF, write=False).warnings
    assert "„Centrum Integracji Społecznej «Most»”" in p.message, p.message
