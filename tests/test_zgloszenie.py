"""``kis zgloszenie``: an issue filed with the form becomes a checked change of the CSV files."""

from __future__ import annotations

import functools
import io
from datetime import date
from pathlib import Path

import pytest

from generator.cli import main
from generator.officers import csv_edit, issue_form
from generator.officers import submission as zgloszenie
from generator.officers.csv_edit import Edit
from generator.officers.git_revisions import digests
from generator.register.load import load_register
from generator.validation.validate import validate
from tests.change_fixtures import (
    SHIPPED,
    add_rows,
    certification,
    club,
    csv_line,
    make_register,
)

AS_OF = date(2026, 1, 31)

# An issue exactly as GitHub renders the form (abridged: empty sections may also be left out).
SAMPLE = """### Rodzaj zmiany

Nowe zdarzenie w procesie certyfikacji

### Województwo

pomorskie

### Identyfikator klubu

kolbudy

### Nazwa klubu

_No response_

### Data zdarzenia

2025-12-01

### Rodzaj zdarzenia

zgłoszenie przedłużenia certyfikatu

### Numer certyfikatu

_No response_

### Uwagi do zdarzenia

zmiana adresu, "nowy" lokal

### Dane osobowe

- [X] Potwierdzam, że zgłoszenie nie zawiera danych osobowych osób fizycznych.
"""


@pytest.fixture
def register(tmp_path: Path) -> Path:
    root = make_register(tmp_path / "register")
    add_rows(root, "pomorskie", "kluby", [club("kolbudy", www="https://ops.kolbudy.pl/kis")])
    add_rows(root, "pomorskie", "zdarzenia", certification("kolbudy"))
    add_rows(root, "pomorskie", "uslugi", [{"klub_id": "kolbudy", "usluga": "poradnictwo_prawne"}])
    add_rows(
        root,
        "slaskie",
        "kluby",
        [club("katowice", wojewodztwo="24", kod_pocztowy="40-001", miejscowosc="Katowice")],
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
    return issue_form.fields(load_register(SHIPPED))


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
    assert answers["Uwagi do zdarzenia"] == 'zmiana adresu, "nowy" lokal'
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
    assert "zdarzenia.csv: dopisano 1 wiersz" in out
    assert "Rejestr po zmianie jest poprawny (stan na 2026-01-31)." in out
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
            "Data zdarzenia": "2025-03-10",
            "Rodzaj zdarzenia": "złożenie wniosku o certyfikat",
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


def test_polish_date_is_accepted(register: Path, tmp_path: Path) -> None:
    text = body(
        "Wykreślenie klubu z rejestru",
        **{"Data zdarzenia": "3.02.2025", "Uwagi do zdarzenia": "klub zlikwidowany"},
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
        "„mazowsze” w polu „Województwo” nie jest nazwą województwa; wybierz jedną z: "
        "dolnośląskie, kujawsko-pomorskie",
    ),
    "no-voivodeship": (
        body("Nowa usługa klubu", "", Usługi="doradztwo zawodowe"),
        "brak województwa w polu „Województwo”",
    ),
    "bad-date": (
        body(
            "Nowe zdarzenie w procesie certyfikacji",
            **{"Data zdarzenia": "2025-02-30", "Rodzaj zdarzenia": "cofnięcie certyfikatu"},
        ),
        "„2025-02-30” w polu „Data zdarzenia” nie jest poprawną datą; wpisz datę jako RRRR-MM-DD",
    ),
    "missing-club": (
        body(
            "Nowe zdarzenie w procesie certyfikacji",
            club_id="nieznany",
            **{"Data zdarzenia": "2025-02-03", "Rodzaj zdarzenia": "cofnięcie certyfikatu"},
        ),
        "klubu „nieznany” nie ma w rejestrze",
    ),
    "club-of-another-voivodeship": (
        body("Nowa usługa klubu", "pomorskie", "katowice", Usługi="doradztwo zawodowe"),
        "klub „katowice” jest w rejestrze innego województwa (województwo śląskie), niż wybrano "
        "w zgłoszeniu (województwo pomorskie)",
    ),
    "existing-club-as-new": (
        body("Nowy klub", **{"Nazwa klubu": "KIS"}),
        "klub „kolbudy” jest już w rejestrze (województwo pomorskie)",
    ),
    "new-club-without-required-fields": (
        body("Nowy klub", club_id="nowy", **{"Nazwa klubu": "Klub Nowy"}),
        "przy zmianie „Nowy klub” wypełnij pola: „Instytucja tworząca klub”, "
        "„Rodzaj instytucji tworzącej”, „Ulica i numer”, „Kod pocztowy”, „Miejscowość”, "
        "„Data wpisu do rejestru wojewody”, „Data zdarzenia”, „Rodzaj zdarzenia”",
    ),
    "field-of-another-kind": (
        body("Zmiana danych klubu", Telefon="58 123 45 67", **{"Data zdarzenia": "2025-01-01"}),
        "pole „Data zdarzenia” nie dotyczy zmiany „Zmiana danych klubu”",
    ),
    "no-new-value": (
        body("Zmiana danych klubu", Miejscowość="Kolbudy"),
        "zgłoszenie nie zmienia żadnej wartości",
    ),
    "unknown-kind": (
        body("Usunięcie klubu"),
        "„Usunięcie klubu” w polu „Rodzaj zmiany” nie jest jednym z rodzajów",
    ),
    "unknown-event-type": (
        body(
            "Nowe zdarzenie w procesie certyfikacji",
            **{"Data zdarzenia": "2025-02-03", "Rodzaj zdarzenia": "kontrola"},
        ),
        "„kontrola” w polu „Rodzaj zdarzenia” nie jest jedną z wartości do wyboru",
    ),
    "service-already-there": (
        body("Nowa usługa klubu", Usługi="poradnictwo prawne"),
        "klub „kolbudy” ma już usługę „poradnictwo prawne”",
    ),
    "strike-off-with-other-event": (
        body(
            "Wykreślenie klubu z rejestru",
            **{"Data zdarzenia": "2025-02-03", "Rodzaj zdarzenia": "cofnięcie certyfikatu"},
        ),
        "przy wykreśleniu klubu pole „Rodzaj zdarzenia” zostaw puste",
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
        **{
            "Data zdarzenia": "2025-01-15",
            "Rodzaj zdarzenia": "wydanie certyfikatu KIS na 3 lata",
            "Numer certyfikatu": "KIS-24-2025-001",
        },
    )
    assert run(register, text, tmp_path) == 1
    out = capsys.readouterr().out
    assert out.startswith("Po wprowadzeniu zgłoszenia rejestr miałby błędy:\n")
    # the location is in the real register, not in the temporary copy that was checked
    assert (
        f"{register}/wojewodztwa/slaskie/zdarzenia.csv:3:3: zdarzenie „certyfikat_wydany” "
        "nie może nastąpić bezpośrednio po „wniosek_zlozony”"
    ) in out
    assert "kis-zgloszenie-" not in out
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
        **{
            "Data zdarzenia": "2025-01-15",
            "Rodzaj zdarzenia": "wydanie certyfikatu KIS na 3 lata",
            "Numer certyfikatu": "KIS-24-2025-001",
        },
    )
    assert run(register, text, tmp_path) == 1
    out = capsys.readouterr().out
    assert "certyfikat_wydany" in out
    assert "brak_takiej" not in out


# --- pure parts -----------------------------------------------------------------------------


def test_event_is_inserted_in_date_order(register: Path) -> None:
    raw = load_register(register)
    answers = zgloszenie.parse_body(
        body(
            "Nowe zdarzenie w procesie certyfikacji",
            **{"Data zdarzenia": "2024-04-02", "Rodzaj zdarzenia": "cofnięcie certyfikatu"},
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
