"""One search over a whole column finds exactly the cells a search of each cell would find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.validation.rules import cells, personal_data, plain_text, text

PATTERNS = [personal_data.CANDIDATE, *personal_data.policy().scans, text.NOT_PRINTABLE_ASCII,
            text.DOUBLE_SPACE, plain_text.MARKUP_START]
PIECES = ["", " ", "  ", "|", "@", "a", "Ł", "\u00a0", "\u202e", "\t", "\n", "-", "+48 ", "601",
          "234", "567", "12345678903", "ABC123456", "Anna ", "<b>", "&amp;", "gmail.com", "9"]
cell_values = st.lists(st.lists(st.sampled_from(PIECES), max_size=8).map("".join), max_size=12)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(cell_values)
def test_column_search_is_the_search_of_each_cell(values: list[str]) -> None:
    col = cells.Column(values)
    for pattern in PATTERNS:
        each = {v for v in values if pattern.search(v)}
        found = col.values_with(pattern)
        assert each <= found, pattern.pattern  # none missed
        assert found - each <= {v for v in values if cells.SEPARATOR in v}, pattern.pattern


@settings(max_examples=300, deadline=None, derandomize=True)
@given(cell_values)
def test_text_suspects_are_the_cells_failing_the_first_test(values: list[str]) -> None:
    def plain(v: str) -> bool:
        return v.isascii() and v.isprintable() and "  " not in v and v == v.strip()

    failing = {v for v in values if not plain(v)}
    found = text.suspects(cells.Column(values))
    assert failing <= found
    assert found - failing <= {v for v in values if cells.SEPARATOR in v}


def test_rows_of_gives_every_row_of_the_values_in_order() -> None:
    col = cells.Column(["a", "b", "a", "", "c"])
    assert col.distinct == ["a", "b", "", "c"]
    assert col.rows_of({"a", "c"}) == [0, 2, 4]
    assert col.values_with(re.compile("[ac]")) == {"a", "c"}
