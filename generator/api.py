"""The library's front door: read a register into the model, or get its problems."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.problems import Problem, ProblemsError
from generator.register.build_model import build_register
from generator.register.model import Register
from generator.validation.validate import Report, validate


class InvalidRegister(ProblemsError):
    """The register has problems; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems, f"{len(problems)} problem(s) in the register")


def read_register(root: Path, as_of: date | None = None) -> Register:
    """Validate ``root`` on ``as_of`` (default: today) and build the model."""
    return model_of(validate(root, as_of or date.today()))


def model_of(report: Report) -> Register:
    """The model of a register :func:`validate` has already checked (validated once)."""
    if not report.valid:
        raise InvalidRegister(report.problems)  # warnings too: the officer sees all
    return build_register(report.raw)
