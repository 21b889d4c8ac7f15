"""How well a focus indicator stands out: its colour against the colours next to it.

WCAG 2.2 success criterion 1.4.11 (non-text contrast) asks a focus indicator for a contrast of at
least 3:1 against the colours adjacent to it. :data:`MEASURE` takes the focused element and
finds what draws its indicator, in this order: an outline (drawn outside the element, so measured
against the background behind the element, and against the element's own background too when it
is drawn on or inside its edge), a box shadow (against the background behind the element), a
background that changed with focus (the new background against the old one), a border that
changed with focus, an underline that appeared (the text colour against the background). The
background behind an element is the composite of every ancestor's background colour down to the
first opaque one (white when none is).

:data:`INSTALL` defines ``window.__kisFocusContrast`` and snapshots the unfocused background and
decoration of every focusable element; run it before focusing anything.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_RATIO = 3.0

INSTALL = """focusable => {
  const parse = text => {
    let m = text.match(/rgba?\\(([^)]*)\\)/);
    if (m) {
      const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(parseFloat);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    m = text.match(/color\\(srgb ([^)]*)\\)/);
    if (m) {
      const p = m[1].split(/[\\s\\/]+/).filter(Boolean).map(parseFloat);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
    }
    return null;
  };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3]));
  const behind = start => {
    const layers = [];
    for (let n = start; n && n.nodeType === 1; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor) || [0, 0, 0, 0];
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255]);
  };
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
    return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const hex = c => '#' + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0'))
    .join('');
  const state = el => { const s = getComputedStyle(el);
    return {bg: s.backgroundColor, line: s.textDecorationLine,
            border: ['top', 'right', 'bottom', 'left'].map(d => s[`border-${d}-color`] + ' ' +
              s[`border-${d}-width`] + ' ' + s[`border-${d}-style`]).join('|')}; };
  window.__kisUnfocused = new Map();
  for (const el of document.querySelectorAll(focusable)) {
    window.__kisUnfocused.set(el, state(el));
  }
  window.__kisFocusContrast = el => {
    const s = getComputedStyle(el);
    const before = window.__kisUnfocused.get(el) || state(el);
    const outside = behind(el.parentElement);
    const own = behind(el);
    const result = (kind, colour, against) => {
      const drawn = over(colour, against[0]);
      const worst = Math.min(...against.map(a => ratio(drawn, a)));
      const which = against.find(a => ratio(drawn, a) === worst);
      return {kind: kind, colour: hex(drawn), against: hex(which),
              ratio: Math.round(worst * 100) / 100};
    };
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) {
      const colour = parse(s.outlineColor);
      if (colour && colour[3] > 0) {
        const inside = parseFloat(s.outlineOffset) <= 0 ? [own] : [];
        return result('outline', colour, [outside, ...inside]);
      }
    }
    const shadow = s.boxShadow !== 'none' && parse(s.boxShadow);
    if (shadow && shadow[3] > 0) { return result('box-shadow', shadow, [outside]); }
    if (s.backgroundColor !== before.bg) {
      const now = own;
      const was = over(parse(before.bg) || [0, 0, 0, 0], outside);
      return result('background', [...now, 1], [was]);
    }
    if (state(el).border !== before.border) {
      const colour = parse(s.borderBottomColor);
      if (colour) { return result('border', colour, [outside, own]); }
    }
    if (s.textDecorationLine !== before.line && s.textDecorationLine.includes('underline')) {
      return result('underline', parse(s.color) || [0, 0, 0, 1], [own]);
    }
    return {kind: 'none', colour: '', against: '', ratio: 0};
  };
}"""

MEASURE = "() => window.__kisFocusContrast(document.activeElement)"


@dataclass(frozen=True)
class Contrast:
    kind: str  # "outline", "box-shadow", "background", "border", "underline" or "none"
    colour: str  # the indicator's colour, #rrggbb
    against: str  # the adjacent colour it contrasts least with
    ratio: float

    @property
    def enough(self) -> bool:
        return self.ratio >= MIN_RATIO

    def __str__(self) -> str:
        if self.kind == "none":
            return "no focus indicator found"
        return f"{self.kind} {self.colour} on {self.against}: {self.ratio}:1"
