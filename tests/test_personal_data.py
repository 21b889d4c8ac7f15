"""Personal data (issue 17): national identifiers are errors, private contacts warnings.

The bad-register corpus has the error cases (pesel-in-remarks, id-card-in-service-description,
pesel-in-story); here are the warnings (the register stays valid), the masking of identifiers,
the patterns themselves, and the same checks reached through ``kis zgloszenie``.
"""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.officers import submission
from generator.validation.rules.personal_data import mask, policy, text_findings
from generator.validation.validate import validate
from tests.registers import apply_edit, make_base
from tests.test_zgloszenie import body, register  # noqa: F401 - the fixture

AS_OF = date(2026, 11, 22)
CLUBS = "wojewodztwa/pomorskie/kluby.csv"
SERVICES = "wojewodztwa/pomorskie/uslugi.csv"
STORY = "dobre-praktyki/grupa-wsparcia-na-przymorzu.md"
PESEL = "44051401359"  # checksum-valid, born 14 May 1944

WARNING_CASES: dict[str, dict[str, Any]] = {
    "private-email-in-description": {
        "zmiany": [{"file": SERVICES, "replace": [
            "doradztwo_zawodowe,we współpracy z PUP",
            "doradztwo_zawodowe,zapisy: anna.nowak@gmail.com"]}],
        "oczekiwane": [("personal-email", SERVICES, 2, 3)],
    },
    "private-email-as-club-address": {
        "zmiany": [{"file": CLUBS, "replace": ["gops@kolbudy.pl", "lukasz_wisniewski@wp.pl"]}],
        "oczekiwane": [("personal-email", CLUBS, 3, 13)],
    },
    "private-mobile-with-name-in-address": {
        "zmiany": [{"file": CLUBS, "replace": [
            "ul. Wybickiego 28", "ul. Wybickiego 28 (kontakt: Małgorzata 601 234 567)"]}],
        "oczekiwane": [("personal-phone", CLUBS, 3, 9)],
    },
    "private-contact-in-story": {
        "zmiany": [{"file": STORY, "replace": [
            "o to poprosi.", "o to poprosi. Zapisy: Piotr, tel. +48 512 345 678."]}],
        "oczekiwane": [("personal-phone", STORY, 10, 58)],
    },
}


@pytest.mark.parametrize("name", WARNING_CASES)
def test_private_contact_is_a_warning_at_its_place(tmp_path: Path, name: str) -> None:
    root = make_base(tmp_path / "register")
    for edit in WARNING_CASES[name]["zmiany"]:
        apply_edit(root, edit)
    report = validate(root, AS_OF)
    assert report.valid, [str(p) for p in report.problems if p.blocking]
    found = {(p.code, p.path[-len(f):] if (f := w[1]) else p.path, p.line, p.column)
             for p in report.problems for w in WARNING_CASES[name]["oczekiwane"]}
    for want in WARNING_CASES[name]["oczekiwane"]:
        assert want in found, (want, [str(p) for p in report.problems])
    assert all(p.severity == "warning" for p in report.problems)


def test_an_identifier_is_never_shown_whole(tmp_path: Path) -> None:
    root = make_base(tmp_path / "register")
    apply_edit(root, {"file": SERVICES, "replace": [
        "we współpracy z PUP", f"uczestnik {PESEL}"]})
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["validate", str(root), "--format", "json", "--as-of", AS_OF.isoformat()])
    assert code == 1
    assert PESEL not in out.getvalue() and PESEL[:6] not in out.getvalue()
    assert "numer PESEL (44•••••••••)" in out.getvalue()


@pytest.mark.parametrize(("text", "code"), [
    (f"PESEL {PESEL}", "personal-id"),
    ("dowód: ABA300000", "personal-id"),  # the ID-card number of the specification's example
    ("paszport AB 6234567", "personal-id"),
    ("jan.kowalski@gmail.com", "personal-email"),
    ("ZOFIA-NOWAK-1@poczta.onet.pl", "personal-email"),
    ("Anna Nowak 601 234 567", "personal-phone"),
    ("tel. 0048 791-234-567, pytać o Tomasz", "personal-phone"),
])
def test_personal_data_is_found(text: str, code: str) -> None:
    assert [c for _, c, _ in text_findings(text)] == [code]


@pytest.mark.parametrize("text", [
    "44051401358",  # wrong check digit
    "44133101357",  # month 13: no such date of birth (check digit right)
    "ABA300001", "AB 1234567",  # wrong check digits
    "KIS/22/001, REGON 192345678, KRS 0000123456, NIP 5841234561",
    "kis.kolbudy@gmail.com", "jan.kowalski@kolbudy.pl",  # not a person's / not free mail
    "tel. 58 682 71 00 (Anna)",  # a landline
    "ul. Jana Pawła II 12, tel. 601 234 567",  # a street named after a person
    "2022-01-10", "54.4050",
])
def test_ordinary_register_text_is_not_personal_data(text: str) -> None:
    assert list(text_findings(text)) == []


def test_the_policy_is_data_and_its_checksums_are_right() -> None:
    rules = policy()
    assert {"gmail.com", "wp.pl", "o2.pl", "onet.pl", "interia.pl", "op.pl", "poczta.onet.pl",
            "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "tlen.pl", "gazeta.pl",
            "vp.pl"} <= rules.free_mail
    pesel, card, passport = rules.identifiers
    assert pesel.valid(PESEL) and not pesel.valid("44051401358")
    assert card.valid("ABA300000") and passport.valid("AB6234567")
    assert mask("ABA 300000") == "AB•••••••"


# --- the same through kis zgloszenie -----------------------------------------------------

def test_a_pesel_typed_into_the_form_is_refused_without_echoing_it(
    register: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    before = (register / "wojewodztwa" / "pomorskie" / "uslugi.csv").read_bytes()
    text = body("Zmiana danych klubu", **{"Ulica i numer": f"ul. Długa 5, kierownik {PESEL}"})
    outcome = submission.submit(register, text, date(2026, 1, 31), write=False)
    assert not outcome.accepted
    assert [p.code for p in outcome.problems] == ["personal-id"]
    assert outcome.problems[0].field == "Ulica i numer"
    issue = tmp_path / "issue.md"
    issue.write_text(text, encoding="utf-8")
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["zgloszenie", str(issue), "--register", str(register), "--as-of",
                     "2026-01-31"])
    assert code == 1
    assert "numer PESEL" in out.getvalue() and PESEL not in out.getvalue()
    assert (register / "wojewodztwa" / "pomorskie" / "uslugi.csv").read_bytes() == before


def test_a_private_address_typed_into_the_form_is_a_warning_in_the_reply(
    register: Path,  # noqa: F811
) -> None:
    text = body("Zmiana danych klubu", **{"Adres e-mail": "katarzyna.zielinska@o2.pl"})
    outcome = submission.submit(register, text, date(2026, 1, 31), write=False)
    assert outcome.problems == []
    (warning,) = [p for p in outcome.warnings if p.code == "personal-email"]
    assert warning.severity == "warning" and warning.field == "Adres e-mail"
    assert "o2.pl" in warning.message

