"""The register is a Frictionless data package the upstream tool accepts as it is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.registers import REGISTER

FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def upstream(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(FRICTIONLESS), "validate", str(path / "datapackage.yaml")],
                          capture_output=True, text=True)


def test_frictionless_accepts_the_shipped_register() -> None:
    result = upstream(REGISTER)
    assert result.returncode == 0, result.stdout[-3000:]


def test_frictionless_accepts_the_base_test_register(base_register: Path) -> None:
    result = upstream(base_register)
    assert result.returncode == 0, result.stdout[-3000:]


def test_kis_validate_accepts_the_shipped_register() -> None:
    from datetime import date

    from generator.validation.validate import validate

    report = validate(REGISTER, date(2026, 11, 22))
    assert [str(p) for p in report.problems] == []
    assert sum(len(t.rows) for t in report.raw.of_kind("kluby")) >= 48
