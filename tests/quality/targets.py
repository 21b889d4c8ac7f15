"""Target size (WCAG 2.2 success criterion 2.5.8) and the use of the width, measured in the page.

:data:`SMALL_TARGETS` lists every pointer target (link, button, form field, summary, map dot)
smaller than 24 × 24 CSS px that none of the criterion's exceptions covers:

- *inline*: a link inside running text (its block holds other text);
- *spacing*: a 24 px circle centred on the target intersects no other target and no other
  undersized target's circle;
- a checkbox or radio button counts together with its label (clicking either works).

A map dot is an SVG link: its box is that of its hit area, which must reach 24 × 24 px whatever
its spacing (dots sit on the voivodeship regions, themselves links).

:data:`LAYOUT` measures how a page uses a wide window: the width of the content and of each
sidebar with the number of links shown in it, so a sidebar holding nothing (or a single link)
beside a narrow column is found.
"""

from __future__ import annotations

MIN_SIZE = 24  # CSS px

TARGETS = ("a[href], button, input:not([type='hidden']), select, textarea, summary, "
           "[role='button'], [role='link'], [tabindex]:not([tabindex='-1'])")

SMALL_TARGETS = """([selector, min]) => {
  const shown = el => el.checkVisibility({visibilityProperty: true}) &&
    el.getClientRects().length > 0;
  const inline = el => {
    if (el.closest('svg') || getComputedStyle(el).display !== 'inline') return false;
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith('inline')) {
      block = block.parentElement;
    }
    if (!block) return false;
    const own = Array.from(block.querySelectorAll(selector)).map(t => t.textContent).join('');
    return block.textContent.replace(/\\s/g, '').length > own.replace(/\\s/g, '').length;
  };
  const box = el => {
    let r = el.getBoundingClientRect();
    let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
    if (el.matches('input[type=checkbox], input[type=radio]')) {
      for (const label of el.labels || []) {
        if (!shown(label)) continue;
        r = label.getBoundingClientRect();
        [left, top, right, bottom] = [Math.min(left, r.left), Math.min(top, r.top),
                                      Math.max(right, r.right), Math.max(bottom, r.bottom)];
      }
    }
    return {left: left + scrollX, top: top + scrollY, right: right + scrollX,
            bottom: bottom + scrollY};
  };
  const all = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!shown(el)) continue;
    const b = box(el);
    if (b.right - b.left <= 0 || b.bottom - b.top <= 0 || b.right < 0 || b.bottom < 0) continue;
    all.push({el: el, b: b, inline: inline(el),
              small: b.right - b.left < min - 0.5 || b.bottom - b.top < min - 0.5});
  }
  const centre = b => [(b.left + b.right) / 2, (b.top + b.bottom) / 2];
  const distance = (p, b) => Math.hypot(Math.max(b.left - p[0], 0, p[0] - b.right),
                                        Math.max(b.top - p[1], 0, p[1] - b.bottom));
  const out = [];
  for (const t of all) {
    if (!t.small || t.inline) continue;
    const c = centre(t.b);
    const near = all.find(u => u !== t && !u.inline && !u.el.contains(t.el) &&
      !t.el.contains(u.el) && (distance(c, u.b) < min / 2 ||
      (u.small && Math.hypot(c[0] - centre(u.b)[0], c[1] - centre(u.b)[1]) < min)));
    const dot = t.el.closest('svg') !== null;  // a map dot: its hit area must reach the size
    if (!near && !dot) continue;
    const size = `${Math.round(t.b.right - t.b.left)}×${Math.round(t.b.bottom - t.b.top)} px`;
    out.push({size: size, html: t.el.outerHTML.slice(0, 200),
              near: near ? near.el.outerHTML.slice(0, 120) : '(a map dot)'});
  }
  return out;
}"""

LAYOUT = """() => {
  const links = s => { const e = document.querySelector(s); if (!e) return null;
    const r = e.getBoundingClientRect();
    if (r.width === 0 || !e.checkVisibility({visibilityProperty: true})) return null;
    const shown = Array.from(e.querySelectorAll('a[href]')).filter(a =>
      a.checkVisibility({visibilityProperty: true}) && a.getClientRects().length > 0);
    return {width: Math.round(r.width), links: shown.length}; };
  const width = s => { const e = document.querySelector(s);
    return e ? Math.round(e.getBoundingClientRect().width) : 0; };
  return {content: width('.md-content'), main: width('.md-main__inner'),
          primary: links('.md-sidebar--primary'), secondary: links('.md-sidebar--secondary')};
}"""

# WCAG 2.1 success criterion 1.4.10 (reflow): how wide the page is, and the first few elements
# that stick out past the right edge of the window (ignoring hidden ones and table heads).
REFLOW = """() => { const out = [];
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.right > innerWidth + 1 && r.width > 0 && !e.closest('[hidden], thead'))
      out.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
  }
  return {width: document.documentElement.scrollWidth, culprits: out.slice(0, 3)}; }"""
