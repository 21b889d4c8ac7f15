"""What the register rules say: names, not codes or jargon; the likeliest fix first."""

from __future__ import annotations

from pathlib import Path

from generator.validation.validate import validate
from tests.conftest import AS_OF
from tests.registers import apply_edit, make_bad, make_base

CLUBS = "wojewodztwa/pomorskie/kluby.csv"
EVENTS = "wojewodztwa/pomorskie/zdarzenia.csv"
KOLBUDY = ("kolbudy,Klub Integracji Społecznej,22,Gminny Ośrodek Pomocy Społecznej w Kolbudach,"
           "ops,,,,ul. Wybickiego 28,83-050,Kolbudy,58 682 71 00,gops@kolbudy.pl,,54.2690,18.4560,"
           "2021-05-04,\n")


def test_a_repeated_club_row_names_the_club_only(tmp_path: Path) -> None:
    root = make_base(tmp_path / "r")
    apply_edit(root, {"file": CLUBS, "append": KOLBUDY})
    [p] = validate(root, AS_OF).problems
    assert p.code == "key-duplicate" and p.line == 4
    assert p.message == "ten sam klub („kolbudy”) jest już w wierszu 3"
    assert "usuń powtórzony wiersz" in p.hint
    assert "klucz" not in p.message + p.hint and "Gminny" not in p.message


def test_a_repeated_event_names_its_club_type_and_date(tmp_path: Path) -> None:
    root = make_bad(tmp_path / "r", "event-duplicate-row")
    [p] = [p for p in validate(root, AS_OF).problems if p.code == "key-duplicate"]
    assert p.message == ("to samo zdarzenie („kolbudy, wniosek_dopuszczony, 2026-09-20”) jest już "
                         "w wierszu 13")


def test_the_allowed_next_steps_follow_the_process(tmp_path: Path) -> None:
    root = make_base(tmp_path / "r")
    apply_edit(root, {"file": EVENTS, "replace": ["gdansk-przymorze,2025-01-15,zgloszenie_przed",
                                                  "gdansk-przymorze,2025-01-15,audyt_rozpoczety,,"
                                                  "\ngdansk-przymorze,2025-01-16,zgloszenie_przed"]})
    [p] = [p for p in validate(root, AS_OF).problems if p.code == "event-transition"]
    assert p.hint.startswith("po „certyfikat_wydany” dozwolone są: zgloszenie_przedluzenia, "
                             "certyfikat_cofniety, klub_wykreslony, wniosek_zlozony;")


def test_a_certificate_number_of_another_voivodeship_names_both(tmp_path: Path) -> None:
    root = make_bad(tmp_path / "r", "certificate-number-wrong-voivodeship")
    [p] = [p for p in validate(root, AS_OF).problems if p.code == "certificate-number-voivodeship"]
    assert p.message == ("numer certyfikatu „KIS-14-2022-001” ma kod województwa 14 "
                         "(mazowieckie), a klub jest z województwa pomorskiego (kod 22)")
    assert p.proposal == "KIS-22-2022-001"


def test_a_club_of_another_voivodeship_is_one_problem_in_words(tmp_path: Path) -> None:
    root = make_bad(tmp_path / "r", "club-voivodeship-from-another")
    [p] = validate(root, AS_OF).problems
    assert p.message == ("klub ma województwo śląskie, ale jego kod pocztowy, współrzędne i numery "
                         "certyfikatów wskazują województwo małopolskie")
    assert "sprawdź, czy klub jest w pliku właściwego województwa" in p.hint
    assert "wojewodztwa/malopolskie" in p.hint and "KIS-24" not in p.hint


def test_one_disagreeing_value_is_still_a_typo_in_that_value(tmp_path: Path) -> None:
    """Postal code and point agree with the club: its number is the one to correct."""
    root = make_bad(tmp_path / "r", "certificate-number-wrong-voivodeship")
    codes = {p.code for p in validate(root, AS_OF).problems}
    assert codes == {"certificate-number-voivodeship"}


def test_a_wrong_code_in_the_row_names_both_voivodeships(tmp_path: Path) -> None:
    root = make_bad(tmp_path / "r", "voivodeship-code-wrong-with-certificates")
    [p] = validate(root, AS_OF).problems
    assert p.message == ("klub ma kod województwa 14 (mazowieckie), a plik leży w folderze "
                         "wojewodztwa/pomorskie, czyli województwa pomorskiego (kod 22)")
