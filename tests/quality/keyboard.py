"""Walking a page with the Tab key: which elements take focus, and whether focus is visible.

Before the walk every element gets a number (``data-kis-kbd``) and the focusable ones a snapshot
of the styles a focus indicator can change; at each Tab stop the focused element's styles are
compared with its snapshot. No difference means no visible focus indicator. Each stop also
measures the contrast of the indicator against the colours next to it (:mod:`tests.quality.focus`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from playwright.sync_api import Page

from tests.quality.browser import WIDTHS
from tests.quality.focus import INSTALL, MEASURE, Contrast

# Page kinds the sweep (tests/quality/sweep.py) walks with Tab from top to bottom, at both
# widths; on the big site only those with maps, on the desktop only (the phone layout does not
# depend on the data).
WALKED = {"home", "national register", "voivodeship", "map", "club: certyfikowany",
          "open data", "search results", "certificate check", "statistics",
          "founding: calculator", "founding: self-check"}
WALKED_SAMPLED = {"voivodeship", "map"}
# Controls every one of which must be reachable by Tab.
MUST_REACH = (".kis-map a[href], .kis-map-table a[href], button.kis-sort, form.kis-filter select, "
              "[data-kis-order] select")

KBD_ATTR = re.compile(r' data-kis-kbd="\d*"')
FOCUSABLE = ("a[href], button, input, select, textarea, summary, label[tabindex], "
             "[tabindex]:not([tabindex='-1'])")

PREPARE = """focusable => {
  const props = ['box-shadow', 'background-color', 'color', 'text-decoration-line',
    'text-decoration-thickness', 'fill', 'fill-opacity', 'r', 'filter', 'opacity'];
  const drawn = (s, style, width) => s.getPropertyValue(style) !== 'none' &&
    parseFloat(s.getPropertyValue(width)) > 0;
  const look = e => {
    const s = getComputedStyle(e);
    const out = props.map(p => s.getPropertyValue(p));
    // outline, borders and stroke count only where they are drawn
    if (drawn(s, 'outline-style', 'outline-width')) {
      out.push(['outline-width', 'outline-color', 'outline-offset', 'outline-style']
        .map(p => s.getPropertyValue(p)).join(' '));
    }
    for (const side of ['top', 'right', 'bottom', 'left']) {
      if (drawn(s, `border-${side}-style`, `border-${side}-width`)) {
        out.push(side + s.getPropertyValue(`border-${side}-width`) +
                 s.getPropertyValue(`border-${side}-color`));
      }
    }
    if (s.getPropertyValue('stroke') !== 'none') {
      out.push(s.getPropertyValue('stroke') + s.getPropertyValue('stroke-width'));
    }
    return out.join('|');
  };
  const signature = el => [el, ...Array.from(el.querySelectorAll('*')).slice(0, 12)]
    .map(look).join('/');
  window.__kisSignature = signature;
  let n = 0;
  for (const el of document.querySelectorAll('*')) { el.dataset.kisKbd = String(n++); }
  window.__kisBefore = {};
  for (const el of document.querySelectorAll(focusable)) {
    window.__kisBefore[el.dataset.kisKbd] = signature(el);
  }
  return document.querySelectorAll(focusable).length;
}"""

STOP = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) { return null; }
  const r = el.getBoundingClientRect();
  const shown = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
    r.top < window.innerHeight && r.left < window.innerWidth &&
    getComputedStyle(el).visibility !== 'hidden';
  const before = (window.__kisBefore || {})[el.dataset.kisKbd];
  // WCAG 2.2, 2.4.11: hidden entirely behind a fixed or sticky bar (the header) when focused
  const pinned = n => { for (; n && n.nodeType === 1; n = n.parentElement) {
    if (['fixed', 'sticky'].includes(getComputedStyle(n).position)) { return true; } }
    return false; };
  const hits = el.closest('svg') ? [] : Array.from(el.getClientRects())
    .filter(b => b.width > 0 && b.height > 0 && b.bottom > 0 && b.top < window.innerHeight)
    .map(b => document.elementFromPoint(Math.min(Math.max(b.left + b.width / 2, 0),
      window.innerWidth - 1), Math.min(Math.max(b.top + b.height / 2, 0), window.innerHeight - 1)));
  const obscured = shown && hits.length > 0 && !pinned(el) &&
    hits.every(h => h && !el.contains(h) && !h.contains(el) && pinned(h));
  return {key: el.dataset.kisKbd || '', shown: shown, obscured: obscured,
          indicator: before === undefined || before !== window.__kisSignature(el),
          html: el.outerHTML.slice(0, 300)};
}"""


@dataclass(frozen=True)
class Stop:
    key: str  # data-kis-kbd of the focused element
    shown: bool  # inside the viewport and not hidden
    obscured: bool  # entirely behind a fixed or sticky bar (e.g. the header)
    indicator: bool  # some style changed with focus
    html: str
    contrast: Contrast | None = None  # of the focus indicator, when one was found


@dataclass(frozen=True)
class Walk:
    """A page walked with Tab, from the top, once it had settled."""

    stops: list[Stop]
    wanted: dict[str, str]  # data-kis-kbd → HTML of the shown controls of MUST_REACH
    start: str  # HTML of what had focus before the first Tab ("" when nothing had)


def walked(kind: str, width: int, sampled: bool) -> bool:
    """Whether the sweep walks a page of ``kind`` at ``width`` (on a ``sampled`` site)."""
    if sampled:
        return kind in WALKED_SAMPLED and width == WIDTHS["desktop"][0]
    return kind in WALKED


# back to the top of the page; what has focus (nothing: the walk starts at the top)
TO_TOP = """() => { window.scrollTo(0, 0); const e = document.activeElement;
  return !e || e === document.body ? '' : e.outerHTML.slice(0, 300); }"""


def walk_page(tab: Page) -> Walk:
    """Walk the open page (scrolled back to the top first): every Tab stop, and the controls
    of :data:`MUST_REACH` it shows."""
    start = tab.evaluate(TO_TOP)
    stops = walk(tab)
    return Walk(stops, keys_of(tab, MUST_REACH), _clean(start))


def _clean(html: str) -> str:
    return KBD_ATTR.sub("", html)


def walk(tab: Page, extra: int = 40) -> list[Stop]:
    """Press Tab from the top of the page until focus leaves the page or comes round again."""
    count = tab.evaluate(PREPARE, FOCUSABLE)
    tab.evaluate(INSTALL, FOCUSABLE)
    stop = f"() => {{ const s = ({STOP})(); if (s) {{ s.contrast = ({MEASURE})(); }} return s; }}"
    stops: list[Stop] = []
    seen: set[str] = set()
    for _ in range(count + extra):
        tab.keyboard.press("Tab")
        found = tab.evaluate(stop)
        if found is None or found["key"] in seen:
            break
        seen.add(found["key"])
        stops.append(Stop(**{**found, "html": _clean(found["html"]),
                             "contrast": Contrast(**found["contrast"])}))
    return stops


def keys_of(tab: Page, selector: str) -> dict[str, str]:
    """``data-kis-kbd`` → HTML snippet of the shown elements matching ``selector`` (after walk).

    A control the layout hides (``visibility: hidden``, ``display: none``: the table's sort
    buttons on a phone, where a select sorts instead) need not take focus."""
    found = tab.evaluate(
        """s => Object.fromEntries(Array.from(document.querySelectorAll(s))
               .filter(e => e.checkVisibility({visibilityProperty: true}))
               .map(e => [e.dataset.kisKbd, e.outerHTML.slice(0, 300)]))""", selector)
    return {key: _clean(html) for key, html in found.items()}


def tab_to(tab: Page, selector: str, limit: int = 400) -> bool:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("s => document.activeElement.matches(s)", selector):
            return True
    return False
