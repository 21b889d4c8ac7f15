"""The Nu HTML Checker (vnu.jar from npm, run with the system Java) over every HTML file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.quality.findings import Finding, fail_on, snippet
from tests.quality.sites import FAMILY, Site, validated_pages


def vnu_findings(site: Site, checked: tuple[int, str]) -> list[Finding]:
    """The checker's messages (``checked``: its exit code and output) as findings."""
    code, text = checked
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


def test_every_page_is_valid_html(site: Site, html_checked: tuple[int, str]) -> None:
    findings = vnu_findings(site, html_checked)
    pages = len(validated_pages(site.root, site.sampled))
    assert pages > 50, f"only {pages} HTML files checked in the {site.name} site"
    fail_on(f"{site.name}: Nu HTML Checker errors", findings)


def test_a_sampled_site_is_validated_page_type_by_page_type(tmp_path: Path) -> None:
    """Of a big site every page is validated but those of a big family of sibling pages (one
    per club), of which the smallest and the largest; of the demo site, every page."""
    pages = ["index.html", "404.html", "rejestr/index.html", "rejestr/strona/2/index.html",
             *(f"kluby/k{n:02d}/index.html" for n in range(FAMILY + 1)),
             *(f"formularze/f{n}/index.html" for n in range(3))]
    for n, page in enumerate(pages):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("x" * (n if "kluby" in page else 1), encoding="utf-8")
    chosen = {p.relative_to(tmp_path).as_posix() for p in validated_pages(tmp_path, True)}
    assert chosen == set(pages) - {f"kluby/k{n:02d}/index.html" for n in range(1, FAMILY)}
    assert len(validated_pages(tmp_path, False)) == len(pages)
