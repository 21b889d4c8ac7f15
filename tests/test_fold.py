"""One Polish folding function (generator.polish.fold) behind every comparison of texts."""

from __future__ import annotations

import pytest

from generator import polish
from generator.officers import event_lines, sheet_columns
from generator.parts import search
from generator.validation.rules import plausibility, references

SAMPLES = ["Łódź", "ZAŻÓŁĆ GĘŚLĄ JAŹŃ", "Klub  „Przystań”, ul. Kołobrzeska 41", "Café Müller",
           "  wniosek-przyjęty  ", "KIS-22-2024-001"]


@pytest.mark.parametrize(("text", "words", "code", "kept"), [
    ("Łódź", "lodz", "lodz", "lodz"),
    ("Klub  „Przystań”!", "klub przystan", "klub_przystan", "klub  „przystan”!"),
    ("Wniosek przyjęty", "wniosek przyjety", "wniosek_przyjety", "wniosek przyjety"),
    ("ŻÓŁW-ĆMA", "zolw cma", "zolw_cma", "zolw-cma"),
])
def test_fold_words_code_and_kept(text: str, words: str, code: str, kept: str) -> None:
    assert polish.fold(text) == words
    assert polish.fold(text, "_") == code
    assert polish.fold(text, None) == kept


@pytest.mark.parametrize("text", SAMPLES)
def test_every_caller_folds_through_polish(text: str) -> None:
    assert event_lines.fold(text) == polish.fold(text)
    assert sheet_columns.fold(text) == polish.fold(text)
    assert plausibility.folded(text) == polish.fold(text)
    assert references._folded(text) == polish.fold(text, "_")
    assert search.fold(text) == polish.fold(text, None)


def test_a_code_typed_as_words_is_found() -> None:
    assert references.closest_code("Wniosek Przyjęty", ["wniosek_przyjety", "wniosek_zlozony"]) \
        == "wniosek_przyjety"
