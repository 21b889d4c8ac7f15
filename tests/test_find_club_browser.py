"""Find a club near me, search that ranks, check a certificate: the built demo site in Chromium.

The queries people asked in issue 18 ("gdansk", "w Gdańsku", "sopot", "porady prawne",
"pomoc prawna Gdańsk", a certificate number typed in lower case), and every certificate number
printed anywhere on the site leads to a certificate page.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser_support import guarded_page

NUMBER = re.compile(r"KIS-\d{2}-\d{4}-\d{3}")


@pytest.fixture(scope="module")
def site(demo_site: Path) -> Path:
    return demo_site


@pytest.fixture
def page_options() -> dict[str, object]:
    return {"viewport": {"width": 390, "height": 900}}


def _search(page: Page, server: str, query: str) -> None:
    page.goto(f"{server}szukaj/?q={quote(query)}")
    expect(page.locator("#kis-search-status")).to_contain_text("Znaleziono")


def _hits(page: Page) -> list[str]:
    return page.locator("#kis-search-list > li").all_inner_texts()


@pytest.mark.parametrize("query", ["gdansk", "w Gdańsku", "Gdańsk"])
def test_town_lists_clubs_by_distance(page: Page, server: str, query: str) -> None:
    _search(page, server, query)
    expect(page.locator("#kis-search-status")).to_contain_text(
        "Odległości liczone od: Gdańsk (woj. pomorskie).")
    hits = _hits(page)
    assert hits[0].startswith("Klub Integracji Społecznej „Przystań”")
    assert "Gdańsk, woj. pomorskie · 6,9 km · certyfikowany" in hits[0]
    assert "Usługi: poradnictwo psychologiczne, poradnictwo prawne" in hits[0]
    assert "Kolbudy, woj. pomorskie · 15 km · certyfikowany" in hits[1]
    assert len(hits) == 20
    expect(page.locator("#kis-search-more")).to_be_visible()


def test_town_without_a_club_shows_the_nearest(page: Page, server: str) -> None:
    _search(page, server, "sopot")
    expect(page.locator("#kis-search-status")).to_contain_text("Sopot (woj. pomorskie)")
    hits = _hits(page)
    assert "Gdańsk, woj. pomorskie · 4,6 km" in hits[0]
    assert "Kolbudy, woj. pomorskie · 20 km" in hits[1]


def test_gmina_name_inflected(page: Page, server: str) -> None:
    _search(page, server, "w Kolbudach")
    assert "Kolbudy, woj. pomorskie · 0,5 km · certyfikowany" in _hits(page)[0]


def test_legal_advice_finds_certified_clubs_first(page: Page, server: str) -> None:
    _search(page, server, "porady prawne")
    items = page.locator("#kis-search-list > li")
    classes = [items.nth(i).get_attribute("class") for i in range(items.count())]
    assert classes[0] == "kis-search-hit"
    # certified ones first: once a lighter result appears, no certified one follows
    if "kis-search-hit kis-search-hit--other" in classes:
        first_other = classes.index("kis-search-hit kis-search-hit--other")
        assert "kis-search-hit" not in classes[first_other:]
    assert all("poradnictwo prawne" in hit for hit in _hits(page))
    assert "certyfikowany" in _hits(page)[0]
    pages = page.locator("#kis-search-pages a").all_inner_texts()
    assert "Certyfikowane kluby: poradnictwo prawne" in pages


def test_legal_help_in_gdansk(page: Page, server: str) -> None:
    _search(page, server, "pomoc prawna Gdańsk")
    hits = _hits(page)
    assert hits[0].startswith("Klub Integracji Społecznej „Przystań”")
    assert "6,9 km" in hits[0]
    assert all("poradnictwo prawne" in hit for hit in hits)
    expect(page.locator("#kis-search-note")).to_be_hidden()


def test_partial_matches_say_so(page: Page, server: str) -> None:
    _search(page, server, "psycholog xyzzy")
    expect(page.locator("#kis-search-note")).to_have_text(
        "Nie znaleziono wyników zawierających wszystkie słowa. Najlepiej pasujące:")
    assert all("poradnictwo psychologiczne" in hit for hit in _hits(page))


def test_more_results_and_status_filter(page: Page, server: str) -> None:
    _search(page, server, "klub")
    assert len(_hits(page)) == 20
    page.locator("#kis-search-more").click()
    assert len(_hits(page)) == 40
    expect(page.locator("#kis-search-list > li:nth-child(21) a")).to_be_focused()
    page.get_by_label("Status klubu").select_option("certyfikat")
    assert "status=certyfikat" in page.url
    expect(page.locator("#kis-search-status")).to_contain_text("o innym statusie")
    assert all("certyfikowany" in hit or "wkrótce wygasa" in hit for hit in _hits(page))


def test_home_page_box_leads_to_results(page: Page, server: str) -> None:
    page.goto(server)
    page.get_by_label("Miejscowość, gmina, nazwa klubu lub usługa").fill("Kolbudy")
    page.get_by_label("Miejscowość, gmina, nazwa klubu lub usługa").press("Enter")
    expect(page.locator("#kis-search-status")).to_contain_text("Kolbudy (woj. pomorskie)")


def test_without_javascript_clubs_by_voivodeship(browser: Browser, server: str) -> None:
    with guarded_page(browser, java_script_enabled=False) as page:
        page.goto(f"{server}szukaj/?q=gdansk")
        link = page.get_by_role("link", name="pomorskie", exact=True)
        expect(link).to_be_visible()
        link.click()
        expect(page.locator("h1")).to_contain_text("pomorskie")
        expect(page.locator("main")).to_contain_text("Kolbudy")


@pytest.mark.parametrize(("typed", "answer"), [
    ("kis-22-2024-002", "Certyfikat jest ważny."),
    ("KIS 22 2024 2", "Certyfikat jest ważny."),
    ("kis-22-2024-001", "Certyfikat nie jest ważny: został cofnięty."),
    ("KIS-22-2022-001", "Certyfikat nie jest już ważny: zastąpił go kolejny certyfikat."),
    ("KIS-22-2024-999", "W rejestrze nie ma certyfikatu o numerze KIS-22-2024-999."),
])
def test_certificate_check(page: Page, server: str, typed: str, answer: str) -> None:
    page.goto(f"{server}certyfikaty/")
    box = page.get_by_label("Numer certyfikatu")
    box.fill(typed)
    box.press("Enter")
    expect(page.locator("#kis-cert-answer")).to_contain_text(answer)
    if "zastąpił" in answer:  # the answer links the next certificate too
        expect(page.locator("#kis-cert-answer a").nth(1)).to_have_text("KIS-22-2025-001")
    if "nie ma" not in answer:
        page.locator("#kis-cert-answer a").first.click()
        expect(page.locator("h1")).to_contain_text(NUMBER)


def test_lower_case_certificate_address_leads_to_the_page(page: Page, server: str) -> None:
    page.goto(f"{server}certyfikaty/kis-22-2024-002/")
    expect(page).to_have_url(f"{server}certyfikaty/KIS-22-2024-002/")
    expect(page.locator("h1")).to_contain_text("KIS-22-2024-002")


def test_every_printed_certificate_number_has_its_page(site: Path) -> None:
    """Form 6 and 7 examples, guidance pages, club pages: each number printed resolves."""
    printed: dict[str, str] = {}
    for html in site.rglob("*.html"):
        for number in NUMBER.findall(html.read_text(encoding="utf-8", errors="replace")):
            printed.setdefault(number, html.relative_to(site).as_posix())
    assert len(printed) > 20
    missing = {n: where for n, where in printed.items()
               if not (site / "certyfikaty" / n / "index.html").is_file()}
    assert missing == {}


def test_a_mistyped_certificate_address_leads_to_the_check(page: Page, server: str,
                                                           site: Path) -> None:
    """GitHub Pages answers a missing address with 404.html; its script sends a certificate
    address to the check box, which reads the number as typed."""
    for typed in ("kis-22-2024-2", "KIS-22-2024-999"):
        page.route(f"**/certyfikaty/{typed}/",
                   lambda route: route.fulfill(status=404, path=site / "404.html"))
        page.goto(f"{server}certyfikaty/{typed}/")
        expect(page).to_have_url(re.compile(r"/certyfikaty/\?numer=KIS-22-2024-"))
    expect(page.locator("#kis-cert-answer")).to_contain_text(
        "W rejestrze nie ma certyfikatu o numerze KIS-22-2024-999.")
    page.goto(f"{server}certyfikaty/?numer=KIS-22-2024-002")
    expect(page.locator("#kis-cert-answer")).to_contain_text("Certyfikat jest ważny.")


def test_the_header_links_the_check_and_the_credits_name_geonames(site: Path) -> None:
    for page in ("index.html", "rejestr/index.html", "kluby/kolbudy/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert re.search(r'<a href="[./]*certyfikaty/" class="md-header__button md-icon '
                         r'kis-cert-link" aria-label="Sprawdź certyfikat KIS"', html), page
    credit = "Położenie miejscowości: GeoNames (https://www.geonames.org/), licencja CC BY 4.0."
    for page in ("szukaj/index.html", "dane/index.html"):
        assert credit in (site / page).read_text(encoding="utf-8"), page
