"""What one benchmark run measured: raw samples per register size, and their medians."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


@dataclass
class SizeResult:
    """Every sample taken for one register size (lists hold one value per repeat)."""

    clubs: int
    md_pages: int = 0
    mkdocs_pages: int = 0  # of md_pages, rendered by mkdocs (the rest into its shells)
    md_bytes: int = 0
    club_md_median: int = 0
    stages_warm: list[dict[str, float]] = field(default_factory=list)
    stages_cold: list[dict[str, float]] = field(default_factory=list)
    stages_warm_cpu: list[dict[str, float]] = field(default_factory=list)
    stages_cold_cpu: list[dict[str, float]] = field(default_factory=list)
    staged_total_warm: list[float] = field(default_factory=list)
    staged_total_warm_cpu: list[float] = field(default_factory=list)
    whole_warm: list[float] = field(default_factory=list)
    whole_cold: list[float] = field(default_factory=list)
    pdf_cold: list[float] = field(default_factory=list)  # PDF rendering inside the cold builds
    whole_pairs: list[tuple[float, float]] = field(default_factory=list)  # (cold, warm) of a repeat
    pdfs_rendered_warm: list[int] = field(default_factory=list)  # 0 unless the cache missed
    whole_warm_cpu: list[float] = field(default_factory=list)  # user + system seconds
    whole_cold_cpu: list[float] = field(default_factory=list)
    bare_cpu: list[float] = field(default_factory=list)
    peak_warm_mb: list[float] = field(default_factory=list)
    peak_cold_mb: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    bare_peak_mb: list[float] = field(default_factory=list)
    hugo: list[float] = field(default_factory=list)  # Hugo on the bare yardstick's pages
    hugo_cpu: list[float] = field(default_factory=list)
    site_bytes: int = 0
    site_files: int = 0
    artifact_bytes: int = 0  # the GitHub Pages artifact: the site tarred and deflated
    bare_site_bytes: int = 0
    # (type, path, gzip bytes, elements) of the heaviest HTML page of each type (#19)
    heaviest_pages: list[tuple[str, str, int, int]] = field(default_factory=list)
    excluded: dict[str, str] = field(default_factory=dict)  # contributor → why it was left out
    errors: list[str] = field(default_factory=list)

    def _samples(self, mode: str, cpu: bool) -> list[dict[str, float]]:
        warm, cold = ((self.stages_warm_cpu, self.stages_cold_cpu) if cpu
                      else (self.stages_warm, self.stages_cold))
        return {"warm": warm, "cold": cold, "all": warm + cold}[mode]

    def stage(self, name: str, mode: str = "all", cpu: bool = False) -> float | None:
        """Median seconds of a stage over the ``warm``, ``cold`` or ``all`` staged builds."""
        return median([s[name] for s in self._samples(mode, cpu) if name in s])

    def pdf_stage(self, cpu: bool = False) -> float | None:
        """PDF rendering and font subsetting inside the forms stage of the cold builds."""
        return median([s.get("pdf", 0.0) + s.get("fonts", 0.0)
                       for s in self._samples("cold", cpu)])

    def stage_names(self) -> list[str]:
        names: list[str] = []
        for sample in self.stages_warm + self.stages_cold:
            names += [n for n in sample if n not in names]
        return names

    def peak_mb(self) -> float | None:
        peaks = self.peak_warm_mb + self.peak_cold_mb
        return max(peaks) if peaks else None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ValidateResult:
    clubs: int
    kis: list[float] = field(default_factory=list)  # wall seconds of the whole process
    frictionless: list[float] = field(default_factory=list)
    kis_in_process: list[float] = field(default_factory=list)
    frictionless_in_process: list[float] = field(default_factory=list)
    kis_cpu: list[float] = field(default_factory=list)
    frictionless_cpu: list[float] = field(default_factory=list)
    kis_peak_mb: list[float] = field(default_factory=list)
    frictionless_peak_mb: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ScaleResult:
    """One cold build (forms' PDFs rendered) and one validation of a very large register; with
    ``--scale-reuse-pdfs`` the build starts from the PDF cache of the run's builds instead
    (``cold`` False, ``pdfs_rendered`` says how many it still rendered)."""

    clubs: int
    cold: bool = True
    pdfs_rendered: int | None = None
    build_wall: float | None = None
    build_cpu: float | None = None
    build_peak_mb: float | None = None
    validate_wall: float | None = None
    validate_peak_mb: float | None = None
    site_mb: float | None = None
    club_pages: int = 0  # kluby/*/index.html in the built site (#19: no page dropped)
    categories: dict[str, tuple[int, int]] = field(default_factory=dict)  # bytes, files (#19)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)
