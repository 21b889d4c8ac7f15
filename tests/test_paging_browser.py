"""Lists in pages with JavaScript (issue #19), in Chromium: the filters and the sort act on the
whole list, not one page; the certificate check finds a number listed on another page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from generator import website
from generator.parts import paging
from tests.site_support import DEMO, DEMO_AS_OF, club_ids_in_table

SIZE = 3


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("paged-demo") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(paging, "PAGE_SIZE", SIZE)
        website.build_site(DEMO, out, DEMO_AS_OF)
    return out


def _all_rows(site: Path, base: str) -> list[str]:
    pages = [site / base / "index.html",
             *sorted((site / base / "strona").glob("*/index.html"),
                     key=lambda p: int(p.parent.name))]
    return [club for p in pages for club in club_ids_in_table(p)]


def _shown(page: Page) -> list[str]:
    links = page.locator("#tabela-klubow tbody tr:not([hidden]) td:first-child a")
    return [h.rstrip("/").rsplit("/", 1)[-1] for h in
            links.evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")]


def test_a_filter_acts_on_every_page_of_the_register(page: Page, server: str, site: Path) -> None:
    everything = _all_rows(site, "rejestr")
    assert len(everything) > 2 * SIZE  # the demo's register fills several pages
    page.goto(f"{server}rejestr/")
    expect(page.locator("nav.kis-pager")).to_be_visible()
    assert len(_shown(page)) == SIZE
    page.get_by_label("Status").select_option("certyfikowany")
    expect(page.locator("[data-kis-count]")).to_contain_text(f"z {len(everything)} klubów.")
    expect(page.locator("nav.kis-pager")).to_be_hidden()
    shown = _shown(page)
    assert len(shown) > SIZE and set(shown) <= set(everything)
    page.get_by_label("Status").select_option("")
    expect(page.locator("nav.kis-pager")).to_be_visible()
    assert _shown(page) == everything[:SIZE]


def test_sorting_orders_the_whole_list(page: Page, server: str, site: Path) -> None:
    everything = _all_rows(site, "rejestr")
    page.goto(f"{server}rejestr/strona/2/")
    page.locator("#tabela-klubow thead th").first.get_by_role("button").click()
    expect(page.locator("#tabela-klubow thead th").first).to_have_attribute(
        "aria-sort", "ascending")
    shown = _shown(page)
    assert sorted(shown) == sorted(everything)  # every page's rows, once


def test_certificate_check_finds_a_number_on_another_page(page: Page, server: str,
                                                          site: Path) -> None:
    later = (site / "certyfikaty" / "strona" / "2" / "index.html").read_text(encoding="utf-8")
    first = (site / "certyfikaty" / "index.html").read_text(encoding="utf-8")
    number = next(n for n in re.findall(r'data-number="([^"]+)"', later) if n not in first)
    page.goto(f"{server}certyfikaty/?numer={number}")
    answer = page.locator("#kis-cert-answer")
    expect(answer).to_contain_text("Certyfikat")
    expect(answer).to_contain_text("Wydany dla:")
    answer.locator("a").first.click()
    expect(page.locator("h1")).to_contain_text(number)
