"""Profile one stage-by-stage build (or ``kis validate``) with cProfile and print the top lines.

``python -m bench.profile CLUBS [--validate] [--top 30] [--sort tottime]`` uses the synthetic
register of that size in ``bench/out/`` (written if missing) and the forms' cache of the last
benchmark run, so the build is warm unless that cache is gone. The full profile is kept in
``bench/out/profile-<CLUBS>[-validate].prof`` for snakeviz or ``python -m pstats``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
from pathlib import Path

from bench import registers
from bench.run import AS_OF, OUT


def profile(clubs: int, validate_only: bool, out: Path = OUT) -> Path:
    """Run the build (or the validation) under cProfile; the path of the saved profile."""
    from bench.stages import staged_build
    from generator.validation.validate import validate

    register = registers.ensure_register(out, clubs)
    base = out / f"kluby-{clubs}"
    work = base / "profile-work"
    target = out / f"profile-{clubs}{'-validate' if validate_only else ''}.prof"
    profiler = cProfile.Profile()
    try:
        if validate_only:
            profiler.runcall(validate, register, AS_OF)
        else:
            profiler.runcall(staged_build, register, work, base / "cache", AS_OF)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    profiler.dump_stats(target)
    return target


def top_lines(path: Path, sort: str, top: int) -> str:
    buffer = io.StringIO()
    stats = pstats.Stats(str(path), stream=buffer)
    stats.strip_dirs().sort_stats(sort).print_stats(top)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("clubs", type=int)
    parser.add_argument("--validate", action="store_true", help="profile kis validate only")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="cumulative", help="pstats sort key (cumulative, "
                        "tottime, ...)")
    args = parser.parse_args(argv)
    path = profile(args.clubs, args.validate)
    print(top_lines(path, args.sort, args.top))
    print(f"full profile: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
