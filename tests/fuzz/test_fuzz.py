"""The short fuzz run of the test suite: a few hundred cases over the three targets (#17).

The long run is ``.venv/bin/python -m tests.fuzz.run --minutes 10`` (see tests/fuzz/run.py):
the same properties, with new seeds, for as long as it is given. Here the slow targets get few
cases (an issue body is a whole submission checked; a club file, a whole register validated).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from tests.fuzz import targets

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


@settings(max_examples=300, deadline=None, suppress_health_check=SLOW, derandomize=True)
@given(targets.story_file)
def test_story_checks_and_html_hold_for_any_story(text: str) -> None:
    targets.story(text)


@settings(max_examples=40, deadline=None, suppress_health_check=SLOW, derandomize=True)
@given(targets.issue_body())
def test_any_issue_body_is_a_located_rejection_or_a_valid_change(body: str) -> None:
    targets.issue(body)


@settings(max_examples=8, deadline=None, suppress_health_check=SLOW, derandomize=True)
@given(targets.club_file())
def test_any_cell_gives_located_problems_or_a_model(data: bytes) -> None:
    targets.cell(data)
