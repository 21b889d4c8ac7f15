"""Keyboard use with real key presses: the skip link, visible focus, every map link and table
control reachable by Tab, the phone menu, and sorting, filtering and following a map link."""

from __future__ import annotations

from playwright.sync_api import Browser
from playwright.sync_api import Page as Tab
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.quality.browser import WIDTHS, guarded, opened
from tests.quality.findings import Finding, fail_on, snippet
from tests.quality.focus import INSTALL, MEASURE, Contrast
from tests.quality.keyboard import (
    FOCUSABLE,
    STOP,
    WALKED,
    WALKED_SAMPLED,
    keys_of,
    tab_to,
    walk,
    walked,
)
from tests.quality.sites import Page, Site, pages
from tests.quality.sweep import Sweep

SKIP_LINK_PAGES = {"home", "national register", "club: certyfikowany", "map"}
MENU_BUTTON = ".md-header label[for='__drawer']"
# the focus is in the open phone menu (the page's body when the walk wraps around counts too)
IN_MENU = ("() => { const e = document.activeElement; "
           "return e === document.body || !!e.closest('.md-sidebar--primary'); }")
# Where focus must stand out on the site's own dark or light surfaces: the skip link, header,
# tabs, the phone menu, and the search forms.
CHROME = ".md-skip, .md-header, .md-tabs, .md-sidebar--primary, form[role='search']"
HOME_SEARCH = "form[role='search'] input"
CHROME_STOP = f"""s => {{ const e = document.activeElement;
  if (!e || !e.closest(s)) {{ return null; }}
  return {{html: e.outerHTML.slice(0, 200), contrast: ({MEASURE})()}}; }}"""


def chosen(site: Site, kinds: set[str]) -> list[Page]:
    found, problems = pages(site)
    assert not problems, problems
    return [p for p in found if p.kind in kinds]


def test_skip_link_is_first_visible_and_leads_to_content(site: Site, browser: Browser) -> None:
    findings = []
    for width, height in WIDTHS.values():
        with guarded(browser, width, height) as visit:  # each page freshly loaded in it
            for page in chosen(site, SKIP_LINK_PAGES):
                visit.go(site.url(page.path))
                tab = visit.tab
                tab.keyboard.press("Tab")
                first = tab.evaluate("""() => { const e = document.activeElement;
                    const r = e.getBoundingClientRect();
                    return {skip: e.matches('a.md-skip[href="#tresc"]'), html: e.outerHTML,
                            shown: r.width > 0 && r.height > 0 && r.top >= 0 &&
                                   r.bottom <= innerHeight && r.left >= 0};}""")
                tab.keyboard.press("Enter")
                target = tab.evaluate("() => document.activeElement.id")
                where = page.label(width)
                if not first["skip"]:
                    findings.append(Finding("keyboard", where, "first Tab stop is not the skip "
                                            "link to #tresc", snippet(first["html"])))
                elif not first["shown"]:
                    findings.append(Finding("keyboard", where, "skip link not visible when "
                                            "focused", snippet(first["html"])))
                elif target != "tresc":
                    findings.append(Finding("keyboard", where, "Enter on the skip link does not "
                                            "move focus to the content", f"focus on #{target}"))
    fail_on(f"{site.name}: skip link", findings)


def test_tab_reaches_every_control_with_visible_focus(site: Site, swept: Sweep) -> None:
    """The Tab walks of the sweep (tests/quality/keyboard.py chooses the pages and widths)."""
    findings = []
    kinds = WALKED_SAMPLED if site.sampled else WALKED
    expected = {(page.kind, width) for page in chosen(site, kinds) for width, _ in WIDTHS.values()
                if walked(page.kind, width, site.sampled)}
    done = [(v, v.walk) for v in swept.visits if v.walk is not None]
    assert expected and {(v.page.kind, v.width) for v, _ in done} == expected, (
        f"walked {sorted((v.page.kind, v.width) for v, _ in done)}, expected {sorted(expected)}")
    for visit, tabbed in done:
        where, stops, wanted = visit.label, tabbed.stops, tabbed.wanted
        if tabbed.start:
            findings.append(Finding("keyboard", where, "focus was not at the top of the page "
                                    "before the first Tab", snippet(tabbed.start)))
        assert len(stops) > 3, f"{where}: Tab reached only {len(stops)} elements"
        reached = {s.key for s in stops}
        findings += [Finding("keyboard", where, "not reachable by Tab", snippet(html))
                     for key, html in wanted.items() if key not in reached]
        for stop in stops:
            if not stop.shown:
                findings.append(Finding("keyboard", where, "focused element is not visible",
                                        snippet(stop.html)))
            elif stop.obscured:
                findings.append(Finding("keyboard", where, "focused element hidden behind "
                                        "a fixed bar (WCAG 2.4.11)", snippet(stop.html)))
            elif not stop.indicator:
                findings.append(Finding("keyboard", where, "no visible focus indicator",
                                        snippet(stop.html)))
            elif stop.contrast is not None and not stop.contrast.enough:
                findings.append(Finding("keyboard", where, "focus indicator under 3:1 "
                                        f"({stop.contrast})", snippet(stop.html)))
    fail_on(f"{site.name}: keyboard focus", findings)


def test_the_menu_opens_from_the_keyboard_on_a_phone(site: Site, browser: Browser) -> None:
    (home,) = chosen(site, {"home"})
    with opened(browser, site, home.path, *WIDTHS["phone"]) as visit:
        tab = visit.tab
        assert tab_to(tab, MENU_BUTTON, limit=5), "the menu button is not reachable by Tab"
        tab.keyboard.press("Enter")
        assert tab.evaluate("() => document.getElementById('__drawer').checked"), (
            "Enter on the menu button does not open the menu")
        assert tab_to(tab, ".md-sidebar--primary a.md-nav__link", limit=20), (
            "no menu link reachable by Tab in the open menu")
        # the drawer slides in (a CSS transition): wait for it, up to 2 s, instead of sampling
        # one moment of the animation, which a loaded machine can catch half-way
        shown = f"() => {{ const s = ({STOP})(); return s !== null && s.shown; }}"
        try:
            tab.wait_for_function(shown, timeout=2000)
        except PlaywrightTimeout:
            raise AssertionError("the focused menu link is not on the screen") from None
        # the open menu covers the page: Tab stays in it (WCAG 2.2, 2.4.11 focus not obscured)
        behind = []
        for _ in range(40):
            tab.keyboard.press("Tab")
            if not tab.evaluate(IN_MENU):
                behind.append(tab.evaluate("() => document.activeElement.outerHTML.slice(0, 80)"))
        assert not behind, f"Tab reaches what the open menu covers: {behind[:3]}"
        tab.keyboard.press("Escape")
        assert not tab.evaluate("() => document.getElementById('__drawer').checked"), (
            "Escape does not close the menu")
        assert tab.evaluate(f"() => document.activeElement.matches({MENU_BUTTON!r})"), (
            "after Escape the focus is not back on the menu button")


def _chrome_stops(tab: Tab, presses: int, until: str = "") -> list[tuple[str, Contrast]]:
    """Press Tab ``presses`` times (or until focus is on ``until``); the focus contrast at each
    stop inside :data:`CHROME`."""
    found = []
    for _ in range(presses):
        tab.keyboard.press("Tab")
        stop = tab.evaluate(CHROME_STOP, CHROME)
        if stop is not None:
            found.append((stop["html"], Contrast(**stop["contrast"])))
        if until and tab.evaluate("s => document.activeElement.matches(s)", until):
            break
    return found


def test_focus_stands_out_in_the_header_menu_and_search(site: Site, browser: Browser) -> None:
    """3:1 between every focus indicator and what is next to it (WCAG 2.2, 1.4.11), measured
    on the skip link, the header and tabs, the open phone menu and the search form."""
    (home,) = chosen(site, {"home"})
    findings = []
    for name, (width, height) in WIDTHS.items():
        with opened(browser, site, home.path, width, height) as visit:
            tab = visit.tab
            tab.evaluate(INSTALL, FOCUSABLE)
            if name == "phone":
                stops = _chrome_stops(tab, 20, until=MENU_BUTTON)
                assert tab.evaluate(f"() => document.activeElement.matches(\"{MENU_BUTTON}\")"), (
                    "the menu button is not reachable by Tab")
                tab.keyboard.press("Enter")
                stops += _chrome_stops(tab, 30)
            else:
                stops = _chrome_stops(tab, 15)
        with opened(browser, site, home.path, width, height) as visit:
            tab = visit.tab
            tab.evaluate(INSTALL, FOCUSABLE)
            assert tab_to(tab, HOME_SEARCH), "the search box on the home page is not reachable"
            stops.append((tab.evaluate("() => document.activeElement.outerHTML.slice(0, 200)"),
                          Contrast(**tab.evaluate(MEASURE))))
            stops += _chrome_stops(tab, 2)
        assert len(stops) > 5, f"{home.label(width)}: only {len(stops)} stops in the header"
        findings += [Finding("keyboard", home.label(width), f"focus indicator under 3:1 ({c})",
                             snippet(html)) for html, c in stops if not c.enough]
    fail_on(f"{site.name}: focus contrast in the header, menu and search", findings)


def test_sorting_filtering_and_map_links_work_from_the_keyboard(site: Site,
                                                                 browser: Browser) -> None:
    width, height = WIDTHS["desktop"]
    (register,) = chosen(site, {"national register"})
    with opened(browser, site, register.path, width, height) as visit:
        tab = visit.tab
        count = tab.locator("[data-kis-count]").first
        shown = count.inner_text()
        assert tab_to(tab, "form.kis-filter select"), "no filter reachable by Tab"
        tab.keyboard.press("ArrowDown")
        assert count.inner_text() != shown, "choosing a filter with the keyboard changed nothing"
        assert tab_to(tab, "button.kis-sort"), "no sort button reachable by Tab"
        header = "document.activeElement.closest('th').getAttribute('aria-sort')"
        before = tab.evaluate(f"() => {header}")
        tab.keyboard.press("Enter")
        # sorting a paged list first reads its other pages: wait for the header to say so
        tab.wait_for_function(
            "(before) => { const th = document.activeElement && document.activeElement"
            ".closest('th'); const s = th && th.getAttribute('aria-sort');"
            " return Boolean(s) && s !== before; }", arg=before, timeout=15_000)
        after = tab.evaluate(f"() => {header}")
        assert after in ("ascending", "descending") and after != before, (before, after)
    (map_page,) = chosen(site, {"map"})
    with opened(browser, site, map_page.path, width, height) as visit:
        tab = visit.tab
        assert tab_to(tab, ".kis-map a.kis-map-region"), "no map region reachable by Tab"
        with tab.expect_navigation():
            tab.keyboard.press("Enter")
        assert "/wojewodztwa/" in tab.url, tab.url


def test_the_walk_finds_missing_focus_styles_and_unreachable_links(browser: Browser) -> None:
    with guarded(browser) as visit:
        visit.tab.set_content(
            '<style>a{outline:none}a.ok:focus{outline:3px solid #000}</style>'
            '<a class="ok" href="#a">jeden</a> <a class="bad" href="#b">dwa</a> '
            '<a class="off" href="#c" tabindex="-1">trzy</a>')
        stops = walk(visit.tab)
        wanted = keys_of(visit.tab, "a")
    assert [(s.indicator, "ok" in s.html) for s in stops] == [(True, True), (False, False)]
    assert len(wanted) == 3 and len({s.key for s in stops} & set(wanted)) == 2


def test_the_focus_contrast_is_measured_against_the_background(browser: Browser) -> None:
    with guarded(browser) as visit:
        visit.tab.set_content(
            '<style>a:focus-visible{outline:3px solid #111111}'
            'header{background:#1a3a7a} header a:focus-visible.light{outline-color:#ffffff}'
            '</style><header><a href="#a">ciemny</a> <a class="light" href="#b">jasny</a></header>'
            '<main><a href="#c">treść</a></main>')
        stops = walk(visit.tab)
    found = [(s.contrast.kind, s.contrast.colour, s.contrast.against, s.contrast.enough)
             for s in stops if s.contrast]
    assert found == [("outline", "#111111", "#1a3a7a", False),
                     ("outline", "#ffffff", "#1a3a7a", True),
                     ("outline", "#111111", "#ffffff", True)], found


def test_the_walk_finds_focus_hidden_behind_a_fixed_bar(browser: Browser) -> None:
    with guarded(browser) as visit:
        visit.tab.set_content(
            '<body style="margin:0"><div style="position:fixed;top:0;left:0;right:0;height:60px;'
            'background:#eee;z-index:1">pasek</div><a href="#a" style="position:relative;'
            'top:10px">pod paskiem</a><div style="margin-top:80px"><a href="#b">widoczny</a>'
            '</div></body>')
        stops = walk(visit.tab)
    assert [(s.obscured, "pod paskiem" in s.html) for s in stops] == [(True, True),
                                                                      (False, False)], stops
