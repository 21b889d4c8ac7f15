"""Charts as inline SVG, drawn at build time: no script, nothing from another host (pure).

Every chart scales to its box (``viewBox``, no fixed size) and is 320 units wide, so that its
text keeps nearly its size on a 320 px screen; long labels wrap onto a second line. Its
accessible name is its ``<title>``; the numbers are in the data table the page puts under
each chart. Colours keep at least 3:1 against white
(WCAG 1.4.11); the legend is HTML, beside the chart (:func:`legend`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.parts.statistics.figures import Spread

WIDTH = 320
LABEL_CHARS = 40  # characters of a label line (font size 14) in the chart's width
FONT = 'font-family="KIS Sans, system-ui, sans-serif" font-size="13"'
TEXT = "#1f2937"
GRID = "#c3c8d0"
COLOURS = ("#1a3a7a", "#2e7d32", "#9a5b00", "#b3261e")  # 3:1 or more against white


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]
    colour: str


def series(named: Sequence[tuple[str, Sequence[int]]]) -> tuple[Series, ...]:
    return tuple(Series(n, tuple(v), COLOURS[i % len(COLOURS)]) for i, (n, v) in enumerate(named))


def nice_step(top: float, ticks: int = 4) -> int:
    """A round step (1, 2, 5, 10, 20, …) giving at most ``ticks`` steps up to ``top``."""
    step = 1
    while top / step > ticks:
        for factor in (2, 2.5, 2):
            step = int(step * factor)
            if top / step <= ticks:
                break
    return step


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def wrap(text: str, width: int = LABEL_CHARS) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        elif lines and len(last := lines[-1].rsplit(" ", 1)) == 2 and len(last[1]) == 1:
            lines[-1] = last[0]  # a one-letter word („i”, „w”) does not end a line
            lines.append(f"{last[1]} {word}")
        else:
            lines.append(word)
    return lines or [""]


def _label(x: float, y: float, text: str) -> tuple[str, float]:
    """A label whose first baseline is at ``y``, and the height its lines take."""
    lines = wrap(text)
    spans = "".join(
        f'<tspan x="{_num(x)}" dy="{0 if i == 0 else 16}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (f'<text x="{_num(x)}" y="{_num(y + 2)}" font-size="14" fill="{TEXT}">{spans}</text>',
            16.0 * len(lines))


def _svg(chart_id: str, title: str, height: float, body: list[str]) -> Markup:
    head = (
        f'<svg class="kis-chart" viewBox="0 0 {WIDTH} {_num(height)}" role="img" '
        f'aria-labelledby="{chart_id}-t" {FONT}>'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
    )
    return Markup(head + "".join(body) + "</svg>")


def columns(chart_id: str, title: str, ticks: Sequence[str], data: Sequence[Series]) -> Markup:
    """Vertical bars, one group per tick (``""`` ticks are not labelled), one bar per series."""
    left, right, top, bottom, plot_h = 34.0, 6.0, 8.0, 22.0, 170.0
    count = len(ticks)
    peak = max((v for s in data for v in s.values), default=0)
    step = nice_step(max(peak, 1))
    ceiling = step * max(1, -(-max(peak, 1) // step))
    body: list[str] = []
    base = top + plot_h
    for k in range(0, ceiling + 1, step):
        y = base - plot_h * k / ceiling
        body.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{_num(y)}" y2="{_num(y)}" '
                    f'stroke="{GRID}" stroke-width="1"/>')
        body.append(f'<text x="{left - 4}" y="{_num(y + 4)}" text-anchor="end" '
                    f'fill="{TEXT}">{k}</text>')
    slot = (WIDTH - left - right) / max(count, 1)
    bar = slot * 0.8 / max(len(data), 1)
    for i, tick in enumerate(ticks):
        x0 = left + slot * i + slot * 0.1
        for j, s in enumerate(data):
            value = s.values[i]
            h = plot_h * value / ceiling
            body.append(f'<rect x="{_num(x0 + bar * j)}" y="{_num(base - h)}" '
                        f'width="{_num(max(bar - 0.5, 0.5))}" height="{_num(h)}" '
                        f'fill="{s.colour}"/>')
        if tick:
            body.append(f'<text x="{_num(left + slot * i + 1)}" y="{_num(base + 15)}" '
                        f'fill="{TEXT}">{escape(tick)}</text>')
    body.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{base}" y2="{base}" '
                f'stroke="{TEXT}" stroke-width="1"/>')
    return _svg(chart_id, title, top + plot_h + bottom, body)


def bars(chart_id: str, title: str, rows: Sequence[tuple[str, int]], unit: str = "") -> Markup:
    """Horizontal bars, each under its label, with its value at its end."""
    x0, right = 4.0, 40.0
    peak = max((v for _, v in rows), default=0) or 1
    body: list[str] = []
    y = 0.0
    for label, value in rows:
        text, height = _label(x0, y + 12, label)
        body.append(text)
        y += height
        w = (WIDTH - x0 - right) * value / peak
        body.append(f'<rect x="{x0}" y="{_num(y + 2)}" width="{_num(max(w, 1))}" height="12" '
                    f'fill="{COLOURS[0]}"/>')
        body.append(f'<text x="{_num(x0 + max(w, 1) + 4)}" y="{_num(y + 12.5)}" '
                    f'fill="{TEXT}">{value}{escape(unit)}</text>')
        y += 20
    return _svg(chart_id, title, max(y, 20) + 4, body)


def ranges(chart_id: str, title: str, rows: Sequence[tuple[str, Spread | None]]) -> Markup:
    """Per row: the whole range (thin line), the middle half (box) and the median (a mark)."""
    x0, right, axis_h = 4.0, 14.0, 24.0
    peak = max((s.high for _, s in rows if s), default=0) or 1
    step = nice_step(peak, 5)
    ceiling = step * -(-peak // step)
    span = WIDTH - x0 - right

    def x(days: float) -> str:
        return _num(x0 + span * days / ceiling)

    body: list[str] = []
    y = 0.0
    for label, s in rows:
        text, height = _label(x0, y + 12, label)
        body.append(text)
        y += height
        for k in range(0, ceiling + 1, step):  # the grid under the bars only, not the labels
            body.append(f'<line x1="{x(k)}" x2="{x(k)}" y1="{_num(y)}" y2="{_num(y + 26)}" '
                        f'stroke="{GRID}" stroke-width="1"/>')
        mid = y + 13
        if s is None:
            body.append(f'<text x="{x0 + 4}" y="{_num(mid + 4)}" fill="{TEXT}" '
                        'font-style="italic">brak danych</text>')
        else:
            body.append(f'<line x1="{x(s.low)}" x2="{x(s.high)}" y1="{_num(mid)}" '
                        f'y2="{_num(mid)}" stroke="{TEXT}" stroke-width="1.5"/>')
            width = max(float(x(s.q3)) - float(x(s.q1)), 1.5)
            body.append(f'<rect x="{x(s.q1)}" y="{_num(mid - 7)}" width="{_num(width)}" '
                        f'height="14" fill="{COLOURS[0]}"/>')
            body.append(f'<rect x="{_num(float(x(s.median)) - 1.5)}" y="{_num(mid - 10)}" '
                        f'width="3" height="20" fill="{COLOURS[2]}"/>')
        y += 30
    body.append(f'<line x1="{x0}" x2="{WIDTH - right}" y1="{_num(y)}" y2="{_num(y)}" '
                f'stroke="{TEXT}" stroke-width="1"/>')
    for k in range(0, ceiling + 1, step):
        anchor = "start" if k == 0 else "middle"
        body.append(f'<text x="{x(k)}" y="{_num(y + 15)}" text-anchor="{anchor}" '
                    f'fill="{TEXT}">{k}</text>')
    body.append(f'<text x="{WIDTH - right}" y="{_num(y + 30)}" text-anchor="end" '
                f'fill="{TEXT}">dni</text>')
    return _svg(chart_id, title, y + axis_h + 14, body)


def legend(data: Sequence[Series]) -> Markup:
    """The chart's legend as an HTML list (readable at any width, and in print)."""
    items = "".join(
        f'<li><span class="kis-swatch kis-swatch--{COLOURS.index(s.colour)}" '
        f'aria-hidden="true"></span>{escape(s.name)}</li>'
        for s in data
    )
    return Markup(f'<ul class="kis-legend">{items}</ul>')
