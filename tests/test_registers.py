"""The tests' register factories (tests/registers.py): what they make is valid, and the model
factory describes the same reference tables as the files the file factory writes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.api import read_register
from generator.validation.validate import validate
from tests.registers import (
    SMALL_AS_OF,
    make_register,
    model_club,
    model_history,
    register_model,
)


def test_an_empty_register_is_valid_and_has_no_problem(tmp_path: Path) -> None:
    report = validate(make_register(tmp_path / "register", clubs=(), stories={}), SMALL_AS_OF)
    assert report.problems == []


def test_the_model_factory_agrees_with_the_files_of_the_file_factory(tmp_path: Path) -> None:
    read = read_register(make_register(tmp_path / "register"), SMALL_AS_OF)
    made = register_model(read.clubs, read.stories)
    # criteria and the access labels are not part of the model factory's register
    assert made == replace(read, criterion_groups=(), criteria=(), access_labels={})


def test_the_model_factory_keeps_the_voivodeships_asked_for() -> None:
    club = model_club("kolbudy", "22", events=model_history("kolbudy", "2024-03-01",
                                                             "KIS-22-2024-003"))
    register = register_model((club,), teryts=("22", "14"))
    assert [v.teryt for v in register.voivodeships] == ["14", "22"]
    assert register.clubs == (club,)
