"""What the site's scripts do while a page loads on a phone (#19, total blocking time).

Material's stylesheet has rules like ``.md-typeset table:not([class]) td > :first-child``: with
them, a class set on an element of the parsed page, or an element inserted among the page's
content, makes Chromium restyle the whole subtree — the whole page for ``<html>``. So: the
classes the theme's bundle gives ``<html>`` are set in ``<head>``, before the body is read, and
the bundle's own changes are no change; kis-tables.js changes no class and inserts only into
header cells, captions and the empty ``<p data-kis-order>`` the page has for it; the scrolling
tables are found after layout (a ResizeObserver), and the search index is read only when the
search is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Request, expect

from generator.resources import SITE_TEMPLATES
from tests.browser_support import guarded_page, serve

pytest_plugins = ["tests.fixtures"]

HTML_CLASSES = "js-focus-visible js"  # what the bundle leaves on <html>, in its order

# Records, from before the page is parsed, every change of a class attribute (to another value)
# and every element a script inserts after the page is parsed (DOMContentLoaded).
WATCH = """
(() => {
  const seen = {parsing: [], after: []};
  window.__kisSeen = seen;
  let phase = "parsing";
  const name = n => n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") +
    (n.hasAttribute("data-kis-order") ? "[data-kis-order]" : "") +
    (n.getAttribute("class") ? "." + n.getAttribute("class").trim().split(/\\s+/).join(".") : "");
  const note = records => records.forEach(r => {
    if (r.type === "attributes") {
      const now = r.target.getAttribute("class");
      if (now !== r.oldValue) seen[phase].push(["class", name(r.target), r.oldValue, now]);
    } else if (phase === "after") {
      r.addedNodes.forEach(n => {
        if (n.nodeType === 1) seen.after.push(["added", name(n), name(r.target)]);
      });
    }
  });
  const observer = new MutationObserver(note);
  observer.observe(document, {subtree: true, childList: true, attributes: true,
                              attributeOldValue: true, attributeFilter: ["class"]});
  document.addEventListener("DOMContentLoaded", () => {
    note(observer.takeRecords());
    phase = "after";
  });
})();
"""
# Where kis-tables.js may insert: inside a header cell, a caption or its own empty paragraph.
INSERT_INTO = re.compile(r"^(th|caption|p\[data-kis-order\])(\W|$)")


@pytest.fixture(scope="module")
def site(demo_site: Path) -> Path:
    return demo_site


def test_html_classes_are_set_in_the_head(site: Path) -> None:
    for page in ("index.html", "rejestr/index.html", "formularze/karta-audytu/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        head = html[:html.index("<body")]
        assert '<html lang="pl" class="no-js">' in head, page  # stays so without JavaScript
        assert f'<script>document.documentElement.className="{HTML_CLASSES}"</script>' in head


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("url", ["", "rejestr/", "wojewodztwa/", "wojewodztwa/pomorskie/",
                                 "dane/", "formularze/karta-audytu/", "szukaj/"])
def test_loading_restyles_nothing_already_laid_out(browser: Browser, server: str, url: str,
                                                   width: int) -> None:
    with guarded_page(browser, viewport={"width": width, "height": 900}) as page:
        page.add_init_script(WATCH)
        page.goto(server + url, wait_until="networkidle")
        page.wait_for_timeout(100)
        seen = page.evaluate("window.__kisSeen")
        assert page.evaluate("document.documentElement.className") == HTML_CLASSES
        assert seen["parsing"] == [["class", "html." + HTML_CLASSES.replace(" ", "."),
                                    "no-js", HTML_CLASSES]]
        assert [s for s in seen["after"] if s[0] == "class"] == []
        misplaced = [s for s in seen["after"] if s[0] == "added" and not INSERT_INTO.match(s[2])]
        assert misplaced == []
        if url in ("rejestr/", "wojewodztwa/"):  # the sort list went into its paragraph
            order = page.locator("p[data-kis-order]")
            assert order.get_attribute("hidden") is None
            assert order.get_by_label("Kolejność").is_visible() == (width < 720)


@pytest.mark.parametrize("url", ["rejestr/", "wojewodztwa/"])
def test_without_javascript_the_sort_list_paragraph_takes_no_room(browser: Browser, server: str,
                                                                  url: str) -> None:
    with guarded_page(browser, viewport={"width": 390, "height": 900},
                      java_script_enabled=False) as page:
        page.goto(server + url)
        assert page.evaluate("document.documentElement.className") == "no-js"
        assert page.locator("p[data-kis-order]").count() == 1
        assert page.locator("p[data-kis-order]").bounding_box() is None  # not rendered


@pytest.fixture(scope="module")
def wide_table(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A page with one table wider than a phone, and kis-tables.js."""
    root = tmp_path_factory.mktemp("wide")
    (root / "kis-tables.js").write_bytes((SITE_TEMPLATES / "assets" / "kis-tables.js")
                                         .read_bytes())
    cells = "".join(f"<td>komórka{i}</td>" for i in range(12))
    (root / "index.html").write_text(
        '<!doctype html><html lang="pl"><head><meta charset="utf-8">'
        "<style>.kis-table-wrap{overflow-x:auto}td{white-space:nowrap}</style></head><body>"
        '<div class="md-typeset"><div class="kis-table-wrap"><table>'
        f"<caption>Szeroka tabela</caption><tbody><tr>{cells}</tr></tbody></table></div></div>"
        '<script src="kis-tables.js"></script></body></html>', encoding="utf-8")
    with serve(root) as base:
        yield base


@pytest.mark.parametrize("observer", [True, False], ids=["ResizeObserver", "older browser"])
def test_a_table_wider_than_the_screen_becomes_a_scrollable_region(browser: Browser,
                                                                   wide_table: str,
                                                                   observer: bool) -> None:
    with guarded_page(browser, viewport={"width": 320, "height": 600}) as page:
        if not observer:
            page.add_init_script("delete window.ResizeObserver")
        page.goto(wide_table)
        wrap = page.locator(".kis-table-wrap")
        page.wait_for_function("document.querySelector('.kis-table-wrap[role=region]')")
        assert wrap.get_attribute("tabindex") == "0"
        assert wrap.get_attribute("aria-label") == "Szeroka tabela"
        page.set_viewport_size({"width": 1800, "height": 600})  # now the table fits
        page.wait_for_function("!document.querySelector('.kis-table-wrap[role]')")
        assert wrap.get_attribute("tabindex") is None


def test_the_search_index_is_read_only_when_the_search_is_used(browser: Browser,
                                                               server: str) -> None:
    with guarded_page(browser, viewport={"width": 390, "height": 900}) as page:
        asked: list[str] = []

        def note(request: Request) -> None:
            if request.url.endswith((".json",)):
                asked.append(request.url.rsplit("/", 1)[-1])

        page.on("request", note)
        page.goto(server + "szukaj/", wait_until="networkidle")
        assert asked == []
        box = page.get_by_label("Miejscowość, gmina, nazwa klubu, usługa lub temat")
        with page.expect_response(lambda r: r.url.endswith("/search-index.json")), \
                page.expect_response(lambda r: r.url.endswith("/places.json")):
            box.focus()  # the requests start after the event: waited for, not raced
        assert sorted(asked) == ["places.json", "search-index.json"]
        box.fill("Kolbudy")
        expect(page.locator("#kis-search-list li").first).to_be_visible()
        assert sorted(asked) == ["places.json", "search-index.json"]  # read once
