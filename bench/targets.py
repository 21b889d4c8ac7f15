"""The targets of issue #8, checked as ratios of figures measured in one run."""

from __future__ import annotations

from dataclasses import dataclass

from bench.results import ScaleResult, SizeResult, ValidateResult, median

WARM_VS_BARE = 1.2
LINEAR = 5.5  # 5,000 clubs against 1,000
VALIDATE_VS_FRICTIONLESS = 1.5
PEAK_MB = 1536.0  # 1.5 GB
COLD_NOISE = 0.05  # allowance for timing noise, as a share of the warm build
SMALL, LARGE = 1000, 5000
VALIDATE_AT = 10_000
SCALE = 20_000  # issue #9: validates and builds within the memory budget


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    limit: str
    passed: bool | None  # None: not measured in this run

    @property
    def verdict(self) -> str:
        return {True: "PASS", False: "FAIL", None: "n/a"}[self.passed]


def _missing(name: str, limit: str, why: str) -> Target:
    return Target(name, why, limit, None)


def check(sizes: dict[int, SizeResult], validation: ValidateResult | None,
          scale: ScaleResult | None = None) -> list[Target]:
    return [warm_vs_bare(sizes.get(SMALL)), cold_vs_warm(sizes.get(SMALL)),
            linear_time(sizes.get(SMALL), sizes.get(LARGE)),
            linear_size(sizes.get(SMALL), sizes.get(LARGE)),
            validate_vs_frictionless(validation), peak_memory(sizes.get(LARGE)),
            scale_memory(scale)]


def warm_vs_bare(r: SizeResult | None) -> Target:
    name = f"warm build of {SMALL:,} clubs ≤ {WARM_VS_BARE}× bare mkdocs-material"
    limit = f"≤ {WARM_VS_BARE}"
    warm, bare = (median(r.whole_warm), median(r.bare)) if r else (None, None)
    if not warm or not bare:
        return _missing(name, limit, f"no {SMALL:,}-club build in this run")
    ratio = warm / bare
    return Target(name, f"{warm:.1f} s / {bare:.1f} s = {ratio:.2f}×"
                        f"{_cpu_ratio(r.whole_warm_cpu, r.bare_cpu)}", limit,
                  ratio <= WARM_VS_BARE)


def _cpu_ratio(a: list[float], b: list[float]) -> str:
    """The same ratio in CPU seconds, for reading a result taken on a busy machine."""
    x, y = median(a), median(b)
    return f" (CPU: {x:.1f} s / {y:.1f} s = {x / y:.2f}×)" if x and y else ""


def cold_vs_warm(r: SizeResult | None) -> Target:
    """Cold minus warm whole build against the forms' own rendering time, timed alone.

    Each cold build is paired with the warm build run right after it, so that the machine's
    slow and fast spells cancel out; the verdict is on the median of those differences. The
    yardstick is the PDF step of the staged cold runs, where nothing else runs beside it (in the
    whole build the PDFs render while the rest of the site is built, and take longer).
    """
    name = f"cold build of {SMALL:,} clubs adds ≤ the forms' PDF rendering"
    limit = f"median of (cold − warm) ≤ PDF rendering alone + {COLD_NOISE:.0%} of warm (noise)"
    pairs = r.whole_pairs if r else []
    warm = median(r.whole_warm) if r else None
    alone = r.pdf_stage() if r else None
    if not pairs or not warm or alone is None:
        return _missing(name, limit, f"no cold and warm {SMALL:,}-club builds in this run")
    extra = median([cold - w for cold, w in pairs])
    assert extra is not None
    inside = median(r.pdf_cold) if r else None
    measured = (f"cold − warm {extra:.1f} s (median of pairs); PDF rendering alone {alone:.1f} s"
                + (f", beside the rest of the build {inside:.1f} s" if inside else ""))
    return Target(name, measured, limit, extra <= alone + COLD_NOISE * warm)


def linear_time(small: SizeResult | None, large: SizeResult | None) -> Target:
    name = f"warm build of {LARGE:,} clubs ≤ {LINEAR}× {SMALL:,} clubs"
    limit = f"≤ {LINEAR}"
    a = median(small.whole_warm) if small else None
    b = median(large.whole_warm) if large else None
    if not a or not b:
        return _missing(name, limit, f"needs {SMALL:,} and {LARGE:,} clubs in one run")
    cpu = _cpu_ratio(large.whole_warm_cpu, small.whole_warm_cpu) if small and large else ""
    return Target(name, f"{b:.1f} s / {a:.1f} s = {b / a:.2f}×{cpu}", limit, b / a <= LINEAR)


def linear_size(small: SizeResult | None, large: SizeResult | None) -> Target:
    name = f"built site of {LARGE:,} clubs ≤ {LINEAR}× {SMALL:,} clubs"
    limit = f"≤ {LINEAR}"
    a = small.site_bytes if small else 0
    b = large.site_bytes if large else 0
    if not a or not b:
        return _missing(name, limit, f"needs {SMALL:,} and {LARGE:,} clubs in one run")
    return Target(name, f"{b / 1e6:.0f} MB / {a / 1e6:.0f} MB = {b / a:.2f}×", limit,
                  b / a <= LINEAR)


def validate_vs_frictionless(v: ValidateResult | None) -> Target:
    name = (f"kis validate of {VALIDATE_AT:,} clubs ≤ {VALIDATE_VS_FRICTIONLESS}× "
            "frictionless")
    limit = f"≤ {VALIDATE_VS_FRICTIONLESS}"
    kis = median(v.kis) if v else None
    fl = median(v.frictionless) if v else None
    if not v or not kis or not fl:
        return _missing(name, limit, "not measured in this run")
    measured = f"{kis:.1f} s / {fl:.1f} s = {kis / fl:.2f}×"
    if v.clubs < VALIDATE_AT:
        return _missing(name, limit, f"{measured} at {v.clubs:,} clubs only")
    return Target(name, measured, limit, kis / fl <= VALIDATE_VS_FRICTIONLESS)


def peak_memory(r: SizeResult | None) -> Target:
    name = f"peak memory of a {LARGE:,}-club build < 1.5 GB"
    limit = f"< {PEAK_MB:.0f} MB"
    peak = r.peak_mb() if r else None
    if peak is None:
        return _missing(name, limit, f"no {LARGE:,}-club build in this run")
    return Target(name, f"{peak:.0f} MB", limit, peak < PEAK_MB)


def scale_memory(r: ScaleResult | None) -> Target:
    name = f"{SCALE:,} clubs validate and build (cold) with peak memory < 1.5 GB (#9)"
    limit = f"both succeed, each < {PEAK_MB:.0f} MB"
    if r is None or r.clubs < SCALE:
        return _missing(name, limit, f"no {SCALE:,}-club build in this run")
    if r.errors or r.build_peak_mb is None or r.validate_peak_mb is None:
        return Target(name, "; ".join(r.errors) or "not measured", limit, False)
    peak = max(r.build_peak_mb, r.validate_peak_mb)
    measured = (f"build {r.build_peak_mb:.0f} MB in {r.build_wall:.0f} s, "
                f"validate {r.validate_peak_mb:.0f} MB in {r.validate_wall:.0f} s")
    return Target(name, measured, limit, peak < PEAK_MB)
