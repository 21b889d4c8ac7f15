"""The #20 benchmark target: statistics and filled documents add at most 10% to a warm build."""

from __future__ import annotations

from bench.results import SizeResult
from bench.targets import SMALL, monitoring_share


def _result(runs: list[tuple[float, float, float]]) -> SizeResult:
    """Warm staged runs of (statistics, filled documents, sum of all stages) CPU seconds."""
    r = SizeResult(SMALL)
    for stats, filled, total in runs:
        r.stages_warm_cpu.append({"statistics": stats, "filled documents": filled, "pages": 1.0})
        r.staged_total_warm_cpu.append(total)
    return r


def test_share_is_the_median_of_runs_against_the_rest_of_each_run() -> None:
    target = monitoring_share(_result([(0.3, 0.2, 6.5), (0.4, 0.2, 7.2), (0.9, 0.9, 7.0)]))
    assert target.passed is True  # 0.5/6.0 = 8.3 %, 0.6/6.6 = 9.1 %, 1.8/5.2 = 35 %: median
    assert target.measured.startswith("+9.1%")
    assert "statistics 0.40 s" in target.measured and "filled documents 0.20 s" in target.measured


def test_over_ten_percent_fails_and_missing_stages_are_not_measured() -> None:
    assert monitoring_share(_result([(0.4, 0.3, 6.0)])).passed is False  # 0.7/5.3 = 13 %
    assert monitoring_share(None).passed is None
    bare = SizeResult(SMALL)
    bare.stages_warm_cpu.append({"pages": 1.0})
    bare.staged_total_warm_cpu.append(5.0)
    assert monitoring_share(bare).passed is None  # a build without the stages says nothing
