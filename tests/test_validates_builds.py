"""Whatever validates must build: every bad register that stays valid (``poprawny: true``,
warnings or notices only) builds the whole site, and the schema and descriptor edits the build
relies on are stopped by validation, with a located message, before the build starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.problems import blocking
from generator.validation.validate import validate
from generator.website import build_site
from tests.conftest import AS_OF
from tests.registers import fixture_names, load_fixture, make_bad

VALID = [n for n in fixture_names() if load_fixture(n).get("poprawny")]
# cases that passed validation and then broke the build (issue 17): now refused by validation
BUILD_BREAKERS = ["descriptor-licence-string", "descriptor-licence-javascript",
                  "schema-field-without-name", "schema-relaxes-club-id",
                  "schema-drops-relied-column", "register-stray-file", "register-symlink"]


def test_there_are_valid_bad_registers() -> None:
    assert {"line-ends-mixed", "name-formula-like"} <= set(VALID)


@pytest.mark.parametrize("name", VALID)
def test_a_valid_bad_register_builds(tmp_path: Path, name: str) -> None:
    root = make_bad(tmp_path / "register", name)
    report = validate(root, AS_OF)
    assert report.valid, [str(p) for p in blocking(report.problems)]
    result = build_site(root, tmp_path / "site", AS_OF)  # the tests' PDF cache (conftest.py)
    assert result.clubs == 3
    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.parametrize("name", BUILD_BREAKERS)
def test_what_the_build_cannot_take_does_not_validate(tmp_path: Path, name: str) -> None:
    root = make_bad(tmp_path / "register", name)
    errors = blocking(validate(root, AS_OF).problems)
    assert errors
    assert all(p.path for p in errors)
