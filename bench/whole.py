"""The whole ``kis build``, as the command runs it, with the forms' cache in a folder of our own.

Run as a child process: ``python -m bench.whole REGISTER OUT CACHE AS_OF [--exclude MODULE]``.
It calls :func:`generator.site.build.build_site` with the parts ``kis build`` uses; prints a
JSON line with the result, the seconds spent rendering PDFs (in worker processes) and the peak
memory of the build, its forked copy and its PDF workers together (:mod:`bench.tree_memory`).
``--exclude`` leaves an unfinished contributor out of the builder's list.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.clock import Clock
from bench.stages import time_forms_rendering
from bench.tree_memory import TreePeak


def whole_build(register: Path, out: Path, cache: Path, as_of: date,
                exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    from generator.site import build
    from generator.website import PARTS

    parts = [part for part in PARTS if part.name not in exclude]
    clock = Clock()
    pdfs = time_forms_rendering(clock) if "formularze" not in exclude else None
    start = time.perf_counter()
    try:
        with TreePeak() as tree:
            result = build.build_site(register, out, as_of, parts=parts, cache_dir=cache)
    except build.BuildFailed as err:
        return {"ok": False, "error": "; ".join(p.message for p in err.problems)[:1000]}
    seconds = time.perf_counter() - start
    pdf = (pdfs.seconds if pdfs else 0.0) + clock.seconds.get("fonts", 0.0)
    rendered = pdfs.pdfs if pdfs else 0
    return {"ok": True, "clubs": result.clubs, "files": result.files, "in_process": seconds,
            "pdf": pdf, "pdfs_rendered": rendered, **peaks(tree.mb)}


def peaks(tree_mb: float) -> dict[str, float]:
    """Peak memory: of this process alone, of its largest child (the forked copy or a PDF
    worker), and ``tree_peak_mb``, the sampled peak of their sum (PSS: shared pages once)."""
    main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"main_peak_mb": main, "child_peak_mb": child, "tree_peak_mb": tree_mb}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.whole")
    parser.add_argument("register", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("cache", type=Path)
    parser.add_argument("as_of", type=date.fromisoformat)
    parser.add_argument("--exclude", action="append", default=[])
    args = parser.parse_args(argv)
    result = whole_build(args.register, args.out, args.cache, args.as_of,
                         frozenset(args.exclude))
    sys.stdout.write(json.dumps(result, sort_keys=True) + "\n")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
