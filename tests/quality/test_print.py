"""Printing: the register and a club page print without navigation chrome, nothing cut off.

With print media emulated and the window as wide as an A4 page within its margins, no chrome
element is rendered and nothing in the content sticks out past the right edge; the PDF printed
by Chromium holds the page's heading but neither the menu nor the skip link.
"""

from __future__ import annotations

import io
import re
import unicodedata

from playwright.sync_api import Browser
from pypdf import PdfReader

from tests.quality.browser import WIDTHS, opened
from tests.quality.findings import Finding, fail_on, snippet
from tests.quality.sites import Site, pages

PRINTED = {"national register", "club: certyfikowany"}
CHROME = (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".md-skip", ".md-overlay",
          "form.kis-filter", ".kis-search-link")
MARGIN = "15mm"
PRINT_WIDTH = 680  # CSS px: A4's 210 mm less two margins of 15 mm, at 96 px per inch
CUT_OFF = """width => Array.from(document.querySelectorAll('article *'))
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > width + 1; })
  .filter(e => !e.parentElement.closest('article *') || e.parentElement.getBoundingClientRect()
    .right <= width + 1).map(e => e.outerHTML.slice(0, 200))"""
RENDERED = """selectors => selectors.filter(s => Array.from(document.querySelectorAll(s))
  .some(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden'))"""


def flat(text: str) -> str:
    """One line, ligatures (ﬁ) undone: text as extracted from a PDF compares with the page."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def test_register_and_club_print_without_chrome(site: Site, browser: Browser) -> None:
    findings = []
    width, height = WIDTHS["desktop"]
    found, problems = pages(site)
    assert not problems, problems
    for page in (p for p in found if p.kind in PRINTED):
        with opened(browser, site, page.path, width, height) as visit:
            tab = visit.tab
            menu = [flat(t) for t in tab.locator(".md-tabs__link").all_inner_texts()]
            skip = flat(tab.locator(".md-skip").text_content() or "")
            title = flat(tab.locator("article h1").first.inner_text())
            tab.emulate_media(media="print")
            tab.set_viewport_size({"width": PRINT_WIDTH, "height": height})
            shown = tab.evaluate(RENDERED, list(CHROME))
            cut = tab.evaluate(CUT_OFF, PRINT_WIDTH)
            pdf = tab.pdf(format="A4", margin=dict.fromkeys(("top", "right", "bottom", "left"),
                                                            MARGIN))
        text = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
        where = page.label()
        assert len(menu) > 3, f"{where}: the menu was not found on screen"
        findings += [Finding("print", where, "navigation chrome is printed", s) for s in shown]
        findings += [Finding("print", where, "cut off at the right edge of an A4 page",
                             snippet(html)) for html in cut]
        if title not in text:
            findings.append(Finding("print", where, "the printed PDF lacks the page heading",
                                    title))
        if " ".join(menu[:3]) in text:
            findings.append(Finding("print", where, "the printed PDF contains the menu",
                                    " ".join(menu)))
        if skip and skip in text:
            findings.append(Finding("print", where, "the printed PDF contains the skip link",
                                    skip))
    fail_on(f"{site.name}: print", findings)
