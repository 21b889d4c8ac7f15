"""Run the fuzz targets for a while: ``.venv/bin/python -m tests.fuzz.run --minutes 10``.

The time is shared by the targets in turns (batches of generated cases, each batch with a new
seed); at the end the cases run and the time per target are printed, with every failure found
(Hypothesis shrinks it to a small example first). Exit status 1 when anything failed.

Lives in tests/ rather than bench/: it reuses the test helpers and the same properties as the
short run in the test suite (tests/fuzz/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections import defaultdict

from hypothesis import HealthCheck, Phase, given, seed, settings

from tests.fuzz import targets

BATCH = {"story": 500, "issue": 50, "cell": 10}  # cases per turn: each turn takes seconds


def _batch(name: str, number: int) -> None:
    check, strategy = targets.TARGETS[name]

    @seed(number)
    @settings(max_examples=BATCH[name], deadline=None, database=None, derandomize=False,
              phases=[Phase.generate, Phase.shrink],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(value: object) -> None:
        check(value)  # type: ignore[operator]

    run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--target", choices=sorted(targets.TARGETS), action="append")
    args = parser.parse_args(argv)
    names = args.target or list(targets.TARGETS)
    spent: dict[str, float] = defaultdict(float)
    failures: dict[str, list[str]] = defaultdict(list)
    end = time.monotonic() + args.minutes * 60
    turn = 0
    while time.monotonic() < end:
        name = min(names, key=lambda n: spent[n])  # the least-run target goes next
        start = time.monotonic()
        try:
            _batch(name, turn)
        except Exception:  # a property failed: keep the shrunk example, go on with the others
            failures[name].append(traceback.format_exc(limit=-3))
        spent[name] += time.monotonic() - start
        turn += 1
    total = sum(targets.COUNTS.values())
    for name in names:
        print(f"{name:6} {targets.COUNTS[name]:8d} cases  {spent[name]:8.1f} s  "
              f"{len(failures[name])} failing batch(es)")
    print(f"total  {total:8d} cases  {sum(spent.values()):8.1f} s  ({turn} batches)")
    for name, found in failures.items():
        for text in found:
            print(f"\n--- {name} ---\n{text}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
