"""The results as Markdown tables, the machine they were measured on, and ``RESULTS.md``."""

from __future__ import annotations

import os
import platform
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from bench.results import ScaleResult, SizeResult, ValidateResult, median
from bench.targets import Target

PACKAGES = ("mkdocs", "mkdocs-material", "frictionless", "weasyprint", "markdown", "jinja2")
# Stage names from bench.stages in pipeline order, with their row labels.
STAGE_ROWS = (
    ("validate", "validate (load, schemas, rules)"),
    ("model", "model"),
    ("pages", "pages (without maps; rendered later, when written)"),
    ("maps", "maps"),
    ("static", "static files"),
    ("open data", "open data"),
    ("search index", "search index"),
    ("forms", "forms (warm: PDFs from the cache)"),
    ("founding", "founding pages"),
    ("statistics", "statistics (figures, charts, CSV, yearly reports)"),
    ("filled documents", "filled process cards and certificates (fill, key, HTML)"),
    ("docs tree", "write docs tree (renders the pages mkdocs gets)"),
    ("mkdocs", "mkdocs build"),
    ("shell pages", "pages written into mkdocs' shells (rendered then)"),
    ("finish", "prune theme files"),
)


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:,.0f}"


def _per_page(seconds: float | None, pages: int) -> str:
    return "–" if seconds is None or not pages else f"{1000 * seconds / pages:.1f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "–" if not a or not b else f"{a / b:.2f}×"


Cell = Callable[[SizeResult], str]


def stage_rows(sizes: list[SizeResult], cpu: bool) -> list[tuple[str, Cell]]:
    """One row per stage of the staged builds, wall or CPU seconds."""
    known = {name for name, _ in STAGE_ROWS} | {"pdf", "fonts"}
    extra = [n for r in sizes for n in r.stage_names() if n not in known]
    # the forms depend on the cache; every other stage does the same work warm or cold
    return [
        (label, lambda r, n=name: _s(r.stage(n, "warm" if n == "forms" else "all", cpu)))
        for name, label in STAGE_ROWS
    ] + [(name, lambda r, n=name: _s(r.stage(n, "all", cpu))) for name in dict.fromkeys(extra)] + [
        ("forms (cold: PDFs rendered)", lambda r: _s(r.stage("forms", "cold", cpu))),
        # wall: part of the forms stage; CPU: the workers' own, not in the forms stage's figure
        ("PDF rendering in the workers (cold, alone)" if cpu
         else "of which PDF rendering (cold, alone)", lambda r: _s(r.pdf_stage(cpu))),
    ]


def table_rows(sizes: list[SizeResult]) -> list[tuple[str, list[str]]]:
    """(label, one cell per size) for every row of the main table (wall seconds)."""
    rows: list[tuple[str, Cell]] = [
        ("Markdown pages", lambda r: f"{r.md_pages:,}"),
        ("of which rendered by mkdocs (the rest into its shells)",
         lambda r: f"{r.mkdocs_pages:,}"),
        ("club page Markdown, median (KB)", lambda r: f"{r.club_md_median / 1000:.1f}"),
        ("all pages Markdown, mean (KB)",
         lambda r: f"{r.md_bytes / r.md_pages / 1000:.1f}" if r.md_pages else "–"),
        *stage_rows(sizes, cpu=False),
        ("sum of stages (warm)", lambda r: _s(median(r.staged_total_warm))),
        ("**kis build, whole (warm)**", lambda r: _s(median(r.whole_warm))),
        ("**kis build, whole (cold)**", lambda r: _s(median(r.whole_cold))),
        ("PDF rendering in the cold build (beside the other parts)",
         lambda r: _s(median(r.pdf_cold))),
        ("**bare mkdocs-material, same page count**", lambda r: _s(median(r.bare))),
        ("kis warm / bare", lambda r: _ratio(median(r.whole_warm), median(r.bare))),
        ("**Hugo, same pages as bare**", lambda r: _s(median(r.hugo))),
        ("ms a page: kis warm / bare / Hugo", lambda r: " / ".join(
            _per_page(median(x), r.md_pages) for x in (r.whole_warm, r.bare, r.hugo))),
        ("peak memory, kis build + PDF workers (MB)", lambda r: _mb(r.peak_mb())),
        ("peak memory, bare mkdocs (MB)",
         lambda r: _mb(max(r.bare_peak_mb) if r.bare_peak_mb else None)),
        ("built site (MB)", lambda r: f"{r.site_bytes / 1e6:,.1f}" if r.site_bytes else "–"),
        ("built site (files)", lambda r: f"{r.site_files:,}" if r.site_files else "–"),
        ("GitHub Pages artifact: the site tarred, deflated at level 6 (MB)",
         lambda r: f"{r.artifact_bytes / 1e6:,.1f}" if r.artifact_bytes else "–"),
        ("bare site (MB)",
         lambda r: f"{r.bare_site_bytes / 1e6:,.1f}" if r.bare_site_bytes else "–"),
    ]
    return [(label, [cell(r) for r in sizes]) for label, cell in rows]


def cpu_rows(sizes: list[SizeResult]) -> list[tuple[str, list[str]]]:
    """The same in CPU seconds (user + system), which other work on the machine hardly moves."""
    rows: list[tuple[str, Cell]] = [
        *stage_rows(sizes, cpu=True),
        ("sum of stages (warm)", lambda r: _s(median(r.staged_total_warm_cpu))),
        ("**kis build, whole (warm)**", lambda r: _s(median(r.whole_warm_cpu))),
        ("**kis build, whole (cold)**", lambda r: _s(median(r.whole_cold_cpu))),
        ("**bare mkdocs-material, same page count**", lambda r: _s(median(r.bare_cpu))),
        ("kis warm / bare", lambda r: _ratio(median(r.whole_warm_cpu), median(r.bare_cpu))),
        ("**Hugo, same pages as bare**", lambda r: _s(median(r.hugo_cpu))),
        ("kis warm / Hugo", lambda r: _ratio(median(r.whole_warm_cpu), median(r.hugo_cpu))),
        ("mkdocs build per page it renders (ms)",
         lambda r: _per_page(r.stage("mkdocs", cpu=True), r.mkdocs_pages)),
        ("bare build per page, realistic pages (ms)", lambda r: _per_page(median(r.bare_cpu),
                                                                       r.md_pages)),
    ]
    return [(label, [cell(r) for r in sizes]) for label, cell in rows]


def _table(title: str, sizes: list[SizeResult], rows: list[tuple[str, list[str]]]) -> str:
    head = f"| {title} | " + " | ".join(f"{r.clubs:,} clubs" for r in sizes) + " |"
    rule = "| --- | " + " | ".join("---:" for _ in sizes) + " |"
    body = [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows]
    return "\n".join([head, rule, *body])


def main_table(sizes: list[SizeResult]) -> str:
    return _table("seconds (wall), median", sizes, table_rows(sizes))


def cpu_table(sizes: list[SizeResult]) -> str:
    return _table("CPU seconds, median", sizes, cpu_rows(sizes))


def validate_table(v: ValidateResult) -> str:
    rows = [
        ("kis validate (whole process)", _s(median(v.kis))),
        ("kis validate (in process)", _s(median(v.kis_in_process))),
        ("frictionless Package.validate (whole process)", _s(median(v.frictionless))),
        ("frictionless Package.validate (in process)", _s(median(v.frictionless_in_process))),
        ("ratio, whole process", _ratio(median(v.kis), median(v.frictionless))),
        ("CPU seconds kis / frictionless",
         f"{_s(median(v.kis_cpu))} / {_s(median(v.frictionless_cpu))}"),
        ("ratio, CPU", _ratio(median(v.kis_cpu), median(v.frictionless_cpu))),
        ("peak memory kis / frictionless (MB)",
         f"{_mb(max(v.kis_peak_mb, default=None))} / "
         f"{_mb(max(v.frictionless_peak_mb, default=None))}"),
    ]
    lines = [f"| {v.clubs:,} clubs, median | seconds |", "| --- | ---: |"]
    return "\n".join(lines + [f"| {a} | {b} |" for a, b in rows])


def targets_table(targets: list[Target]) -> str:
    lines = ["| target | measured | limit | result |", "| --- | --- | --- | --- |"]
    return "\n".join(lines + [f"| {t.name} | {t.measured} | {t.limit} | **{t.verdict}** |"
                              for t in targets])


def machine() -> dict[str, str]:
    """The machine and the versions the figures belong to."""
    info = {
        "date (UTC)": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "CPU": _cpu_model(),
        "cores (nproc)": str(len(os.sched_getaffinity(0))),
        "memory": _memory(),
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
    }
    for name in PACKAGES:
        try:
            info[name] = version(name)
        except PackageNotFoundError:
            info[name] = "not installed"
    return info


def load_average() -> str:
    """Other work on the machine slows the wall times (the CPU times much less)."""
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def build_kind(r: ScaleResult) -> str:
    """What the very large build started from: an empty PDF cache, or the run's own."""
    if r.cold:
        return "cold (PDFs rendered)"
    rendered = "?" if r.pdfs_rendered is None else f"{r.pdfs_rendered:,}"
    return f"warm (PDF cache of this run's builds; {rendered} PDFs rendered)"


def scale_table(r: ScaleResult) -> str:
    def cell(value: float | None, unit: str) -> str:
        return "–" if value is None else f"{value:,.0f} {unit}"

    return "\n".join([
        f"| {r.clubs:,} clubs | wall | peak memory |",
        "| --- | ---: | ---: |",
        f"| `kis validate` | {cell(r.validate_wall, 's')} | {cell(r.validate_peak_mb, 'MB')} |",
        f"| `kis build`, {build_kind(r)} | {cell(r.build_wall, 's')} "
        f"| {cell(r.build_peak_mb, 'MB')} |",
        f"| built site | {cell(r.site_mb, 'MB')} | |",
    ])


def results_markdown(sizes: list[SizeResult], validation: ValidateResult | None,
                     targets: list[Target], info: dict[str, str], notes: list[str],
                     command: str, repeat: int, scale: ScaleResult | None = None) -> str:
    parts = [
        "# Benchmark results (issue #8)",
        "",
        f"Written by `{command}` from the figures of one run; do not edit by hand.",
        f"Times are medians of {repeat} run(s), in seconds, each build in its own process "
        "(interpreter start-up and imports included). *Warm*: the forms' PDF cache is filled; "
        "*cold*: it is empty. Stage times come from separate runs that call the builder's "
        "stage functions one by one (medians over the warm and cold runs, except for the "
        "forms); *whole* is `build_site`, what `kis build` calls. "
        "The bare build is `mkdocs build --strict` with the project's `mkdocs.yml` *and* its "
        "theme overrides and patched page frame (every page gets the register's header, tabs "
        "and footer) on as many Markdown pages as the register's docs tree has, each the mean "
        "size of its pages, all but the home page out of the nav. The pages are written as a "
        "person would write a club's page (`bench/baseline.py`): title and description, contact "
        "details as a list, the certificate and opening hours as tables, then prose; not prose "
        "alone, which Python-Markdown parses about twice as fast. Hugo (Debian's 0.111, "
        "`bench/hugo.py`) builds the very same Markdown files into layouts cut from two pages "
        "bare mkdocs-material rendered, so its pages have the same frame, byte for byte but for "
        "heading ids; it runs on all cores, as it does by default. "
        "Peak memory of a build is the largest sum, sampled every 50 ms, of the proportional "
        "set size (a page shared by processes counted once) of the build, its forked copy and "
        "its PDF workers (`bench/tree_memory.py`); of a yardstick, its maximum resident set "
        "size. Cold times include the whole PDF step: the "
        "HTML for WeasyPrint, starting the workers and rendering.",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in info.items()],
        "",
        "## Targets",
        "",
        targets_table(targets),
        "",
        "## Build, stage by stage",
        "",
        main_table(sizes),
        "",
        "### The same in CPU time",
        "",
        cpu_table(sizes),
        "",
    ]
    if validation is not None:
        parts += ["## Validation against frictionless", "", validate_table(validation), ""]
    if scale is not None:
        parts += ["## A very large register (one run, for memory)", "", scale_table(scale), ""]
        parts += [f"- {e}" for e in scale.errors] + ([""] if scale.errors else [])
    if notes:
        parts += ["## Notes", "", *[f"- {n}" for n in notes], ""]
    return "\n".join(parts)
