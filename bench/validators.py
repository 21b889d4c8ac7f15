"""``kis validate`` against frictionless validating the same data package alone.

Run as a child process: ``python -m bench.validators (kis|frictionless) REGISTER AS_OF``; prints
one JSON line with the in-process seconds and whether the package is valid. The caller times the
whole process (imports included), as a person running either command would.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from datetime import date
from pathlib import Path
from typing import Any


def frictionless_validate(register: Path) -> dict[str, Any]:
    import frictionless

    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = frictionless.Package(str(register / "datapackage.yaml")).validate()
    return {"seconds": time.perf_counter() - start, "valid": bool(report.valid),
            "errors": len(report.flatten(["type"]))}


def kis_validate(register: Path, as_of: date) -> dict[str, Any]:
    from generator.validation.validate import validate

    start = time.perf_counter()
    report = validate(register, as_of)
    return {"seconds": time.perf_counter() - start, "valid": report.valid,
            "errors": len(report.problems)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.validators")
    parser.add_argument("which", choices=("kis", "frictionless"))
    parser.add_argument("register", type=Path)
    parser.add_argument("as_of", type=date.fromisoformat)
    args = parser.parse_args(argv)
    if args.which == "kis":
        result = kis_validate(args.register, args.as_of)
    else:
        result = frictionless_validate(args.register)
    sys.stdout.write(json.dumps(result, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
