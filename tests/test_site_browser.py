"""The built demo site in Chromium: sorting and filtering work, no script errors, and no request
leaves 127.0.0.1 (the browser is cut off from every other host)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page

from generator.api import read_register
from generator.register.status import standing
from tests.browser_support import guarded_page
from tests.site_support import DEMO, DEMO_AS_OF


@pytest.fixture(scope="module")
def site(demo_site: Path) -> Path:
    return demo_site


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "url",
    [
        "",
        "rejestr/",
        "wojewodztwa/pomorskie/",
        "kluby/kolbudy/",
        "certyfikacja/",
        "dobre-praktyki/",
    ],
)
def test_pages_load_nothing_from_outside_and_raise_no_errors(
    browser: Browser, server: str, url: str, width: int
) -> None:
    with guarded_page(browser, viewport={"width": width, "height": 900}) as page:
        page.goto(server + url, wait_until="networkidle")
        assert page.locator(".kis-example").is_visible()
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{url} is wider than the screen"


def column(page: Page, index: int) -> list[str]:
    return page.locator(
        f"#tabela-klubow tbody tr:not([hidden]) td:nth-child({index})"
    ).all_inner_texts()


def test_sort_buttons_sort_and_announce_the_order(page: Page, server: str) -> None:
    page.goto(server + "rejestr/")
    headers = page.locator("#tabela-klubow thead th")
    assert headers.nth(1).get_attribute("aria-sort") == "ascending"
    names = column(page, 1)
    page.get_by_role("button", name="Klub").click()
    assert headers.nth(0).get_attribute("aria-sort") == "ascending"
    assert headers.nth(1).get_attribute("aria-sort") is None
    ascending = column(page, 1)
    assert sorted(ascending) == sorted(names) and ascending != names
    page.get_by_role("button", name="Klub").click()
    assert headers.nth(0).get_attribute("aria-sort") == "descending"
    assert column(page, 1)[0] == ascending[-1]

    page.get_by_role("button", name="Ważny do").click()
    valid = page.locator("#tabela-klubow tbody td[data-label='Ważny do']")
    keys = [valid.nth(i).get_attribute("data-sort") for i in range(valid.count())]
    assert keys == sorted(keys)


def test_filters_hide_rows_and_say_how_many_are_shown(page: Page, server: str) -> None:
    demo = read_register(DEMO, DEMO_AS_OF)
    statuses = [standing(c.events, DEMO_AS_OF).status for c in demo.clubs]
    certified = statuses.count("certyfikowany") + statuses.count("wygasa")
    page.goto(server + "rejestr/")
    assert page.locator("form.kis-filter").is_visible()
    page.get_by_label("Status").select_option("wygasa")
    assert len(column(page, 1)) == statuses.count("wygasa")
    assert page.locator("[data-kis-count]").inner_text() == (
        f"Pokazano {statuses.count('wygasa')} z {certified} klubów."
    )
    page.get_by_label("Status").select_option("")
    page.get_by_label("Województwo").select_option(label="pomorskie")
    pomorskie = {
        c.id
        for c in demo.clubs
        if c.voivodeship == "22" and standing(c.events, DEMO_AS_OF).is_certified
    }
    assert len(column(page, 1)) == len(pomorskie)


def test_filters_live_in_the_address_and_the_caption_follows(
    page: Page, server: str
) -> None:
    demo = read_register(DEMO, DEMO_AS_OF)
    expiring_lodz = sum(
        c.voivodeship == "10" and standing(c.events, DEMO_AS_OF).status == "wygasa"
        for c in demo.clubs
    )
    page.goto(server + "rejestr/?wojewodztwo=10&status=wygasa")  # a shared link
    assert page.get_by_label("Województwo").input_value() == "10"
    assert page.get_by_label("Status").input_value() == "wygasa"
    assert len(column(page, 1)) == expiring_lodz
    caption = page.locator("#tabela-klubow caption").inner_text()
    assert "(województwo: łódzkie, status: certyfikat wkrótce wygasa)" in caption
    page.get_by_label("Województwo").select_option("")
    assert page.url.endswith("rejestr/?status=wygasa")
    assert "województwo:" not in page.locator("#tabela-klubow caption").inner_text()
    page.get_by_label("Status").select_option("")
    assert page.url.endswith("rejestr/")
    page.goto(server + "rejestr/?status=nieznany")  # an unknown value is ignored
    assert page.get_by_label("Status").input_value() == ""


def test_sorting_works_on_a_phone(browser: Browser, server: str) -> None:
    with guarded_page(browser, viewport={"width": 390, "height": 900}) as page:
        page.goto(server + "rejestr/")
        order = page.get_by_label("Kolejność")
        assert order.is_visible()
        assert not page.get_by_role("button", name="Klub").is_visible()
        index = page.locator("#tabela-klubow thead th").all_text_contents()
        valid = next(i for i, t in enumerate(index) if "Ważny do" in t)
        order.select_option(f"{valid}:descending")
        cells = page.locator("#tabela-klubow tbody td[data-label='Ważny do']")
        keys = [cells.nth(i).get_attribute("data-sort") for i in range(cells.count())]
        assert keys == sorted(keys, reverse=True)
        assert (page.locator("#tabela-klubow thead th").nth(valid).get_attribute("aria-sort")
                == "descending")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_logo_shows_in_forced_colours(browser: Browser, server: str, scheme: str) -> None:
    """Windows high contrast: the white logo would vanish on a light forced background."""
    with guarded_page(browser, viewport={"width": 1280, "height": 800},
                      forced_colors="active", color_scheme=scheme) as page:
        page.goto(server, wait_until="networkidle")
        canvas = page.evaluate("getComputedStyle(document.body).backgroundColor")
        shot = Image.open(io.BytesIO(page.locator(".md-header .md-logo img").screenshot()))
    background = tuple(int(n) for n in canvas[canvas.index("(") + 1:-1].split(",")[:3])
    pixels = list(shot.convert("RGB").get_flattened_data())
    drawn = [p for p in pixels if sum(abs(a - b) for a, b in zip(p, background, strict=True)) > 150]
    assert len(drawn) > len(pixels) // 10, f"the logo is not seen on {canvas}"
