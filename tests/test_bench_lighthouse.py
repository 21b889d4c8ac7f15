"""The #19 bench machinery: the local server, Lighthouse on one page, sizes by category, targets."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path

import pytest

from bench import lighthouse, site_sizes, targets
from bench.results import ScaleResult, SizeResult
from bench.static_server import serve


@pytest.fixture()
def tiny_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "kluby" / "a").mkdir(parents=True)
    (site / "assets").mkdir()
    page = ("<!doctype html><html lang=pl><head><meta charset=utf-8><title>Klub</title>"
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            '<link rel="stylesheet" href="/assets/s.css"></head><body>\n\n    <article><h1>Klub'
            "</h1>" + "<p>Klub integracji społecznej.</p>" * 50 + "</article>\n\n</body></html>")
    (site / "index.html").write_text(page.replace("Klub</h1>", "Rejestr</h1>"), encoding="utf-8")
    (site / "kluby" / "a" / "index.html").write_text(page, encoding="utf-8")
    (site / "kluby" / "b").mkdir()
    (site / "kluby" / "b" / "index.html").write_text(
        '<meta http-equiv="refresh" content="0; url=../a/">', encoding="utf-8")
    (site / "assets" / "s.css").write_text("body{margin:0}" * 40, encoding="utf-8")
    (site / "404.html").write_text("<h1>Nie ma</h1>", encoding="utf-8")
    return site


def _get(url: str, gzipped: bool) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzipped else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_the_server_gzips_text_and_answers_404_with_the_sites_page(tiny_site: Path) -> None:
    with serve(tiny_site) as base:
        assert base.startswith("http://127.0.0.1:")
        status, headers, body = _get(base + "/kluby/a/", gzipped=True)
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == (tiny_site / "kluby/a/index.html").read_bytes()
        status, headers, body = _get(base + "/assets/s.css", gzipped=False)
        assert status == 200 and "Content-Encoding" not in headers and body.startswith(b"body")
        status, _, body = _get(base + "/nie-ma/", gzipped=False)
        assert status == 404 and b"Nie ma" in body
        assert _get(base + "/../../etc/passwd", gzipped=False)[0] == 404


def test_lighthouse_scores_a_page_offline(tiny_site: Path) -> None:
    pages = lighthouse.audit(tiny_site, runs=1)
    by_kind = {p.kind: p for p in pages}
    assert set(by_kind) == {"strona główna", "klub"}
    club = by_kind["klub"]
    assert club.path == "/kluby/a/"  # the largest of its type, not the redirect stub
    assert club.error == "" and club.foreign == []
    assert club.score is not None and 0 < club.score <= 100
    assert club.tbt_ms is not None and club.weight_bytes and club.weight_bytes > 0
    assert club.passed is (club.score >= lighthouse.MIN_SCORE and club.tbt_ms <= 200)
    assert lighthouse.table(pages)[2].startswith("| strona główna | `/` |")


def test_sizes_by_category(tiny_site: Path) -> None:
    sizes = site_sizes.measure(tiny_site, clubs=2)
    assert sizes.by_category["redirect stubs (HTML)"][1] == 1
    assert sizes.by_category["club pages (HTML)"][1] == 1
    assert sizes.total == sum(p.stat().st_size for p in tiny_site.rglob("*") if p.is_file())
    assert 0 < sizes.club_frame_median < sizes.club_page_median
    a, b = site_sizes.SiteSizes(1000, total=100_000_000), site_sizes.SiteSizes(5000,
                                                                                total=420_000_000)
    assert site_sizes.project(a, b) == pytest.approx(1_620_000_000)


def test_site_size_target_measured_or_projected() -> None:
    built = ScaleResult(20_000, site_mb=900.0, club_pages=20_000)
    assert targets.site_size(built, None, None).passed is True
    built.club_pages = 19_999  # a page dropped
    assert targets.site_size(built, None, None).passed is False
    small, large = SizeResult(1000, site_bytes=60_000_000), SizeResult(5000, site_bytes=240_000_000)
    projected = targets.site_size(None, small, large)  # 45 KB a club: 240 + 15,000 × 45 KB
    assert projected.passed is True and projected.measured.startswith("projected 915 MB")
    assert "straight line" in projected.measured
    large.site_bytes = 300_000_000
    assert targets.site_size(None, small, large).passed is False
    assert targets.site_size(None, small, None).passed is None


def test_phones_target() -> None:
    good = lighthouse.PageResult("klub", "/kluby/a/", 1000, 500, score=99, tbt_ms=10)
    bad = lighthouse.PageResult("rejestr", "/rejestr/", 1000, 500, score=69, tbt_ms=2900)
    assert targets.phones_target((5000, [good])).passed is True
    failed = targets.phones_target((5000, [good, bad]))
    assert failed.passed is False and "rejestr 69" in failed.measured
    assert targets.phones_target((1000, [good])).passed is None  # not at 5,000 clubs
    assert targets.phones_target(None).passed is None


def test_long_tasks_name_the_script_or_the_page_longest_first() -> None:
    items = [{"url": "http://127.0.0.1:1/rejestr/", "startTime": 700.4, "duration": 399.0},
             {"url": "Unattributable", "startTime": 625.0, "duration": 83.0},
             {"url": "http://127.0.0.1:1/assets/javascripts/bundle.a5.min.js", "startTime": 1754.0,
              "duration": 171.2}]
    report = {"audits": {"long-tasks": {"details": {"items": items}}}}
    assert lighthouse.long_tasks(report) == ["the page (at 700 ms) 399 ms",
                                             "bundle.a5.min.js (at 1754 ms) 171 ms",
                                             "unattributable (at 625 ms) 83 ms"]
    assert lighthouse.long_tasks({"audits": {}}) == []
    page = lighthouse.PageResult("rejestr", "/rejestr/", 1000, 500, score=90, tbt_ms=300,
                                 long_tasks=lighthouse.long_tasks(report))
    assert lighthouse.findings([page])[0].endswith(
        "long tasks: the page (at 700 ms) 399 ms, bundle.a5.min.js (at 1754 ms) 171 ms, "
        "unattributable (at 625 ms) 83 ms")
