"""One ``kis build`` taken apart: every stage of :mod:`generator.site.build` timed on its own.

Run as a child process: ``python -m bench.stages REGISTER WORK CACHE AS_OF [--exclude MODULE]``.
It calls the builder's stage functions in the builder's order — validate, build the model, each
contributor's ``site_files`` (maps and PDF rendering timed inside them), write the docs tree,
mkdocs, the pages written into mkdocs' shells — into ``WORK`` (left in place for the caller to
measure, then removed by it), and prints one JSON line. A contributor that fails is recorded
and left out, so the other stages are still measured while a part of the site is unfinished.
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from bench.clock import Clock

# Part name (generator.website.PARTS) → stage name in the results.
STAGE_NAMES = {
    "strony": "pages",
    "zasoby": "static",
    "otwarte dane": "open data",
    "wyszukiwarka": "search index",
    "formularze": "forms",
    "zakładanie klubu": "founding",
    "komunikaty": "messages",
    "statystyki": "statistics",
}
MAP_FUNCTIONS = ("boundaries", "national", "voivodeship", "locator")
# What the filled documents (#20) cost inside the parts that show them: filling a club's card or
# a certificate and hashing its key, its HTML fragment (stage "filled documents").
FILLED_METHODS = ("card", "certificate", "html")
NESTED = ("maps", "filled documents")  # stages timed inside others, taken out of them



class PdfTimes:
    """The forms' PDF renderings of one build: each from its start (HTML for WeasyPrint, starting
    the workers) to the moment its last worker ended, however late the build waited for it."""

    def __init__(self) -> None:
        self.runs: list[tuple[float, Any]] = []  # (start, pdf_worker.Rendering)

    @property
    def seconds(self) -> float:
        return sum(rendering.ended - start for start, rendering in self.runs)

    @property
    def pdfs(self) -> int:
        return sum(len(rendering) for _, rendering in self.runs)


def time_forms_rendering(clock: Clock) -> PdfTimes:
    """Time the PDF renderings (:class:`PdfTimes`), and the font subsetting as stage ``fonts``."""
    times = PdfTimes()
    pdf = importlib.import_module("generator.parts.documents.pdf")
    site = importlib.import_module("generator.parts.documents.site")
    clock.wrap(site, "prepare_fonts", "fonts")
    start_pdfs = pdf.start_pdfs

    def timed(jobs: list[Any]) -> Any:
        start = time.perf_counter()
        rendering = start_pdfs(jobs)
        times.runs.append((start, rendering))
        return rendering

    pdf.start_pdfs = timed
    return times


def time_maps(clock: Clock) -> None:
    """Time the map drawing called from the pages as stage ``maps``."""
    maps = importlib.import_module("generator.parts.maps")
    for name in MAP_FUNCTIONS:
        clock.wrap(maps, name, "maps")


def time_filled(clock: Clock) -> None:
    """Time the filled documents, wherever they are made, as stage ``filled documents``."""
    filled = importlib.import_module("generator.parts.documents.filled_docs")
    for name in FILLED_METHODS:
        clock.wrap(filled.FilledDocuments, name, "filled documents")


@contextmanager
def outside_maps(clock: Clock, stage: str) -> Iterator[None]:
    """Time ``stage`` without the stages timed inside it (:data:`NESTED`: maps, filled
    documents)."""
    seconds = {n: clock.seconds.get(n, 0.0) for n in NESTED}
    cpu = {n: clock.cpu.get(n, 0.0) for n in NESTED}
    with clock.stage(stage):
        yield
    for n in NESTED:
        clock.seconds[stage] -= clock.seconds.get(n, 0.0) - seconds[n]
        clock.cpu[stage] -= clock.cpu.get(n, 0.0) - cpu[n]


def staged_build(register: Path, work: Path, cache: Path, as_of: date,
                 exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Build the site stage by stage into ``work``; the timings and sizes as a dict."""
    from generator.register.build_model import build_register
    from generator.site import build, pending, theme
    from generator.site.context import SiteContext
    from generator.validation.validate import validate
    from generator.website import PARTS

    clock = Clock()
    time_maps(clock)
    time_filled(clock)
    pdfs = time_forms_rendering(clock)
    failed: dict[str, str] = {}
    start, start_cpu = time.perf_counter(), time.process_time()
    with clock.stage("validate"):
        report = validate(register, as_of)
    if not report.valid:
        raise SystemExit(f"the register {register} has {len(report.problems)} problem(s)")
    with clock.stage("model"):
        model = build_register(report.raw)
    ctx = SiteContext(as_of=as_of, register_root=register, cache_dir=cache)
    files: dict[str, Any] = {}
    for part in PARTS:
        if part.name in exclude:
            continue
        stage = STAGE_NAMES.get(part.name, part.name)
        try:
            with outside_maps(clock, stage):
                produced = part.site_files(model, ctx)
        except Exception as err:  # a failing part must not stop the benchmark
            failed[part.name] = f"{type(err).__name__}: {err}"[:300]
            continue
        for path, content in produced.items():
            files.setdefault(path, content)
    files = dict(sorted(files.items()))
    work.mkdir(parents=True, exist_ok=True)
    with outside_maps(clock, "docs tree"):
        split = build.plan_pages(model, files)
        config = build.write_tree(work, model, split.pages.docs, ctx)
    mkdocs_error = ""
    with clock.stage("mkdocs"):
        try:
            build.run_mkdocs(config, as_of)
        except build.BuildFailed as err:
            mkdocs_error = "; ".join(p.message for p in err.problems)[:1000]
    with outside_maps(clock, "shell pages"):
        if not mkdocs_error:
            theme.squeeze_site(work / "site")
            build.patch_site(work / "site", split, config, as_of)
    pending.cancel_all(split.pending.values())
    with clock.stage("finish"):
        for part in build.PRUNE:
            shutil.rmtree(work / "site" / part, ignore_errors=True)
    total, total_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the PDF workers: no other children
    if pdfs.runs:
        clock.seconds["pdf"] = pdfs.seconds
        clock.cpu["pdf"] = workers.ru_utime + workers.ru_stime
    return {
        "clubs": len(model.clubs),
        "stages": dict(clock.seconds),
        "stages_cpu": dict(clock.cpu),
        "pdfs_rendered": pdfs.pdfs,
        "total": total,
        "total_cpu": total_cpu,
        "failed": failed,
        "mkdocs_error": mkdocs_error,
        **page_stats(files),
        "mkdocs_pages": sum(1 for p in split.pages.docs if p.endswith(".md")),
    }


def page_stats(files: dict[str, Any]) -> dict[str, int]:
    """How many Markdown pages the docs tree has and how big they are."""
    sizes = {p: len(_bytes(c)) for p, c in files.items() if p.endswith(".md")}
    clubs = [s for p, s in sizes.items() if p.startswith("kluby/")]
    return {
        "md_pages": len(sizes),
        "md_bytes": sum(sizes.values()),
        "club_md_median": int(statistics.median(clubs)) if clubs else 0,
        "docs_files": len(files),
    }


def _bytes(content: Any) -> bytes:
    from generator.site.markdown_page import text_of

    text = text_of(content)
    return text.encode() if isinstance(text, str) else text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stages")
    parser.add_argument("register", type=Path)
    parser.add_argument("work", type=Path)
    parser.add_argument("cache", type=Path)
    parser.add_argument("as_of", type=date.fromisoformat)
    parser.add_argument("--exclude", action="append", default=[])
    args = parser.parse_args(argv)
    result = staged_build(args.register, args.work, args.cache, args.as_of,
                          frozenset(args.exclude))
    sys.stdout.write(json.dumps(result, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
