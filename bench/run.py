"""``python -m bench.run``: the build-speed and scale benchmark of issue #8.

For each register size, repeated ``--repeat`` times and interleaved so that a slow moment of the
machine hits every contender: a stage-by-stage build (cold, then warm), the whole build (cold,
then warm) and bare mkdocs-material on the same page count. Then ``kis validate`` against
frictionless on a larger register. Prints the tables and the targets, writes ``--results``.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from bench import (
    baseline,
    hugo,
    lighthouse,
    measure,
    page_weight,
    registers,
    report,
    serve_latency,
    site_sizes,
    sizes,
    targets,
)
from bench.results import ScaleResult, SizeResult, ValidateResult

PROJECT = Path(__file__).resolve().parent.parent
OUT = PROJECT / "bench" / "out"
RESULTS = PROJECT / "bench" / "RESULTS.md"
AS_OF = date(2026, 11, 22)  # the synthetic registers' statuses are written for this day
DEFAULT_SIZES = (300, 1000, 5000)
QUICK_SIZES = (300, 1000)
VALIDATE_CLUBS = 10_000
SCALE_CLUBS = 20_000


@dataclass
class Options:
    sizes: tuple[int, ...] = DEFAULT_SIZES
    repeat: int = 3
    validate_clubs: int = VALIDATE_CLUBS  # 0: no validation comparison
    scale_clubs: int = SCALE_CLUBS  # 0: no very large build
    scale_reuse_pdfs: bool = False  # the very large build starts from the run's PDF cache
    out: Path = OUT
    results: Path | None = RESULTS  # None: do not write
    exclude: tuple[str, ...] = ()
    cold: bool = True  # also time builds with an empty forms' cache
    lighthouse_runs: int = 3  # Lighthouse runs per page type on the largest site; 0: none (#19)
    serve_edits: int = 5  # edits timed in `kis serve` at targets.SMALL clubs; 0: none (#19)
    log: list[str] = field(default_factory=list)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def python(*args: str) -> list[str]:
    return [sys.executable, *args]


def _clear(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)


def staged(register: Path, work: Path, cache: Path, exclude: Sequence[str]) -> dict:
    cmd = python("-m", "bench.stages", str(register), str(work), str(cache), AS_OF.isoformat(),
                 *[f"--exclude={m}" for m in exclude])
    try:
        run = measure.run(cmd, PROJECT)
        if run.returncode:
            raise RuntimeError(f"bench.stages failed ({run.returncode}): {run.stderr[-2000:]}")
        return run.json()
    finally:
        _clear(work)


def whole(register: Path, out: Path, cache: Path, exclude: Sequence[str]
          ) -> tuple[measure.Run, dict]:
    cmd = python("-m", "bench.whole", str(register), str(out), str(cache), AS_OF.isoformat(),
                 *[f"--exclude={m}" for m in exclude])
    run = measure.run(cmd, PROJECT)
    return run, run.json()


def tree_peak(run: measure.Run, data: dict) -> float:
    """Peak memory of a whole build: its forked copy and PDF workers counted (bench.whole)."""
    return max(run.peak_mb, data.get("tree_peak_mb", 0.0))


def _cache_states(modes: tuple[bool, ...], cache: Path,
                  exclude: list[str]) -> Iterator[tuple[bool, str]]:
    """For each mode (cold first), the PDF cache emptied for a cold one; whether the build is
    cold and its name. Without cold runs the first build fills the cache; without forms
    (``exclude``, read at each step) there is none."""
    for cold in modes:
        if cold:
            _clear(cache)
        cold = not cache.exists() and "formularze" not in exclude
        yield cold, "cold" if cold else "warm"


def needs_warm_up(opts: Options, cache: Path, exclude: Sequence[str]) -> bool:
    """Whether an untimed build must come first: without cold runs, a cache left by an earlier
    run is taken as warm, but its PDFs may predate an edit of the forms or of the code that
    makes them (their keys hash both), and the first "warm" build would render them all."""
    return not opts.cold and cache.exists() and "formularze" not in exclude


def bench_size(clubs: int, opts: Options) -> SizeResult:
    """Every sample of one register size."""
    result = SizeResult(clubs)
    say(f"[{clubs} clubs] register")
    register = registers.ensure_register(opts.out, clubs)
    base = opts.out / f"kluby-{clubs}"
    work, site, bare_work = base / "work", base / "site", base / "bare"
    cache = base / "cache"  # the forms' PDFs; the same for the staged and the whole builds
    exclude = list(opts.exclude)
    modes = (True, False) if opts.cold else (False,)
    if needs_warm_up(opts, cache, exclude):
        say(f"[{clubs} clubs] warm-up build (untimed): brings the cache up to date")
        staged(register, work, cache, exclude)
    for i in range(opts.repeat):
        for cold, kind in _cache_states(modes, cache, exclude):
            say(f"[{clubs} clubs] {i + 1}/{opts.repeat} stages, {kind}")
            data = staged(register, work, cache, exclude)
            for module, why in data["failed"].items():
                result.excluded.setdefault(module, why)
                exclude += [module] if module not in exclude else []
            if data["mkdocs_error"]:
                result.errors.append(f"staged mkdocs: {data['mkdocs_error']}")
            (result.stages_cold if cold else result.stages_warm).append(data["stages"])
            (result.stages_cold_cpu if cold else result.stages_warm_cpu).append(
                data["stages_cpu"])
            if not cold:
                result.staged_total_warm.append(data["total"])
                result.staged_total_warm_cpu.append(data["total_cpu"])
                result.pdfs_rendered_warm.append(data["pdfs_rendered"])
            result.md_pages, result.md_bytes = data["md_pages"], data["md_bytes"]
            result.mkdocs_pages = data.get("mkdocs_pages", data["md_pages"])
            result.club_md_median = data["club_md_median"]
        cold_wall = None  # this repeat's cold build, paired with its warm build
        for cold, kind in _cache_states(modes, cache, exclude):
            say(f"[{clubs} clubs] {i + 1}/{opts.repeat} whole build, {kind}")
            run, data = whole(register, site, cache, exclude)
            if not data["ok"]:
                result.errors.append(f"whole build ({kind}): {data['error']}")
                continue
            if cold:
                result.whole_cold.append(run.wall)
                cold_wall = run.wall
                result.whole_cold_cpu.append(run.cpu)
                result.peak_cold_mb.append(tree_peak(run, data))
                result.pdf_cold.append(data["pdf"])
            else:
                result.whole_warm.append(run.wall)
                result.whole_warm_cpu.append(run.cpu)
                result.peak_warm_mb.append(tree_peak(run, data))
                result.pdfs_rendered_warm.append(data["pdfs_rendered"])
                if cold_wall is not None:
                    result.whole_pairs.append((cold_wall, run.wall))
            result.site_bytes = sizes.tree_bytes(site)
            result.site_files = sizes.tree_files(site)
            if not result.artifact_bytes:
                result.artifact_bytes = sizes.pages_artifact_bytes(site)
            result.heaviest_pages = page_weight.heaviest(site)
        say(f"[{clubs} clubs] {i + 1}/{opts.repeat} bare mkdocs-material, "
            f"{result.md_pages} pages")
        mean = result.md_bytes // max(1, result.md_pages)
        config = baseline.write_bare_tree(bare_work, result.md_pages, mean)
        run = measure.run(baseline.build_command(config), bare_work)
        if _timed(result, run, "bare mkdocs", result.bare, result.bare_cpu):
            result.bare_peak_mb.append(run.peak_mb)
            result.bare_site_bytes = sizes.tree_bytes(bare_work / "site")
            bench_hugo(result, bare_work, mean, base / "hugo")
        _clear(bare_work)
    return result


def bench_hugo(result: SizeResult, bare_work: Path, mean: int, work: Path) -> None:
    """Hugo on the bare yardstick's pages, in the frame bare mkdocs-material gave them."""
    if not hugo.available():
        result.errors.append("hugo is not installed (scripts/system-deps.sh bench)")
        return
    say(f"[{result.clubs} clubs] Hugo, {result.md_pages} pages")
    source = hugo.write_hugo_tree(work, bare_work / "site", result.md_pages, mean)
    _timed(result, measure.run(hugo.build_command(source), source), "hugo", result.hugo,
           result.hugo_cpu)
    _clear(work)


def _timed(result: SizeResult, run: measure.Run, what: str, wall: list[float],
           cpu: list[float]) -> bool:
    """Append the wall and CPU seconds of ``run`` (of ``what``), or its failure to the errors;
    whether it succeeded."""
    if run.returncode:
        result.errors.append(f"{what} failed: {run.stderr[-1000:]}")
        return False
    wall.append(run.wall)
    cpu.append(run.cpu)
    return True


def bench_validate(clubs: int, opts: Options) -> ValidateResult:
    result = ValidateResult(clubs)
    say(f"[validate {clubs} clubs] register")
    register = registers.ensure_register(opts.out, clubs)
    for i in range(opts.repeat):
        for which in ("frictionless", "kis"):
            say(f"[validate {clubs} clubs] {i + 1}/{opts.repeat} {which}")
            run = measure.run(python("-m", "bench.validators", which, str(register),
                                     AS_OF.isoformat()), PROJECT)
            if run.returncode:
                result.errors.append(f"{which}: {run.stderr[-1000:]}")
                continue
            data = run.json()
            if not data["valid"]:
                result.errors.append(f"{which} found {data['errors']} error(s)")
            getattr(result, which).append(run.wall)
            getattr(result, f"{which}_cpu").append(run.cpu)
            getattr(result, f"{which}_in_process").append(data["seconds"])
            getattr(result, f"{which}_peak_mb").append(run.peak_mb)
    return result


def bench_scale(clubs: int, opts: Options) -> ScaleResult:
    """One cold build and one validation of a very large register: memory, not speed.

    With ``opts.scale_reuse_pdfs`` the build keeps the PDF cache of the run's builds of the same
    register (``--sizes`` holding ``clubs``), and its own site folder: the tests' smoke run goes
    through every step without rendering every PDF twice, and its report says so."""
    result = ScaleResult(clubs, cold=not opts.scale_reuse_pdfs)
    say(f"[scale {clubs} clubs] register")
    register = registers.ensure_register(opts.out, clubs)
    base = opts.out / f"kluby-{clubs}"
    site, cache = base / ("site" if result.cold else "scale-site"), base / "cache"
    if result.cold:
        _clear(cache)
    say(f"[scale {clubs} clubs] validate")
    run = measure.run(python("-m", "bench.validators", "kis", str(register), AS_OF.isoformat()),
                      PROJECT)
    if run.returncode:
        result.errors.append(f"validate: {run.stderr[-1000:]}")
    else:
        result.validate_wall, result.validate_peak_mb = run.wall, run.peak_mb
    say(f"[scale {clubs} clubs] whole build, {'cold' if result.cold else 'PDF cache kept'}")
    run, data = whole(register, site, cache, opts.exclude)
    if not data["ok"]:
        result.errors.append(f"build: {data['error']}")
    else:
        result.build_wall, result.build_cpu = run.wall, run.cpu
        result.pdfs_rendered = data["pdfs_rendered"]
        result.build_peak_mb = tree_peak(run, data)
        result.site_mb = sizes.tree_bytes(site) / 1e6
        result.club_pages = sum(1 for _ in site.glob("kluby/*/index.html"))
        result.categories = site_sizes.measure(site, clubs).by_category
    _clear(site)
    return result


def notes_of(results: list[SizeResult], validation: ValidateResult | None) -> list[str]:
    notes = []
    for r in results:
        for module, why in sorted(r.excluded.items()):
            notes.append(f"{r.clubs:,} clubs: {module} left out of the build, it failed: {why}")
        notes += [f"{r.clubs:,} clubs: {e}" for e in dict.fromkeys(r.errors)]
        if any(r.pdfs_rendered_warm):
            notes.append(f"{r.clubs:,} clubs: a warm build rendered PDFs "
                         f"({r.pdfs_rendered_warm}): the forms' cache missed (were the forms "
                         "edited during the run?)")
    if validation is not None:
        notes += [f"validation: {e}" for e in dict.fromkeys(validation.errors)]
    return notes


def bench_phones(results: list[SizeResult], opts: Options
                 ) -> tuple[int, list[lighthouse.PageResult]] | None:
    """Lighthouse mobile on the largest site built in this run (#19)."""
    built = [r.clubs for r in results if (opts.out / f"kluby-{r.clubs}" / "site").is_dir()]
    if not opts.lighthouse_runs or not built:
        return None
    clubs = max(built)
    site = opts.out / f"kluby-{clubs}" / "site"
    say(f"[lighthouse {clubs} clubs] {opts.lighthouse_runs} run(s) a page type")
    return clubs, lighthouse.audit(site, opts.lighthouse_runs, log=say)


def size_and_phones_markdown(results: list[SizeResult], scale: ScaleResult | None,
                             phones: tuple[int, list[lighthouse.PageResult]] | None,
                             opts: Options) -> str:
    """The #19 sections: the sites by category of file, and Lighthouse per page type."""
    measured = [site_sizes.measure(opts.out / f"kluby-{r.clubs}" / "site", r.clubs)
                for r in results if (opts.out / f"kluby-{r.clubs}" / "site").is_dir()]
    if scale is not None and scale.categories:
        measured.append(site_sizes.SiteSizes(
            scale.clubs, total=sum(b for b, _ in scale.categories.values()),
            files=sum(n for _, n in scale.categories.values()), by_category=scale.categories))
    lines = ["", "## Site size by category (#19)", ""]
    lines += site_sizes.table(measured) if measured else ["No site was built in this run."]
    lines += [f"\n{s.clubs:,} clubs: club page median {s.club_page_median / 1000:.1f} KB, of it "
              f"the page frame (outside `<article>`) {s.club_frame_median / 1000:.1f} KB"
              for s in measured if s.club_page_median]
    if phones:
        clubs, pages = phones
        lines += ["", f"## Lighthouse {lighthouse.VERSION} mobile, {clubs:,} clubs (#19)", "",
                  f"The largest page of each type, served with gzip on 127.0.0.1; median of "
                  f"{opts.lighthouse_runs} run(s) (all scores in brackets). Chromium from "
                  "Debian, Lighthouse's default mobile settings (simulated slow 4G, 4× CPU).", ""]
        lines += lighthouse.table(pages)
        found = lighthouse.findings(pages)
        lines += ["", "What costs points where a type misses the target:", "", *found] if found \
            else []
    return "\n".join(lines) + "\n"


def bench_preview(opts: Options) -> serve_latency.PreviewResult:
    """`kis serve` on the SMALL-club register (else the largest of the run): save a club's row,
    poll its page (#19)."""
    clubs = targets.SMALL if targets.SMALL in opts.sizes else max(opts.sizes)
    say(f"[preview {clubs} clubs] {opts.serve_edits} edits in kis serve")
    register = registers.ensure_register(opts.out, clubs)
    cache = opts.out / f"kluby-{clubs}" / "cache"  # warm when the builds above made it
    return serve_latency.measure(register, opts.out / "serve", AS_OF, opts.serve_edits, cache)


def run_bench(opts: Options) -> tuple[str, list[targets.Target]]:
    """Run everything; the report text (also written to ``opts.results``) and the targets."""
    opts.out.mkdir(parents=True, exist_ok=True)
    info = report.machine()
    info["load average at start (1, 5, 15 min)"] = report.load_average()
    results = [bench_size(n, opts) for n in opts.sizes]
    validation = bench_validate(opts.validate_clubs, opts) if opts.validate_clubs else None
    scale = bench_scale(opts.scale_clubs, opts) if opts.scale_clubs else None
    info["load average at end (1, 5, 15 min)"] = report.load_average()
    phones = bench_phones(results, opts)
    preview = bench_preview(opts) if opts.serve_edits and opts.sizes else None
    checked = targets.check({r.clubs: r for r in results}, validation, scale, phones, preview)
    command = "python -m bench.run " + " ".join(opts.log)
    text = report.results_markdown(results, validation, checked, info,
                                   notes_of(results, validation), command.strip(), opts.repeat,
                                   scale)
    text += size_and_phones_markdown(results, scale, phones, opts)
    text += serve_latency.markdown(preview) if preview else ""
    raw = {"machine": info, "sizes": [r.as_dict() for r in results],
           "validate": validation.as_dict() if validation else None,
           "scale": scale.as_dict() if scale else None,
           "lighthouse": [asdict(p) for p in phones[1]] if phones else None,
           "preview": preview.as_dict() if preview else None}
    (opts.out / "results.json").write_text(json.dumps(raw, indent=1, default=str) + "\n",
                                           encoding="utf-8")
    if opts.results is not None:
        opts.results.write_text(text, encoding="utf-8")
    return text, checked


def parse(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--sizes", help="register sizes in clubs, comma-separated "
                        f"(default {','.join(map(str, DEFAULT_SIZES))})")
    parser.add_argument("--repeat", type=int, help="runs per measurement (default 3)")
    parser.add_argument("--quick", action="store_true",
                        help=f"sizes {','.join(map(str, QUICK_SIZES))}, one run each, "
                             "validation compared at 1,000 clubs")
    parser.add_argument("--validate-clubs", type=int,
                        help=f"clubs for kis validate vs frictionless, 0 to skip "
                             f"(default {VALIDATE_CLUBS})")
    parser.add_argument("--scale-clubs", type=int,
                        help=f"clubs of one very large cold build for peak memory, 0 to skip "
                             f"(default {SCALE_CLUBS}, with --quick 0)")
    parser.add_argument("--scale-reuse-pdfs", action="store_true",
                        help="the very large build keeps the PDF cache of this run's builds of "
                             "the same register instead of an empty one (the tests' smoke run); "
                             "the report says so and its memory target is not judged")
    parser.add_argument("--lighthouse-runs", type=int,
                        help="Lighthouse runs per page type on the largest site, 0 to skip "
                             "(default 3, with --quick 1)")
    parser.add_argument("--serve-edits", type=int, default=5,
                        help="edits timed in kis serve at 1,000 clubs, 0 to skip (default 5)")
    parser.add_argument("--no-cold", action="store_true",
                        help="only warm builds (the forms' cache is kept between runs)")
    parser.add_argument("--exclude", action="append", default=[], metavar="PART",
                        help="leave a part of the site out (a name in generator.website.PARTS)")
    parser.add_argument("--out", type=Path, default=OUT, help="working folder (bench/out)")
    parser.add_argument("--results", type=Path, default=RESULTS,
                        help="where to write the report (bench/RESULTS.md)")
    parser.add_argument("--no-results", action="store_true", help="do not write the report")
    args = parser.parse_args(argv)
    quick = args.quick
    opts = Options(
        sizes=tuple(int(s) for s in args.sizes.split(",")) if args.sizes
        else (QUICK_SIZES if quick else DEFAULT_SIZES),
        repeat=args.repeat or (1 if quick else 3),
        validate_clubs=args.validate_clubs if args.validate_clubs is not None
        else (1000 if quick else VALIDATE_CLUBS),
        scale_clubs=args.scale_clubs if args.scale_clubs is not None
        else (0 if quick else SCALE_CLUBS),
        scale_reuse_pdfs=args.scale_reuse_pdfs,
        out=args.out, results=None if args.no_results else args.results,
        exclude=tuple(args.exclude), cold=not args.no_cold,
        lighthouse_runs=args.lighthouse_runs if args.lighthouse_runs is not None
        else (1 if quick else 3),
        serve_edits=args.serve_edits,
        log=list(argv if argv is not None else sys.argv[1:]))
    if opts.repeat < 1 or any(n < 1 for n in opts.sizes):
        parser.error("sizes and --repeat must be positive")
    return opts


def main(argv: Sequence[str] | None = None) -> int:
    opts = parse(argv)
    text, checked = run_bench(opts)
    print(text)
    for t in checked:
        print(f"{t.verdict:4}  {t.name}: {t.measured}")
    return 1 if any(t.passed is False for t in checked) else 0


if __name__ == "__main__":
    raise SystemExit(main())
