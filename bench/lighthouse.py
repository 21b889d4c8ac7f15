"""Lighthouse mobile on one page of each type of a built site (issue #19, "Phones").

``python -m bench.lighthouse SITE [--runs N] [--json OUT]``. Lighthouse is pinned in
``bench/lighthouse/package-lock.json`` and installed with ``npm ci`` into ``bench/out/node``; it
drives Debian's Chromium (``CHROME_PATH``, default ``/usr/bin/chromium``) with its default
mobile settings (simulated slow 4G, 4× CPU slowdown). The site is served on 127.0.0.1 with gzip
(``bench.static_server``) and Chromium may resolve no other host: nothing is fetched from
another host, and a page that tries is reported. For each page type the largest page of that
type is audited (the worst case), ``--runs`` times; the median run counts.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench.page_weight import gzip_size
from bench.static_server import serve

PROJECT = Path(__file__).resolve().parent.parent
PINNED = PROJECT / "bench" / "lighthouse"  # package.json + package-lock.json
NODE_DIR = PROJECT / "bench" / "out" / "node"
VERSION = "12.2.3"
MIN_SCORE = 95
MAX_TBT_MS = 200.0
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1")
TIMEOUT = 300  # seconds for one Lighthouse run

# (page type, glob of its pages under the site): the largest match is audited.
PAGE_TYPES: tuple[tuple[str, str], ...] = (
    ("strona główna", "index.html"),
    ("rejestr", "rejestr/index.html"),
    ("rejestr: status", "rejestr/status/*/index.html"),
    ("rejestr: usługa", "rejestr/usluga/*/index.html"),
    ("województwo", "wojewodztwa/*/index.html"),
    ("klub", "kluby/*/index.html"),
    ("certyfikat", "certyfikaty/*/index.html"),
    ("mapa", "mapa/index.html"),
    ("szukaj", "szukaj/index.html"),
    ("statystyki", "statystyki/index.html"),
    ("statystyki województwa", "statystyki/*/index.html"),
    ("dane", "dane/index.html"),
    ("API", "dane/api/index.html"),
    ("formularz", "formularze/*/index.html"),
    ("dobre praktyki", "dobre-praktyki/index.html"),
    ("zakładanie klubu", "zakladanie-klubu/index.html"),
    ("kalkulator", "zakladanie-klubu/kalkulator/index.html"),
)
# Scored audits whose savings are reported as "what costs points".
OPPORTUNITY_MIN_MS = 50
LONG_TASKS_SHOWN = 5  # the longest main-thread tasks named for a page that misses the target


@dataclass
class PageResult:
    kind: str
    path: str  # URL path on the site
    html_bytes: int
    html_gzip_bytes: int
    score: float | None = None  # 0–100, median of the runs
    tbt_ms: float | None = None
    weight_bytes: float | None = None  # transferred, every request of the page
    lcp_ms: float | None = None
    cls: float | None = None
    dom_elements: float | None = None
    costs: list[str] = field(default_factory=list)  # audits that cost points (median run)
    long_tasks: list[str] = field(default_factory=list)  # longest main-thread tasks (median)
    foreign: list[str] = field(default_factory=list)  # requests to another host
    scores: list[float] = field(default_factory=list)
    error: str = ""

    @property
    def passed(self) -> bool:
        return (not self.error and self.score is not None and self.score >= MIN_SCORE
                and self.tbt_ms is not None and self.tbt_ms <= MAX_TBT_MS and not self.foreign)


def ensure_lighthouse(node_dir: Path = NODE_DIR) -> Path:
    """Install the pinned Lighthouse (``npm ci``) unless it is there; its CLI script."""
    cli = node_dir / "node_modules" / "lighthouse" / "cli" / "index.js"
    meta = node_dir / "node_modules" / "lighthouse" / "package.json"
    lock = PINNED / "package-lock.json"
    installed = node_dir / "package-lock.json"
    if (meta.is_file() and json.loads(meta.read_text())["version"] == VERSION
            and installed.is_file() and installed.read_bytes() == lock.read_bytes()):
        return cli
    node_dir.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(PINNED / name, node_dir / name)
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
                   cwd=node_dir, check=True, capture_output=True)
    return cli


def pick_pages(site: Path) -> list[PageResult]:
    """The largest page of each type present in ``site``."""
    picked = []
    for kind, pattern in PAGE_TYPES:
        pages = sorted(site.glob(pattern), key=lambda p: (-p.stat().st_size, str(p)))
        if not pages:
            continue
        page = pages[0]
        url = "/" + page.relative_to(site).as_posix().removesuffix("index.html")
        picked.append(PageResult(kind, url, page.stat().st_size,
                                  gzip_size(page.read_bytes())))
    return picked


def run_once(cli: Path, url: str, out: Path) -> dict:
    """One Lighthouse run (performance only, mobile defaults); its report as a dict."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    cmd = ["node", str(cli), url, "--only-categories=performance", "--output=json",
           f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}", "--quiet"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    if proc.returncode or not out.is_file():
        raise RuntimeError(f"lighthouse exit {proc.returncode}: {proc.stderr[-1500:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def _value(report: dict, audit: str) -> float | None:
    value = report["audits"].get(audit, {}).get("numericValue")
    return float(value) if value is not None else None


def costs(report: dict) -> list[str]:
    """The scored metrics below full marks and the opportunities worth ≥ 50 ms, as text."""
    audits = report["audits"]
    found = []
    for ref in report["categories"]["performance"]["auditRefs"]:
        audit = audits.get(ref["id"], {})
        if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
            found.append(f"{ref['id']} {audit.get('displayValue', '')} "
                         f"(score {audit['score']:.2f}, weight {ref['weight']})".replace("  ", " "))
    for audit_id, audit in sorted(audits.items()):
        details = audit.get("details") or {}
        saving = details.get("overallSavingsMs") or 0
        if details.get("type") == "opportunity" and saving >= OPPORTUNITY_MIN_MS:
            found.append(f"{audit_id}: saves {saving:.0f} ms")
    for audit_id in ("layout-shifts", "render-blocking-resources", "dom-size"):
        audit = audits.get(audit_id, {})
        if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("displayValue"):
            found.append(f"{audit_id}: {audit['displayValue']}")
    return list(dict.fromkeys(found))


def long_tasks(report: dict) -> list[str]:
    """The longest main-thread tasks of a run, longest first, as "what (start) duration": what is
    the script the task is attributed to (its file name), the page itself, or "unattributable"
    (style, layout, parsing). Durations as Lighthouse simulates them (4× CPU slowdown)."""
    items = (report["audits"].get("long-tasks", {}).get("details") or {}).get("items", [])
    shown = []
    for item in sorted(items, key=lambda i: -i.get("duration", 0))[:LONG_TASKS_SHOWN]:
        url = item.get("url", "")
        if url.startswith("http"):
            path = urlsplit(url).path
            what = "the page" if path.endswith("/") else path.rsplit("/", 1)[-1]
        else:
            what = "unattributable"
        start, duration = item.get("startTime", 0), item.get("duration", 0)
        shown.append(f"{what} (at {start:.0f} ms) {duration:.0f} ms")
    return shown


def foreign_requests(report: dict) -> list[str]:
    items = (report["audits"].get("network-requests", {}).get("details") or {}).get("items", [])
    return sorted({i["url"] for i in items
                   if urlsplit(i.get("url", "")).hostname not in (None, "127.0.0.1")
                   and not i.get("url", "").startswith(("data:", "blob:"))})


def audit(site: Path, runs: int = 1, log=None) -> list[PageResult]:
    """Lighthouse on the largest page of every type in ``site``."""
    cli = ensure_lighthouse()
    pages = pick_pages(site)
    with serve(site) as base, tempfile.TemporaryDirectory(prefix="kis-lh-") as tmp:
        for page in pages:
            reports = []
            for i in range(runs):
                if log:
                    log(f"[lighthouse] {page.kind} {page.path} {i + 1}/{runs}")
                try:
                    report = run_once(cli, base + page.path, Path(tmp) / f"r{i}.json")
                except (RuntimeError, subprocess.TimeoutExpired) as exc:
                    page.error = str(exc)[-500:]
                    break
                if report.get("runtimeError"):
                    page.error = report["runtimeError"].get("message", "runtime error")
                    break
                reports.append(report)
            if not reports:
                continue
            for r in reports:
                score = r["categories"]["performance"]["score"]
                page.scores.append(round(100 * score, 1) if score is not None else 0.0)
            order = sorted(range(len(reports)), key=lambda n: page.scores[n])
            median_run = order[len(reports) // 2]
            report = reports[median_run]
            page.score = page.scores[median_run]
            page.tbt_ms = statistics.median(_value(r, "total-blocking-time") or 0.0
                                            for r in reports)
            page.weight_bytes = _value(report, "total-byte-weight")
            page.lcp_ms = _value(report, "largest-contentful-paint")
            page.cls = _value(report, "cumulative-layout-shift")
            page.dom_elements = _value(report, "dom-size")
            page.costs = costs(report)
            page.long_tasks = long_tasks(report)
            page.foreign = foreign_requests(report)
    return pages


def table(pages: Sequence[PageResult]) -> list[str]:
    """The results as a Markdown table."""
    rows = ["| page type | page | score | TBT ms | LCP s | CLS | weight KiB | HTML gzip KiB "
            "| DOM elements |",
            "|---|---|--:|--:|--:|--:|--:|--:|--:|"]

    def num(value: float | None, fmt: str) -> str:
        return "–" if value is None else format(value, fmt)

    for p in pages:
        score = num(p.score, ".0f") + ("" if len(p.scores) < 2 else
                                       f" ({', '.join(f'{s:.0f}' for s in p.scores)})")
        rows.append(f"| {p.kind} | `{p.path}` | {'error' if p.error else score} "
                    f"| {num(p.tbt_ms, '.0f')} | {num(p.lcp_ms and p.lcp_ms / 1000, '.1f')} "
                    f"| {num(p.cls, '.3f')} "
                    f"| {num(p.weight_bytes and p.weight_bytes / 1024, '.0f')} "
                    f"| {p.html_gzip_bytes / 1024:.0f} | {num(p.dom_elements, '.0f')} |")
    return rows


def findings(pages: Sequence[PageResult]) -> list[str]:
    """What costs points, per page type that misses the target (and errors, foreign requests)."""
    lines = []
    for p in pages:
        if p.error:
            lines.append(f"- {p.kind}: Lighthouse failed: {p.error}")
        if p.foreign:
            lines.append(f"- {p.kind}: requests to another host: {', '.join(p.foreign)}")
        if not p.error and not p.passed:
            lines.append(f"- {p.kind} ({p.score:.0f}, TBT {p.tbt_ms:.0f} ms): "
                         + "; ".join(p.costs or ["no single audit stands out"])
                         + (f"; long tasks: {', '.join(p.long_tasks)}" if p.long_tasks else ""))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.lighthouse", description=__doc__)
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median counts)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    args = parser.parse_args(argv)
    pages = audit(args.site, args.runs, log=lambda m: print(m, file=sys.stderr, flush=True))
    print("\n".join(table(pages)))
    print("\n".join(findings(pages)))
    if args.json:
        args.json.write_text(json.dumps([asdict(p) for p in pages], indent=1,
                                        ensure_ascii=False) + "\n", encoding="utf-8")
    return 0 if pages and all(p.passed for p in pages) else 1


if __name__ == "__main__":
    raise SystemExit(main())
