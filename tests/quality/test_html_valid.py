"""The Nu HTML Checker (vnu.jar from npm, run with the system Java) over every HTML file."""

from __future__ import annotations

import json

import pytest

from tests.quality.findings import Finding, fail_on, snippet
from tests.quality.sites import Site

CHECKER_TIMEOUT = 900  # seconds; the 1,000-club site takes about two minutes


def vnu_findings(site: Site) -> list[Finding]:
    assert site.checker is not None, "the site fixture starts the checker"
    process, out = site.checker
    code = process.wait(timeout=CHECKER_TIMEOUT)
    text = out.read_text(encoding="utf-8")
    try:
        messages = json.loads(text)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the HTML checker failed (exit {code}):\n{text[:2000]}", pytrace=False)
    prefix = "file:" + str(site.root)
    findings = []
    for m in messages:
        page = m.get("url", "").removeprefix(prefix) or "(site)"
        line = m.get("lastLine", m.get("firstLine", "?"))
        findings.append(Finding("vnu", page, f"{m.get('type', 'error')}/{m['message']}",
                                f"line {line}: {snippet(m.get('extract', ''))}"))
    return findings


def test_every_page_is_valid_html(site: Site) -> None:
    findings = vnu_findings(site)
    pages = sum(1 for _ in site.root.rglob("*.html"))
    assert pages > 50, f"only {pages} HTML files in the {site.name} site"
    fail_on(f"{site.name}: Nu HTML Checker errors", findings)
