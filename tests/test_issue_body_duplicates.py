"""A field repeated in an issue body is rejected, located and named, never "first wins" (#17)."""

from __future__ import annotations

from generator.officers import submission
from generator.register.load import load_register
from tests.registers import REGISTER

BODY = """### Rodzaj zmiany

Nowe zdarzenie w procesie certyfikacji

### Województwo

pomorskie

### Identyfikator klubu

kolbudy

### Zdarzenia

2024-01-10; złożenie wniosku o certyfikat

### Identyfikator klubu

gdansk-przymorze

### Zgoda

- [X] Potwierdzam, że zgłoszenie nie zawiera danych osobowych osób fizycznych.
"""


def test_a_repeated_field_is_an_error_naming_it_and_its_line() -> None:
    answers = submission.read_answers(BODY, "zgloszenie.md")
    request, errors = submission.read_request(answers, load_register(REGISTER))
    assert request is None
    found = [e for e in errors if e.code == "form-duplicate-section"]
    assert len(found) == 1
    problem = found[0]
    assert problem.field == "Identyfikator klubu"
    assert problem.path == "zgloszenie.md"
    assert problem.line == BODY.splitlines().index("### Identyfikator klubu", 10) + 1
    assert "„Identyfikator klubu” występuje w zgłoszeniu 2 razy" in problem.message


def test_a_body_without_repeats_has_none() -> None:
    once = BODY.replace("### Identyfikator klubu\n\ngdansk-przymorze\n\n", "")
    answers = submission.read_answers(once)
    assert answers.repeated == {}
    _, errors = submission.read_request(answers, load_register(REGISTER))
    assert not [e for e in errors if e.code == "form-duplicate-section"]
