"""The benchmark's machinery at a tiny size, so that ``make bench`` does not rot between runs.

No timing assertions: only that every stage, build and comparison ran and was reported. The
"very large" build is of the same 20 clubs and keeps the run's PDF cache (``--scale-reuse-pdfs``),
and the preview times one edit: every step runs, but the PDFs are rendered once, not twice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import baseline, hugo, measure, registers, report, run, targets
from bench.clock import Clock
from bench.results import ScaleResult, SizeResult


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp("bench")
    results = out / "RESULTS.md"
    opts = run.parse(["--sizes", "20", "--repeat", "1", "--validate-clubs", "20", "--no-cold",
                      "--scale-clubs", "20", "--scale-reuse-pdfs", "--serve-edits", "1",
                      "--out", str(out), "--results", str(results),
                      "--lighthouse-runs", "0"])  # Lighthouse: tests/test_bench_lighthouse.py
    text, _ = run.run_bench(opts)
    return text, results


def _row(text: str, label: str) -> list[str]:
    line = next((ln for ln in text.splitlines() if ln.startswith(f"| {label} |")), None)
    assert line is not None, f"no row {label!r}"
    return [cell.strip() for cell in line.strip("|").split("|")][1:]


def test_report_is_written(bench_run: tuple[str, Path]) -> None:
    text, results = bench_run
    assert results.read_text(encoding="utf-8") == text
    for heading in ("## Machine", "## Targets", "## Build, stage by stage",
                    "## Validation against frictionless", "## A very large register"):
        assert heading in text


@pytest.mark.parametrize("label", [
    "validate (load, schemas, rules)", "model",
    "pages (without maps; rendered later, when written)", "maps", "open data",
    "search index", "forms (cold: PDFs rendered)",
    "write docs tree (renders the pages mkdocs gets)", "mkdocs build",
    "pages written into mkdocs' shells (rendered then)",
    "**kis build, whole (warm)**", "**bare mkdocs-material, same page count**",
    "peak memory, kis build + PDF workers (MB)", "built site (MB)",
])
def test_every_stage_was_measured(bench_run: tuple[str, Path], label: str) -> None:
    cells = _row(bench_run[0], label)
    assert len(cells) == 1
    assert cells[0] not in ("", "–")


def test_page_count_and_no_errors(bench_run: tuple[str, Path]) -> None:
    text, _ = bench_run
    assert int(_row(text, "Markdown pages")[0].replace(",", "")) > 20  # clubs and more
    assert "## Notes" not in text, text.split("## Notes")[-1]


def test_validation_compared(bench_run: tuple[str, Path]) -> None:
    text, _ = bench_run
    assert _row(text, "kis validate (whole process)")[0] != "–"
    assert _row(text, "frictionless Package.validate (whole process)")[0] != "–"


def test_targets_not_measured_at_tiny_size_are_na(bench_run: tuple[str, Path]) -> None:
    lines = [ln for ln in bench_run[0].split("## Targets")[1].split("##")[0].splitlines()
             if ln.startswith("| ") and not ln.startswith(("| target", "| ---"))]
    assert len(lines) == len(targets.check({}, None))
    assert all(ln.endswith("**n/a** |") for ln in lines)


def test_targets_pass_and_fail_on_ratios() -> None:
    small, large = SizeResult(1000), SizeResult(5000)
    small.whole_warm, small.bare, large.whole_warm = [4.0], [10.0], [22.2]
    small.site_bytes, large.site_bytes = 100, 560
    assert targets.warm_vs_bare(small).passed is True  # 0.4×
    small.bare = [9.9]
    assert targets.warm_vs_bare(small).passed is False
    assert targets.warm_vs_hugo(small).passed is None  # Hugo not run
    small.md_pages, small.hugo = 1000, [2.0]
    hugo = targets.warm_vs_hugo(small)
    assert hugo.passed is True and "4.00 ms / 2.00 ms a page" in hugo.measured
    small.hugo = [1.9]
    assert targets.warm_vs_hugo(small).passed is False
    assert targets.linear_time(small, large).passed is False  # 5.55× > 5.5×
    assert targets.linear_size(small, large).passed is False
    large.peak_warm_mb = [1600.0]
    assert targets.peak_memory(large).verdict == "FAIL"


def test_cold_build_is_held_to_the_pdf_rendering_timed_alone_pair_by_pair() -> None:
    r = SizeResult(1000)
    r.whole_warm, r.whole_cold = [10.0, 12.0, 10.0], [15.0, 16.0, 14.0]
    r.whole_pairs = [(15.0, 10.0), (16.0, 12.0), (14.0, 10.0)]  # +5, +4, +4
    r.pdf_cold = [9.0, 9.0, 9.0]  # beside the rest of the build: not the yardstick
    r.stages_cold = [{"pdf": 3.5, "fonts": 0.1}]
    assert targets.cold_vs_warm(r).passed is True  # 4.0 ≤ 3.6 + 0.5
    r.stages_cold = [{"pdf": 3.0, "fonts": 0.1}]
    assert targets.cold_vs_warm(r).passed is False  # 4.0 > 3.1 + 0.5


def test_peak_memory_counts_the_pdf_workers() -> None:
    build = measure.Run(wall=1.0, cpu=1.0, peak_mb=120.0, returncode=0, stdout="", stderr="")
    assert run.tree_peak(build, {"tree_peak_mb": 280.0}) == 280.0
    assert run.tree_peak(build, {"tree_peak_mb": 0.0}) == 120.0
    assert run.tree_peak(build, {}) == 120.0


def test_the_very_large_build_is_measured(bench_run: tuple[str, Path]) -> None:
    table = bench_run[0].split("## A very large register")[1].split("##")[0]
    assert "| 20 clubs |" in table
    warm = "`kis build`, warm (PDF cache of this run's builds; 0 PDFs rendered)"
    for label in ("`kis validate`", warm):
        wall, peak = _row(table, label)
        assert wall.endswith(" s") and peak.endswith(" MB"), (label, wall, peak)


def test_the_preview_was_timed(bench_run: tuple[str, Path]) -> None:
    section = bench_run[0].split("## Preview: `kis serve` shows an edited club, 20 clubs")[1]
    assert "Save of a renamed club's row" in section and "- error:" not in section


def test_a_very_large_build_says_what_its_cache_held() -> None:
    cold = ScaleResult(20_000, build_wall=300.0, build_peak_mb=1400.0, validate_wall=20.0,
                       validate_peak_mb=500.0, pdfs_rendered=9000)
    assert "| `kis build`, cold (PDFs rendered) | 300 s | 1,400 MB |" in report.scale_table(cold)
    assert targets.scale_memory(cold).passed is True
    reused = ScaleResult(20_000, cold=False, build_wall=100.0, build_peak_mb=900.0,
                         validate_wall=20.0, validate_peak_mb=500.0, pdfs_rendered=3)
    assert "warm (PDF cache of this run's builds; 3 PDFs rendered)" in report.scale_table(reused)
    assert targets.scale_memory(reused).passed is None  # a memory target of cold builds only
    assert run.parse(["--scale-reuse-pdfs"]).scale_reuse_pdfs
    assert not run.parse([]).scale_reuse_pdfs  # make bench: cold, as before


def test_scale_memory_target() -> None:
    big = ScaleResult(20_000, build_wall=300.0, build_peak_mb=1400.0, validate_wall=20.0,
                      validate_peak_mb=500.0)
    assert targets.scale_memory(big).passed is True
    big.build_peak_mb = 1600.0
    assert targets.scale_memory(big).passed is False
    assert targets.scale_memory(ScaleResult(20_000, errors=["build: killed"])).passed is False
    assert targets.scale_memory(ScaleResult(30)).passed is None
    assert targets.scale_memory(None).passed is None


def test_bare_pages_have_the_asked_size(tmp_path: Path) -> None:
    config = baseline.write_bare_tree(tmp_path / "bare", pages=5, size=12_000)
    pages = sorted((tmp_path / "bare" / "docs").rglob("*.md"))
    assert config.is_file() and len(pages) == 5
    assert all(12_000 <= p.stat().st_size < 13_500 for p in pages)
    assert baseline.club_page(3, 5000) == baseline.club_page(3, 5000)
    assert (tmp_path / "bare" / "overrides" / "base.html").is_file()  # the project's frame


def test_hugo_builds_the_bare_pages_in_the_same_frame(tmp_path: Path) -> None:
    """Hugo's pages match bare mkdocs-material's but for the content's heading ids."""
    config = baseline.write_bare_tree(tmp_path / "bare", pages=3, size=3000)
    assert measure.run(baseline.build_command(config), tmp_path / "bare").returncode == 0
    bare = tmp_path / "bare" / "site"
    source = hugo.write_hugo_tree(tmp_path / "hugo", bare, pages=3, size=3000)
    built = measure.run(hugo.build_command(source), source)
    assert built.returncode == 0, built.stderr
    page = "strony/strona-00002/index.html"
    ours = (source / "public" / page).read_text(encoding="utf-8")
    theirs = (bare / page).read_text(encoding="utf-8")
    assert "<title>Klub Integracji Społecznej nr 2 w Gdańsk – " in ours
    assert "https://rejestr-kis.example.gov.pl/strony/strona-00002/" in ours
    head = theirs.split("<article")[0]
    assert ours.split("<article")[0] == head
    assert ours.split("</article>")[1] == theirs.split("</article>")[1]
    assert "<table>" in ours and "<li><strong>Adres:</strong>" in ours


def test_register_is_reused_while_its_stamp_holds(tmp_path: Path) -> None:
    first = registers.ensure_register(tmp_path, 16)
    marker = next((tmp_path / "registers").glob("*.stamp"))
    clubs = (first / "wojewodztwa" / "pomorskie" / "kluby.csv").read_bytes()
    (first / "extra.txt").write_text("left alone when reused", encoding="utf-8")
    assert registers.ensure_register(tmp_path, 16) == first
    assert (first / "extra.txt").exists()
    marker.write_text("stale", encoding="utf-8")
    registers.ensure_register(tmp_path, 16)
    assert not (first / "extra.txt").exists()
    assert (first / "wojewodztwa" / "pomorskie" / "kluby.csv").read_bytes() == clubs


def test_clock_counts_outermost_calls_only() -> None:
    import types

    module = types.SimpleNamespace()

    def recurse(n: int) -> int:
        return 0 if n == 0 else 1 + module.f(n - 1)

    module.f = recurse
    clock = Clock()
    clock.wrap(module, "f", "f")  # type: ignore[arg-type]
    assert module.f(3) == 3
    assert clock.calls["f"] == 1
    assert clock.seconds["f"] >= 0
