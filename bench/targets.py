"""The targets of issue #8, checked as ratios of figures measured in one run."""

from __future__ import annotations

from dataclasses import dataclass

from bench import lighthouse, serve_latency, site_sizes
from bench.page_weight import LIMIT_KIB as PAGE_GZIP_KIB  # issue #19, at LARGE clubs
from bench.results import ScaleResult, SizeResult, ValidateResult, median

WARM_VS_BARE = 0.4  # issue #19 (was 1.2 in #8)
WARM_VS_HUGO = 2.0  # issue #19: ms a page, Hugo on the same pages
LINEAR = 5.5  # 5,000 clubs against 1,000
VALIDATE_VS_FRICTIONLESS = 1.5
PEAK_MB = 1536.0  # 1.5 GB
COLD_NOISE = 0.05  # allowance for timing noise, as a share of the warm build
SMALL, LARGE = 1000, 5000
VALIDATE_AT = 10_000
SCALE = 20_000  # issue #9: validates and builds within the memory budget
MONITORING_SHARE = 0.10  # issue #20: statistics + filled documents, added to a warm build
MONITORING_STAGES = ("statistics", "filled documents")


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
          scale: ScaleResult | None = None,
          phones: tuple[int, list[lighthouse.PageResult]] | None = None,
          preview: serve_latency.PreviewResult | None = None) -> list[Target]:
    return [*_check(sizes, validation, scale), phones_target(phones),
            site_size(scale, sizes.get(SMALL), sizes.get(LARGE)), preview_latency(preview)]


def _check(sizes: dict[int, SizeResult], validation: ValidateResult | None,
           scale: ScaleResult | None) -> list[Target]:
    return [warm_vs_bare(sizes.get(SMALL)), warm_vs_hugo(sizes.get(SMALL)),
            cold_vs_warm(sizes.get(SMALL)),
            linear_time(sizes.get(SMALL), sizes.get(LARGE)),
            linear_size(sizes.get(SMALL), sizes.get(LARGE)),
            validate_vs_frictionless(validation), peak_memory(sizes.get(LARGE)),
            scale_memory(scale), page_weight(sizes.get(LARGE)),
            monitoring_share(sizes.get(SMALL))]


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


def warm_vs_hugo(r: SizeResult | None) -> Target:
    """Milliseconds a page of the warm build against Hugo's on the same number of pages."""
    name = f"warm build of {SMALL:,} clubs ≤ {WARM_VS_HUGO}× Hugo, ms a page (#19)"
    limit = f"≤ {WARM_VS_HUGO}"
    warm, hugo = (median(r.whole_warm), median(r.hugo)) if r else (None, None)
    if not r or not warm or not hugo or not r.md_pages:
        return _missing(name, limit, f"no {SMALL:,}-club build and Hugo run in this run")
    kis_ms, hugo_ms = 1000 * warm / r.md_pages, 1000 * hugo / r.md_pages
    return Target(name, f"{kis_ms:.2f} ms / {hugo_ms:.2f} ms a page = {warm / hugo:.2f}×"
                        f"{_cpu_ratio(r.whole_warm_cpu, r.hugo_cpu)}", limit,
                  warm / hugo <= WARM_VS_HUGO)


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
    if not r.cold:
        return _missing(name, limit, "the build reused the run's PDF cache (--scale-reuse-pdfs)")
    if r.errors or r.build_peak_mb is None or r.validate_peak_mb is None:
        return Target(name, "; ".join(r.errors) or "not measured", limit, False)
    peak = max(r.build_peak_mb, r.validate_peak_mb)
    measured = (f"build {r.build_peak_mb:.0f} MB in {r.build_wall:.0f} s, "
                f"validate {r.validate_peak_mb:.0f} MB in {r.validate_wall:.0f} s")
    return Target(name, measured, limit, peak < PEAK_MB)


def page_weight(r: SizeResult | None) -> Target:
    """Issue #19: the heaviest HTML page (gzip, level 6) of the built site, with the heaviest of
    the next page types, so that a failure says where to look."""
    name = f"no page over {PAGE_GZIP_KIB} KiB gzip at {LARGE:,} clubs (#19)"
    limit = f"≤ {PAGE_GZIP_KIB} KiB a page"
    if r is None or not r.heaviest_pages:
        return _missing(name, limit, f"no {LARGE:,}-club site in this run")
    top = ", ".join(f"{kind} {size / 1024:.0f} KiB ({elements:,} elements)"
                    for kind, _, size, elements in r.heaviest_pages[:4])
    worst = r.heaviest_pages[0]
    return Target(name, f"largest by type: {top}", limit, worst[2] <= PAGE_GZIP_KIB * 1024)


def phones_target(phones: tuple[int, list[lighthouse.PageResult]] | None) -> Target:
    """Issue #19: Lighthouse mobile on the largest page of every type of the LARGE site."""
    name = (f"Lighthouse {lighthouse.VERSION} mobile at {LARGE:,} clubs: every page type "
            f"≥ {lighthouse.MIN_SCORE}, total blocking time ≤ {lighthouse.MAX_TBT_MS:.0f} ms (#19)")
    limit = f"score ≥ {lighthouse.MIN_SCORE}, TBT ≤ {lighthouse.MAX_TBT_MS:.0f} ms, each type"
    if phones is None or not phones[1]:
        return _missing(name, limit, "not run")
    clubs, pages = phones
    scored = [p for p in pages if p.score is not None and p.tbt_ms is not None]
    failing = [p for p in pages if not p.passed]
    low = min(scored, key=lambda p: p.score or 0.0, default=None)
    slow = max(scored, key=lambda p: p.tbt_ms or 0.0, default=None)
    measured = f"{len(pages)} page types"
    if low and slow:
        measured += (f"; lowest score {low.score:.0f} ({low.kind}), highest TBT "
                     f"{slow.tbt_ms:.0f} ms ({slow.kind})")
    if failing:
        measured += "; below target: " + ", ".join(
            f"{p.kind} {'error' if p.error else f'{p.score:.0f}'}" for p in failing)
    if clubs != LARGE:
        return _missing(name, limit, f"{measured} at {clubs:,} clubs only")
    return Target(name, measured, limit, not failing)


def site_size(scale: ScaleResult | None, small: SizeResult | None,
              large: SizeResult | None) -> Target:
    """Issue #19: the built site of SCALE clubs fits GitHub Pages, every club page in it.

    Measured on the SCALE-club build when the run has one; otherwise projected on the straight
    line through the LARGE- and SMALL-club sites (the site grows linearly: see linear_size).
    """
    limit_mb = site_sizes.GITHUB_PAGES_LIMIT / 1e6
    name = f"site of {SCALE:,} clubs < {limit_mb:,.0f} MB (GitHub Pages), no page dropped (#19)"
    limit = f"< {limit_mb:,.0f} MB, {SCALE:,} club pages"
    if scale is not None and scale.clubs >= SCALE and scale.site_mb is not None:
        pages = scale.club_pages
        measured = (f"{scale.site_mb:,.0f} MB, {pages:,} club pages (built, "
                    f"{scale.site_mb * 1e6 / scale.clubs / 1000:.1f} KB a club)")
        return Target(name, measured, limit,
                      scale.site_mb < limit_mb and pages == scale.clubs)
    if not small or not large or not small.site_bytes or not large.site_bytes:
        return _missing(name, limit, f"no {SCALE:,}-club build and no {SMALL:,} + {LARGE:,}")
    slope = (large.site_bytes - small.site_bytes) / (LARGE - SMALL)
    at = large.site_bytes + slope * (SCALE - LARGE)
    measured = (f"projected {at / 1e6:,.0f} MB: straight line through the {SMALL:,}-club "
                f"({small.site_bytes / 1e6:,.0f} MB) and {LARGE:,}-club "
                f"({large.site_bytes / 1e6:,.0f} MB) sites, {slope / 1000:.1f} KB a club; "
                f"no {SCALE:,}-club build in this run")
    return Target(name, measured, limit, at < site_sizes.GITHUB_PAGES_LIMIT)


def preview_latency(r: serve_latency.PreviewResult | None) -> Target:
    """Issue #19: `kis serve` shows an edit to one club's row within a second at SMALL clubs."""
    limit_s = serve_latency.TARGET_SECONDS
    name = f"kis serve shows an edited club's row within {limit_s:.0f} s at {SMALL:,} clubs (#19)"
    limit = f"≤ {limit_s:.0f} s (median)"
    found = r.median() if r else None
    if r is None or found is None:
        why = "; ".join(r.errors) if r and r.errors else "not measured in this run"
        return _missing(name, limit, why)
    measured = f"{found:.2f} s median of {len(r.latency)} edits at {r.clubs:,} clubs"
    if r.clubs != SMALL:
        return _missing(name, limit, measured)
    return Target(name, measured, limit, found <= limit_s and not r.errors)


def monitoring_share(r: SizeResult | None) -> Target:
    """What the statistics and the filled documents (#20) add to a warm build: per warm staged
    run, their stages' CPU seconds against the rest of that run's stages; the median of runs."""
    name = (f"statistics and filled documents add ≤ {MONITORING_SHARE:.0%} to a warm build of "
            f"{SMALL:,} clubs (#20)")
    limit = f"≤ {MONITORING_SHARE:.0%} (CPU seconds of their stages / the other stages)"
    runs = list(zip(r.stages_warm_cpu, r.staged_total_warm_cpu, strict=False)) if r else []
    if not runs or not all(all(s in stages for s in MONITORING_STAGES) for stages, _ in runs):
        return _missing(name, limit, f"no warm staged {SMALL:,}-club build with both stages")
    added = [sum(stages[s] for s in MONITORING_STAGES) for stages, _ in runs]
    shares = [a / (total - a) for a, (_, total) in zip(added, runs, strict=True)]
    share, extra = median(shares), median(added)
    assert share is not None and extra is not None
    parts = ", ".join(f"{s} {median([st[s] for st, _ in runs]):.2f} s" for s in MONITORING_STAGES)
    return Target(name, f"+{share:.1%} ({parts} CPU)", limit, share <= MONITORING_SHARE)

